// clear <name … | all> (spec §6.4): getVersion, then clearAllProcessLogs or clearProcessLogs per
// name. `g:*` is not expanded: the server calls it BAD_NAME and it prints as `g:None`.
import { makeNamespec, splitNamespec, pySplitWhitespace } from '@tend/protocol';
import type { Command } from '../command.js';
import { RpcFault } from '../errors.js';
import { ExitCode, foldExit } from '../exit-codes.js';
import { clearResultLine, exitStatusForFault, processPart } from '../results.js';
import { upcheck } from '../upcheck.js';

const CLEAR_HELP = [
  "clear <name>\t\tClear a process' log files.",
  "clear <name> <name>\tClear multiple process' log files",
  "clear all\t\tClear all process' log files",
].join('\n');

export const clear: Command = {
  name: 'clear',
  help: CLEAR_HELP,
  async run(ctx, arg) {
    const up = await upcheck(ctx);
    if (!up.ok) return up.status;
    const names = pySplitWhitespace(arg);
    if (names.length === 0) {
      ctx.out.line('Error: clear requires a process name');
      ctx.out.line(CLEAR_HELP);
      return ExitCode.GENERIC;
    }
    const api = ctx.supervisor();
    let status: number = ExitCode.SUCCESS;
    if (names.includes('all')) {
      for (const result of await api.clearAllProcessLogs()) {
        ctx.out.line(clearResultLine(result));
        status = foldExit(status, exitStatusForFault(result.status));
      }
      return status;
    }
    for (const name of names) {
      const { group, process } = splitNamespec(name);
      try {
        await api.clearProcessLogs(name);
        ctx.out.line(`${makeNamespec(group, processPart(process))}: cleared`);
      } catch (err) {
        if (!(err instanceof RpcFault)) throw err;
        ctx.out.line(clearResultLine({ status: err.faultCode, name: processPart(process), group, description: err.faultString }));
        status = foldExit(status, exitStatusForFault(err.faultCode));
      }
    }
    return status;
  },
};
