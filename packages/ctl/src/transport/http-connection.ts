// One keep-alive HTTP/1.1 connection to the server, used for every RPC of one command, the way
// supervisorctl's SupervisorTransport keeps one http.client connection per proxy. Requests are
// sent one at a time (maxSockets 1), so they reuse the same socket in order.
import { Agent, request } from 'node:http';
import type { IncomingHttpHeaders, RequestOptions } from 'node:http';
import { ConnectionFailure } from '../errors.js';
import type { ServerEndpoint } from './server-url.js';

export interface HttpReply {
  readonly status: number;
  readonly reason: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

export interface Credentials {
  readonly username: string | null;
  readonly password: string | null;
}

export const USER_AGENT = 'tendctl';

// Basic auth only when both are set, as SupervisorTransport does (`is not None`: '' counts).
export function basicAuthHeader(creds: Credentials): string | null {
  if (creds.username === null || creds.password === null) return null;
  return `Basic ${Buffer.from(`${creds.username}:${creds.password}`, 'utf8').toString('base64')}`;
}

export function toConnectionFailure(err: unknown): ConnectionFailure {
  const e = err as NodeJS.ErrnoException;
  return new ConnectionFailure(typeof e.code === 'string' ? e.code : 'EUNKNOWN', e.message ?? String(err), { cause: err });
}

export class HttpConnection {
  readonly #endpoint: ServerEndpoint;
  readonly #auth: string | null;
  #agent: Agent | null = null;

  constructor(endpoint: ServerEndpoint, creds: Credentials) {
    this.#endpoint = endpoint;
    this.#auth = basicAuthHeader(creds);
  }

  /** POST `body` to `path`; resolves with any status (callers decide what a non-200 means). */
  post(path: string, contentType: string, accept: string, body: string): Promise<HttpReply> {
    this.#agent ??= new Agent({ keepAlive: true, maxSockets: 1 });
    const payload = Buffer.from(body, 'utf8');
    const headers: Record<string, string> = {
      Host: this.#endpoint.kind === 'unix' ? 'localhost' : this.#endpoint.hostHeader,
      'Accept-Encoding': 'identity',
      'User-Agent': USER_AGENT,
      'Content-Type': contentType,
      Accept: accept,
      'Content-Length': String(payload.length),
    };
    if (this.#auth !== null) headers['Authorization'] = this.#auth;
    // servername '' (TLS only, so meaningless here) keeps http.Agent from calling net.isIP() on
    // the Host header: its first call compiles the IPv6 pattern, 3 ms of every tendctl run.
    const target: RequestOptions & { servername: string } = this.#endpoint.kind === 'unix'
      ? { socketPath: this.#endpoint.path, servername: '' }
      : { host: this.#endpoint.host, port: this.#endpoint.port, servername: '' };
    return new Promise((resolve, reject) => {
      const req = request({ ...target, method: 'POST', path, headers, agent: this.#agent! }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', (err) => reject(toConnectionFailure(err)));
        res.on('end', () => resolve({
          status: res.statusCode ?? 0,
          reason: res.statusMessage ?? '',
          headers: res.headers,
          body: Buffer.concat(chunks),
        }));
      });
      req.on('error', (err) => reject(toConnectionFailure(err)));
      req.end(payload);
    });
  }

  /** Drop the connection; a later post() opens a new one. */
  close(): void {
    this.#agent?.destroy();
    this.#agent = null;
  }
}
