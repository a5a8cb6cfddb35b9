// restart <names> (spec §6.4): its own upcheck, then the whole `stop <names>` command, then the
// whole `start <names>` command, each with its upcheck; the last failure decides the exit status.
import { pySplitWhitespace } from '@tend/protocol';
import type { Command } from '../command.js';
import { ExitCode, foldExit } from '../exit-codes.js';
import { upcheck } from '../upcheck.js';
import { start } from './start.js';
import { stop } from './stop.js';

const RESTART_HELP = [
  'restart <name>\t\tRestart a process',
  'restart <gname>:*\tRestart all processes in a group',
  'restart <name> <name>\tRestart multiple processes or groups',
  'restart all\t\tRestart all processes',
  'Note: restart does not reread config files. For that, see reread and update.',
].join('\n');

export const restart: Command = {
  name: 'restart',
  help: RESTART_HELP,
  async run(ctx, arg) {
    const up = await upcheck(ctx);
    if (!up.ok) return up.status;
    if (pySplitWhitespace(arg).length === 0) {
      ctx.out.line('Error: restart requires a process name');
      ctx.out.line(RESTART_HELP);
      return ExitCode.GENERIC;
    }
    const stopped = await stop.run(ctx, arg);
    return foldExit(stopped, await start.run(ctx, arg));
  },
};
