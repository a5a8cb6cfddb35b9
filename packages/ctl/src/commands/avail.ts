// avail (spec §6.4): getAllConfigInfo (no upcheck), one line per configured process.
import { Faults, makeNamespec } from '@tend/protocol';
import type { Command } from '../command.js';
import { isFault } from '../errors.js';
import { ExitCode } from '../exit-codes.js';
import { renderAvailLine } from '../render/avail-lines.js';
import { renderJson } from '../render/json.js';

const AVAIL_HELP = 'avail\t\t\tDisplay all configured processes';

export const avail: Command = {
  name: 'avail',
  help: AVAIL_HELP,
  async run(ctx, arg) {
    if (arg) {
      ctx.out.line('Error: avail accepts no arguments');
      ctx.out.line(AVAIL_HELP);
      return ExitCode.GENERIC;
    }
    const api = ctx.supervisor();
    let infos;
    try {
      infos = await api.getAllConfigInfo();
    } catch (err) {
      if (!isFault(err, Faults.SHUTDOWN_STATE)) throw err;
      ctx.out.line('ERROR: supervisor shutting down');
      return ExitCode.GENERIC;
    }
    if (ctx.json) ctx.out.write(renderJson(infos.map((c) => ({ namespec: makeNamespec(c.group, c.name), ...c.raw }))));
    else for (const info of infos) ctx.out.line(renderAvailLine(info));
    return ExitCode.SUCCESS;
  },
};
