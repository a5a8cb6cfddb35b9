// tail [-f | -N] <name> [stdout|stderr] (spec §6.4): getVersion, then readProcessStdoutLog /
// readProcessStderrLog(name, -N, 0) (N = 1600 by default), or GET /logtail/<name>/<channel>.
import { Faults, pyInt, pyRepr, pySplitWhitespace } from '@tend/protocol';
import type { Command } from '../command.js';
import { RpcFault } from '../errors.js';
import { ExitCode } from '../exit-codes.js';
import { renderJson } from '../render/json.js';
import { upcheck } from '../upcheck.js';
import { followLogtail } from '../logtail-follow.js';

const TAIL_HELP =
  'tail [-f] <name> [stdout|stderr] (default stdout)\n' +
  'Ex:\n' +
  'tail -f <name>\t\tContinuous tail of named process stdout\n' +
  '\t\t\tCtrl-C to exit.\n' +
  'tail -100 <name>\tlast 100 *bytes* of process stdout\n' +
  'tail <name> stderr\tlast 1600 *bytes* of process stderr';

const DEFAULT_BYTES = 1600;

export const tail: Command = {
  name: 'tail',
  help: TAIL_HELP,
  async run(ctx, arg) {
    const up = await upcheck(ctx);
    if (!up.ok) return up.status;
    const args = pySplitWhitespace(arg);
    if (args.length < 1 || args.length > 3) {
      ctx.out.line(args.length < 1 ? 'Error: too few arguments' : 'Error: too many arguments');
      ctx.out.line(TAIL_HELP);
      return ExitCode.GENERIC;
    }
    const modifier = args[0]!.startsWith('-') ? args.shift()! : null;
    let name: string;
    let channel = 'stdout';
    if (args.length === 1) name = args[0]!;
    else if (args.length > 0) {
      name = args[0]!;
      channel = args[args.length - 1]!.toLowerCase();
      if (channel !== 'stderr' && channel !== 'stdout') {
        ctx.out.line(`Error: bad channel ${pyRepr(channel)}`);
        return ExitCode.GENERIC;
      }
    } else {
      ctx.out.line('Error: tail requires process name');
      return ExitCode.GENERIC;
    }
    let bytes: number | 'follow' = DEFAULT_BYTES;
    if (modifier !== null) {
      const what = modifier.slice(1);
      const int = pyInt(what); // Python's int(what): Unicode digits, '_' separators, a sign
      const n = what === 'f' ? 'follow' : int.ok ? Number(int.value) : null;
      if (n === null) {
        ctx.out.line(`Error: bad argument ${modifier}`);
        return ExitCode.GENERIC;
      }
      bytes = n;
    }
    const api = ctx.supervisor();
    if (bytes === 'follow') {
      await followLogtail(ctx, `/logtail/${name}/${channel}`, { name, channel });
      return ExitCode.SUCCESS;
    }
    let text: string;
    try {
      text = channel === 'stdout' ? await api.readProcessStdoutLog(name, -bytes, 0) : await api.readProcessStderrLog(name, -bytes, 0);
    } catch (err) {
      if (!(err instanceof RpcFault)) throw err;
      const reason = { [Faults.NO_FILE]: 'no log file', [Faults.FAILED]: 'unknown error reading log', [Faults.BAD_NAME]: 'no such process name' }[err.faultCode];
      if (reason === undefined) throw err;
      ctx.out.line(`${name}: ERROR (${reason})`);
      return ExitCode.GENERIC;
    }
    if (ctx.json) ctx.out.write(renderJson({ name, channel, bytes, text }));
    else ctx.out.line(text);
    return ExitCode.SUCCESS;
  },
};
