// GET /logtail/<namespec>[/<channel>] and GET /mainlogtail (supervisor/http.py
// logtail_handler, mainlogtail_handler; spec §7.6). Unknown process or channel, no log, or
// no file → 404.
import type { HttpRequest } from './http-connection.js';
import { unquote } from './http-request.js';
import { errorReply, type Reply } from './http-reply.js';
import { httpDate } from './http-response.js';
import { LogFollower } from './logtail.js';
import type { RpcLog } from './rpc-log.js';

/** Where the log files are; the caller resolves names (split_namespec etc.). */
export interface LogtailSources {
  /** The path of a process's `stdout` or `stderr` log, or null (unknown name, log none) → 404. */
  processLog(namespec: string, channel: 'stdout' | 'stderr'): string | null;
  /** The daemon's own log file, or null → 404. */
  mainLog(): string | null;
}

/** The namespec and channel of a /logtail URI (Medusa split_uri, then supervisor's splits); null → 404. */
export function parseLogtailUri(uri: string): { namespec: string; channel: string } | null {
  let path = /^[^;?#]*/.exec(uri)![0];
  if (path.includes('%')) path = unquote(path);
  path = path.replace(/^\/+/, '');
  const slash = path.indexOf('/');
  if (slash === -1) return null;
  const rest = path.slice(slash + 1);
  const split = rest.indexOf('/');
  const namespec = split === -1 ? rest : rest.slice(0, split);
  const channel = split === -1 ? 'stdout' : rest.slice(split + 1);
  return namespec === '' ? null : { namespec, channel };
}

async function tail(path: string | null, withAccel: boolean, log: RpcLog): Promise<Reply> {
  if (path === null) return errorReply(404);
  const opened = await LogFollower.open(path, log);
  if (opened === null) return errorReply(404);
  const { follower, mtimeMs } = opened;
  const headers: [string, string][] = [
    ['Last-Modified', httpDate(Math.floor(mtimeMs / 1000) * 1000)],
    ['Content-Type', 'text/plain;charset=utf-8'],
  ];
  if (withAccel) headers.push(['X-Accel-Buffering', 'no']);
  return {
    kind: 'stream',
    headers,
    source: (sink) => {
      follower.start(sink);
      return { stop: () => follower.stop() };
    },
  };
}

export async function handleLogtail(request: HttpRequest, sources: LogtailSources, log: RpcLog): Promise<Reply> {
  const target = parseLogtailUri(request.uri);
  if (target === null || (target.channel !== 'stdout' && target.channel !== 'stderr')) return errorReply(404);
  return tail(sources.processLog(target.namespec, target.channel), true, log);
}

export async function handleMainLogtail(sources: LogtailSources, log: RpcLog): Promise<Reply> {
  return tail(sources.mainLog(), false, log);
}
