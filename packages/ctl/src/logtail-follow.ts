// supervisorctl's _tailf (shared by tail -f and maintail -f; fg streams the same way): print the
// banner, stream GET <path> to stdout until Ctrl-C (then an empty line) or until the server ends
// it. HTTP and socket errors go to stderr as `<serverurl><path> <message>`; the exit status is
// never changed.
import type { CommandContext } from './command.js';
import { describePythonException } from './render/error-line.js';

export const FOLLOW_BANNER = '==> Press Ctrl-C to exit <==';

export async function followLogtail(ctx: CommandContext, path: string, jsonFields: Record<string, string>): Promise<void> {
  if (!ctx.json) ctx.out.line(FOLLOW_BANNER);
  const url = `${ctx.server().serverurl}${path}`;
  const stream = ctx.openLogtail(path, (chunk) => {
    if (ctx.json) ctx.out.write(`${JSON.stringify({ ...jsonFields, text: chunk.toString('utf8') })}\n`);
    else ctx.out.write(chunk);
  });
  const end = await Promise.race([stream.done, ctx.interrupted.then(() => 'interrupted' as const)]);
  if (end === 'interrupted') {
    stream.close();
    if (!ctx.json) ctx.out.line('');
    return;
  }
  if (end.kind === 'status') ctx.err.line(`${url} Cannot read, status code ${end.status}`);
  if (end.kind === 'error') {
    const { type, text } = describePythonException(end.error);
    ctx.err.line(`${url} Cannot connect, error: <class '${type}'> (${text})`);
  }
}
