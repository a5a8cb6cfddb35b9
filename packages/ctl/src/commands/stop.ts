// stop <name | group:* | all …> (spec §6.4): getVersion, then stopAllProcesses /
// stopProcessGroup / stopProcess per argument. NOT_RUNNING does not change the exit status.
import { Faults, makeNamespec, splitNamespec, pySplitWhitespace } from '@tend/protocol';
import type { Command } from '../command.js';
import { isFault, RpcFault } from '../errors.js';
import { ExitCode, foldExit } from '../exit-codes.js';
import { exitStatusForFault, processPart, stopResultLine } from '../results.js';
import { upcheck } from '../upcheck.js';

export const STOP_HELP = [
  'stop <name>\t\tStop a process',
  'stop <gname>:*\t\tStop all processes in a group',
  'stop <name> <name>\tStop multiple processes or groups',
  'stop all\t\tStop all processes',
].join('\n');

export const stop: Command = {
  name: 'stop',
  help: STOP_HELP,
  async run(ctx, arg) {
    const up = await upcheck(ctx);
    if (!up.ok) return up.status;
    const names = pySplitWhitespace(arg);
    const api = ctx.supervisor();
    if (names.length === 0) {
      ctx.out.line('Error: stop requires a process name');
      ctx.out.line(STOP_HELP);
      return ExitCode.GENERIC;
    }
    let status: number = ExitCode.SUCCESS;
    if (names.includes('all')) {
      for (const result of await api.stopAllProcesses()) {
        ctx.out.line(stopResultLine(result));
        status = foldExit(status, exitStatusForFault(result.status, Faults.NOT_RUNNING));
      }
      return status;
    }
    for (const name of names) {
      const { group, process } = splitNamespec(name);
      if (process === null) {
        try {
          for (const result of await api.stopProcessGroup(group)) {
            ctx.out.line(stopResultLine(result));
            status = foldExit(status, exitStatusForFault(result.status, Faults.NOT_RUNNING));
          }
        } catch (err) {
          if (!isFault(err)) throw err;
          status = ExitCode.GENERIC;
          if (err.faultCode !== Faults.BAD_NAME) throw err;
          ctx.out.line(`${group}: ERROR (no such group)`);
        }
        continue;
      }
      try {
        await api.stopProcess(name);
        ctx.out.line(`${makeNamespec(group, process)}: stopped`);
      } catch (err) {
        if (!(err instanceof RpcFault)) throw err;
        ctx.out.line(stopResultLine({ status: err.faultCode, name: processPart(process), group, description: err.faultString }));
        status = foldExit(status, exitStatusForFault(err.faultCode, Faults.NOT_RUNNING));
      }
    }
    return status;
  },
};
