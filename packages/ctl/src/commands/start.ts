// start <name | group:* | all …> (spec §6.4): getVersion, then startAllProcesses /
// startProcessGroup / startProcess per argument. ALREADY_STARTED does not change the exit
// status; an unknown group exits 2, like a missing name.
import { Faults, makeNamespec, splitNamespec, pySplitWhitespace } from '@tend/protocol';
import type { Command } from '../command.js';
import { isFault, RpcFault } from '../errors.js';
import { ExitCode, foldExit } from '../exit-codes.js';
import { exitStatusForFault, processPart, startResultLine } from '../results.js';
import { upcheck } from '../upcheck.js';

export const START_HELP = [
  'start <name>\t\tStart a process',
  'start <gname>:*\t\tStart all processes in a group',
  'start <name> <name>\tStart multiple processes or groups',
  'start all\t\tStart all processes',
].join('\n');

export const start: Command = {
  name: 'start',
  help: START_HELP,
  async run(ctx, arg) {
    const up = await upcheck(ctx);
    if (!up.ok) return up.status;
    const names = pySplitWhitespace(arg);
    const api = ctx.supervisor();
    if (names.length === 0) {
      ctx.out.line('Error: start requires a process name');
      ctx.out.line(START_HELP);
      return ExitCode.INVALID_ARGS;
    }
    let status: number = ExitCode.SUCCESS;
    if (names.includes('all')) {
      for (const result of await api.startAllProcesses()) {
        ctx.out.line(startResultLine(result));
        status = foldExit(status, exitStatusForFault(result.status, Faults.ALREADY_STARTED));
      }
      return status;
    }
    for (const name of names) {
      const { group, process } = splitNamespec(name);
      if (process === null) {
        try {
          for (const result of await api.startProcessGroup(group)) {
            ctx.out.line(startResultLine(result));
            status = foldExit(status, exitStatusForFault(result.status, Faults.ALREADY_STARTED));
          }
        } catch (err) {
          if (!isFault(err, Faults.BAD_NAME)) throw err;
          ctx.out.line(`${group}: ERROR (no such group)`);
          status = ExitCode.INVALID_ARGS;
        }
        continue;
      }
      try {
        await api.startProcess(name);
        ctx.out.line(`${makeNamespec(group, process)}: started`);
      } catch (err) {
        if (!(err instanceof RpcFault)) throw err;
        ctx.out.line(startResultLine({ status: err.faultCode, name: processPart(process), group, description: err.faultString }));
        status = foldExit(status, exitStatusForFault(err.faultCode, Faults.ALREADY_STARTED));
      }
    }
    return status;
  },
};
