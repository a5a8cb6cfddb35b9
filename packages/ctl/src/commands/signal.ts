// signal <sig> <name | group:* | all …> (spec §6.4): getVersion, then signalAllProcesses /
// signalProcessGroup / signalProcess. Every fault counts, NOT_RUNNING included (exit 7).
import { Faults, makeNamespec, splitNamespec, pySplitWhitespace } from '@tend/protocol';
import type { Command } from '../command.js';
import { isFault, RpcFault } from '../errors.js';
import { ExitCode, foldExit } from '../exit-codes.js';
import { exitStatusForFault, processPart, signalResultLine } from '../results.js';
import { upcheck } from '../upcheck.js';

export const SIGNAL_HELP = [
  'signal <signal name> <name>\t\tSignal a process',
  'signal <signal name> <gname>:*\t\tSignal all processes in a group',
  'signal <signal name> <name> <name>\tSignal multiple processes or groups',
  'signal <signal name> all\t\tSignal all processes',
].join('\n');

export const signal: Command = {
  name: 'signal',
  help: SIGNAL_HELP,
  async run(ctx, arg) {
    const up = await upcheck(ctx);
    if (!up.ok) return up.status;
    const args = pySplitWhitespace(arg);
    if (args.length < 2) {
      ctx.out.line('Error: signal requires a signal name and a process name');
      ctx.out.line(SIGNAL_HELP);
      return ExitCode.GENERIC;
    }
    const [sig, ...names] = args as [string, ...string[]];
    const api = ctx.supervisor();
    let status: number = ExitCode.SUCCESS;
    if (names.includes('all')) {
      for (const result of await api.signalAllProcesses(sig)) {
        ctx.out.line(signalResultLine(result));
        status = foldExit(status, exitStatusForFault(result.status));
      }
      return status;
    }
    for (const name of names) {
      const { group, process } = splitNamespec(name);
      if (process === null) {
        try {
          for (const result of await api.signalProcessGroup(group, sig)) {
            ctx.out.line(signalResultLine(result));
            status = foldExit(status, exitStatusForFault(result.status));
          }
        } catch (err) {
          if (!isFault(err, Faults.BAD_NAME)) throw err;
          ctx.out.line(`${group}: ERROR (no such group)`);
          status = ExitCode.GENERIC;
        }
        continue;
      }
      try {
        await api.signalProcess(name, sig);
        ctx.out.line(`${makeNamespec(group, process)}: signalled`);
      } catch (err) {
        if (!(err instanceof RpcFault)) throw err;
        ctx.out.line(signalResultLine({ status: err.faultCode, name: processPart(process), group, description: err.faultString }));
        status = foldExit(status, exitStatusForFault(err.faultCode));
      }
    }
    return status;
  },
};
