// fg <process> (spec §6.4): getVersion, getProcessInfo; if RUNNING, stream its stdout and stderr
// (GET /logtail/<name>/stdout and /stderr) while every input line goes to sendProcessStdin(name,
// line + '\n'), followed by getProcessInfo to see whether it still runs. Ctrl-C or EOF ends it.
import { Faults, processStateCode, pySplitWhitespace } from '@tend/protocol';
import type { Command, CommandContext, LogtailStream } from '../command.js';
import { RpcFault } from '../errors.js';
import { ExitCode } from '../exit-codes.js';
import { FOLLOW_BANNER } from '../logtail-follow.js';
import { describePythonException } from '../render/error-line.js';
import { upcheck } from '../upcheck.js';

const FG_HELP = 'fg <process>\tConnect to a process in foreground mode\n\t\tCtrl-C to exit';

// str(xmlrpclib.Fault): what `ERROR: <fault>` shows.
function faultText(err: RpcFault): string {
  return describePythonException(err).text;
}

function openStreams(ctx: CommandContext, name: string): LogtailStream[] {
  return ['stdout', 'stderr'].map((channel) => {
    const path = `/logtail/${name}/${channel}`;
    const stream = ctx.openLogtail(path, (chunk) => ctx.out.write(chunk));
    void stream.done.then((end) => {
      if (end.kind === 'status') ctx.err.line(`${ctx.server().serverurl}${path} Cannot read, status code ${end.status}`);
    });
    return stream;
  });
}

export const fg: Command = {
  name: 'fg',
  help: FG_HELP,
  async run(ctx, arg) {
    const up = await upcheck(ctx);
    if (!up.ok) return up.status;
    const names = pySplitWhitespace(arg);
    if (names.length === 0) {
      ctx.out.line('ERROR: no process name supplied');
      ctx.out.line(FG_HELP);
      return ExitCode.GENERIC;
    }
    if (names.length > 1) {
      ctx.out.line('ERROR: too many process names supplied');
      return ExitCode.GENERIC;
    }
    const name = names[0]!;
    const api = ctx.supervisor();
    try {
      const info = await api.getProcessInfo(name);
      if (info.state !== processStateCode.RUNNING) {
        ctx.out.line('ERROR: process not running');
        return ExitCode.GENERIC;
      }
    } catch (err) {
      if (!(err instanceof RpcFault)) throw err;
      if (err.faultCode === Faults.BAD_NAME) {
        ctx.out.line('ERROR: bad process name supplied');
        return ExitCode.GENERIC;
      }
      ctx.out.line(`ERROR: ${faultText(err)}`);
      return ExitCode.SUCCESS;
    }
    ctx.out.line(FOLLOW_BANNER);
    const streams = openStreams(ctx, name);
    try {
      for (;;) {
        const line = await ctx.ask('');
        if (line === null) {
          ctx.out.line('Exiting foreground');
          return ExitCode.SUCCESS;
        }
        try {
          await api.sendProcessStdin(name, `${line}\n`);
        } catch (err) {
          if (!(err instanceof RpcFault)) throw err;
          ctx.out.line(err.faultCode === Faults.NOT_RUNNING ? 'Process got killed' : `ERROR: ${faultText(err)}`);
          ctx.out.line('Exiting foreground');
          return ExitCode.SUCCESS;
        }
        const info = await api.getProcessInfo(name);
        if (info.state !== processStateCode.RUNNING) {
          ctx.out.line('Process got killed');
          ctx.out.line('Exiting foreground');
          return ExitCode.SUCCESS;
        }
      }
    } finally {
      for (const s of streams) s.close();
    }
  },
};
