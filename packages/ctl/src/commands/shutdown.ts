// shutdown (spec §6.4): asks first in interactive mode, then shutdown(). No upcheck, but a
// refused or missing socket is reported (exit 1), and "already shutting down" exits 0.
import { Faults } from '@tend/protocol';
import type { Command } from '../command.js';
import { ConnectionFailure, isFault } from '../errors.js';
import { ExitCode } from '../exit-codes.js';

const SHUTDOWN_HELP = 'shutdown \tShut the remote supervisord down.';

export const shutdown: Command = {
  name: 'shutdown',
  help: SHUTDOWN_HELP,
  async run(ctx, arg) {
    if (arg) {
      ctx.out.line('Error: shutdown accepts no arguments');
      ctx.out.line(SHUTDOWN_HELP);
      return ExitCode.GENERIC;
    }
    if (ctx.interactive) {
      const answer = await ctx.ask('Really shut the remote supervisord process down y/N? ');
      if (!answer?.toLowerCase().startsWith('y')) return ExitCode.SUCCESS;
    }
    const api = ctx.supervisor();
    try {
      await api.shutdown();
    } catch (err) {
      if (isFault(err, Faults.SHUTDOWN_STATE)) {
        ctx.out.line('ERROR: already shutting down');
        return ExitCode.SUCCESS;
      }
      if (err instanceof ConnectionFailure && (err.errno === 'ECONNREFUSED' || err.errno === 'ENOENT')) {
        const what = err.errno === 'ECONNREFUSED' ? 'refused connection' : 'no such file';
        ctx.out.line(`ERROR: ${ctx.server().serverurl} ${what} (already shut down?)`);
        return ExitCode.GENERIC;
      }
      throw err;
    }
    ctx.out.line('Shut down');
    return ExitCode.SUCCESS;
  },
};
