// reread (spec §6.4): reloadConfig (no upcheck); prints the added/changed/removed groups.
import { Faults } from '@tend/protocol';
import type { Command } from '../command.js';
import { RpcFault } from '../errors.js';
import { ExitCode } from '../exit-codes.js';
import { renderJson } from '../render/json.js';
import { renderRereadLines } from '../render/reread-lines.js';

const REREAD_HELP = "reread \t\t\tReload the daemon's configuration files without add/remove";

export const reread: Command = {
  name: 'reread',
  help: REREAD_HELP,
  async run(ctx, arg) {
    if (arg) {
      ctx.out.line('Error: reread accepts no arguments');
      ctx.out.line(REREAD_HELP);
      return ExitCode.GENERIC;
    }
    const api = ctx.supervisor();
    let changes;
    try {
      changes = await api.reloadConfig();
    } catch (err) {
      if (!(err instanceof RpcFault)) throw err;
      if (err.faultCode === Faults.SHUTDOWN_STATE) ctx.out.line('ERROR: supervisor shutting down');
      else if (err.faultCode === Faults.CANT_REREAD) ctx.out.line(`ERROR: ${err.faultString}`);
      else throw err;
      return ExitCode.GENERIC;
    }
    if (ctx.json) ctx.out.write(renderJson(changes));
    else for (const line of renderRereadLines(changes)) ctx.out.line(line);
    return ExitCode.SUCCESS;
  },
};
