// remove <name …> (spec §6.4): removeProcessGroup per name, no upcheck.
import { Faults, pySplitWhitespace } from '@tend/protocol';
import type { Command } from '../command.js';
import { RpcFault } from '../errors.js';
import { ExitCode } from '../exit-codes.js';

export const remove: Command = {
  name: 'remove',
  help: 'remove <name> [...]\tRemoves process/group from active config',
  async run(ctx, arg) {
    const api = ctx.supervisor();
    let status: number = ExitCode.SUCCESS;
    for (const name of pySplitWhitespace(arg)) {
      try {
        await api.removeProcessGroup(name);
        ctx.out.line(`${name}: removed process group`);
      } catch (err) {
        if (!(err instanceof RpcFault)) throw err;
        status = ExitCode.GENERIC;
        if (err.faultCode === Faults.STILL_RUNNING) ctx.out.line(`ERROR: process/group still running: ${name}`);
        else if (err.faultCode === Faults.BAD_NAME) ctx.out.line(`ERROR: no such process/group: ${name}`);
        else throw err;
      }
    }
    return status;
  },
};
