// generate (tend only): `generate systemd` prints a systemd unit for the config tendctl is using.
import type { Command } from '../command.js';
import { ExitCode } from '../exit-codes.js';
import { renderSystemdUnit } from '../render/systemd-unit.js';

const GENERATE_HELP = 'generate systemd\tPrint a systemd unit that runs tendd on this config';

export const generate: Command = {
  name: 'generate',
  help: GENERATE_HELP,
  tendOnly: true,
  async run(ctx, arg) {
    if (arg.trim() !== 'systemd') {
      ctx.out.line('Error: generate requires a target: systemd');
      ctx.out.line(GENERATE_HELP);
      return ExitCode.INVALID_ARGS;
    }
    if (ctx.configFile === null) {
      ctx.out.line('Error: no config file: give one with -c FILE');
      return ExitCode.INVALID_ARGS;
    }
    const tools = ctx.tools();
    ctx.out.write(renderSystemdUnit({ configFile: ctx.configFile, tendd: tools.tendd, tendctl: tools.tendctl }));
    return ExitCode.SUCCESS;
  },
};
