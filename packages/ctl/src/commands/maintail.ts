// maintail [-f | -N] (spec §6.4): getVersion, then readLog(-N, 0) (N = 1600 by default), or
// GET /mainlogtail.
import { Faults, pyInt, pySplitWhitespace } from '@tend/protocol';
import type { Command } from '../command.js';
import { RpcFault } from '../errors.js';
import { ExitCode } from '../exit-codes.js';
import { followLogtail } from '../logtail-follow.js';
import { renderJson } from '../render/json.js';
import { upcheck } from '../upcheck.js';

const MAINTAIL_HELP =
  'maintail -f \tContinuous tail of supervisor main log file (Ctrl-C to exit)\n' +
  'maintail -100\tlast 100 *bytes* of supervisord main log file\n' +
  'maintail\tlast 1600 *bytes* of supervisor main log file\n';

export const maintail: Command = {
  name: 'maintail',
  help: MAINTAIL_HELP,
  async run(ctx, arg) {
    const up = await upcheck(ctx);
    if (!up.ok) return up.status;
    const args = pySplitWhitespace(arg);
    if (args.length > 1) {
      ctx.out.line('Error: too many arguments');
      ctx.out.line(MAINTAIL_HELP);
      return ExitCode.GENERIC;
    }
    let bytes = 1600;
    if (args.length === 1) {
      const word = args[0]!;
      if (word.startsWith('-') && word.slice(1) === 'f') {
        await followLogtail(ctx, '/mainlogtail', {});
        return ExitCode.SUCCESS;
      }
      const int = word.startsWith('-') ? pyInt(word.slice(1)) : null;
      const n = int?.ok ? Number(int.value) : null;
      if (n === null) {
        ctx.out.line(`Error: bad argument ${word}`);
        return ExitCode.GENERIC;
      }
      bytes = n;
    }
    const api = ctx.supervisor();
    let text: string;
    try {
      text = await api.readLog(-bytes, 0);
    } catch (err) {
      if (!(err instanceof RpcFault)) throw err;
      const reason = { [Faults.NO_FILE]: 'no log file', [Faults.FAILED]: 'unknown error reading log' }[err.faultCode];
      if (reason === undefined) throw err;
      ctx.out.line(`supervisord: ERROR (${reason})`);
      return ExitCode.GENERIC;
    }
    if (ctx.json) ctx.out.write(renderJson({ bytes, text }));
    else ctx.out.line(text);
    return ExitCode.SUCCESS;
  },
};
