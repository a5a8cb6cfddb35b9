// reload (spec §6.4): asks first in interactive mode, then restart(). No upcheck.
import { Faults } from '@tend/protocol';
import type { Command } from '../command.js';
import { isFault } from '../errors.js';
import { ExitCode } from '../exit-codes.js';

const RELOAD_HELP = 'reload \t\tRestart the remote supervisord.';

export const reload: Command = {
  name: 'reload',
  help: RELOAD_HELP,
  async run(ctx, arg) {
    if (arg) {
      ctx.out.line('Error: reload accepts no arguments');
      ctx.out.line(RELOAD_HELP);
      return ExitCode.GENERIC;
    }
    if (ctx.interactive) {
      const answer = await ctx.ask('Really restart the remote supervisord process y/N? ');
      if (!answer?.toLowerCase().startsWith('y')) return ExitCode.SUCCESS;
    }
    const api = ctx.supervisor();
    try {
      await api.restart();
    } catch (err) {
      if (!isFault(err, Faults.SHUTDOWN_STATE)) throw err;
      ctx.out.line('ERROR: already shutting down');
      return ExitCode.GENERIC;
    }
    ctx.out.line('Restarted supervisord');
    return ExitCode.SUCCESS;
  },
};
