// version (spec §6.4): getVersion (upcheck), then getSupervisorVersion.
import type { Command } from '../command.js';
import { ExitCode } from '../exit-codes.js';
import { renderJson } from '../render/json.js';
import { upcheck } from '../upcheck.js';

const VERSION_HELP = 'version\t\t\tShow the version of the remote supervisord process';

export const version: Command = {
  name: 'version',
  help: VERSION_HELP,
  async run(ctx, arg) {
    if (arg) {
      ctx.out.line('Error: version accepts no arguments');
      ctx.out.line(VERSION_HELP);
      return ExitCode.GENERIC;
    }
    const up = await upcheck(ctx);
    if (!up.ok) return up.status;
    const v = await ctx.supervisor().getSupervisorVersion();
    ctx.out.write(ctx.json ? renderJson({ version: v }) : `${v}\n`);
    return ExitCode.SUCCESS;
  },
};
