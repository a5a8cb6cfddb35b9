// add <name …> (spec §6.4): addProcessGroup per name, no upcheck. "already active" exits 0.
import { Faults, pySplitWhitespace } from '@tend/protocol';
import type { Command } from '../command.js';
import { RpcFault } from '../errors.js';
import { ExitCode } from '../exit-codes.js';

export const add: Command = {
  name: 'add',
  help: 'add <name> [...]\tActivates any updates in config for process/group',
  async run(ctx, arg) {
    const api = ctx.supervisor();
    let status: number = ExitCode.SUCCESS;
    for (const name of pySplitWhitespace(arg)) {
      try {
        await api.addProcessGroup(name);
        ctx.out.line(`${name}: added process group`);
      } catch (err) {
        if (!(err instanceof RpcFault)) throw err;
        if (err.faultCode === Faults.SHUTDOWN_STATE) {
          ctx.out.line('ERROR: shutting down');
          status = ExitCode.GENERIC;
        } else if (err.faultCode === Faults.ALREADY_ADDED) {
          ctx.out.line('ERROR: process group already active');
        } else if (err.faultCode === Faults.BAD_NAME) {
          ctx.out.line(`ERROR: no such process/group: ${name}`);
          status = ExitCode.GENERIC;
        } else throw err;
      }
    }
    return status;
  },
};
