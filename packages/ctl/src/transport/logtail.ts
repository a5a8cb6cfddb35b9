// The streaming GET that tail -f, maintail -f and fg use (supervisor http_client.HTTPHandler):
// GET /logtail/<name>/<channel> or /mainlogtail on its own connection, each body chunk handed
// over as it arrives (chunked or Content-Length bodies). Basic auth is sent when a password is
// set, as supervisorctl's tail client does.
import { request } from 'node:http';
import type { RequestOptions } from 'node:http';
import type { LogtailEnd, LogtailStream } from '../command.js';
import type { ServerSettings } from '../client.js';
import { toConnectionFailure, USER_AGENT } from './http-connection.js';
import { resolveServerUrl } from './server-url.js';

export function openLogtail(server: ServerSettings, path: string, onData: (chunk: Buffer) => void): LogtailStream {
  let settle!: (end: LogtailEnd) => void;
  const done = new Promise<LogtailEnd>((resolve) => {
    settle = resolve;
  });
  let endpoint;
  try {
    endpoint = resolveServerUrl(server.serverurl);
  } catch (error) {
    settle({ kind: 'error', error });
    return { done, close: () => undefined };
  }
  const headers: Record<string, string> = {
    Host: endpoint.kind === 'unix' ? 'localhost' : endpoint.hostHeader,
    'Accept-Encoding': 'chunked',
    Accept: '*/*',
    'User-Agent': USER_AGENT,
    // Without this Node sends `Connection: close`, and supervisord then answers unchunked and
    // holds everything back in its 64 KiB output buffer (the HTTP/1.0 quirk of spec §7.6).
    Connection: 'keep-alive',
  };
  if (server.password) {
    headers['Authorization'] = `Basic ${Buffer.from(`${server.username ?? ''}:${server.password}`, 'utf8').toString('base64')}`;
  }
  const target: RequestOptions = endpoint.kind === 'unix' ? { socketPath: endpoint.path } : { host: endpoint.host, port: endpoint.port };
  let closed = false;
  const req = request({ ...target, method: 'GET', path, headers, agent: false }, (res) => {
    if (res.statusCode !== 200) {
      settle({ kind: 'status', status: res.statusCode ?? 0 });
      res.resume();
      req.destroy();
      return;
    }
    res.on('data', (chunk: Buffer) => {
      if (!closed) onData(chunk);
    });
    res.on('end', () => settle({ kind: 'closed' }));
    res.on('error', (err) => settle(closed ? { kind: 'closed' } : { kind: 'error', error: toConnectionFailure(err) }));
  });
  req.on('error', (err) => settle(closed ? { kind: 'closed' } : { kind: 'error', error: toConnectionFailure(err) }));
  req.on('close', () => settle({ kind: 'closed' }));
  req.end();
  return {
    done,
    close() {
      closed = true;
      req.destroy();
      settle({ kind: 'closed' });
    },
  };
}
