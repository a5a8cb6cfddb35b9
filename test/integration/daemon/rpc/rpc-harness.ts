// Test harness for the RPC servers: a real server on a unix socket (and optionally TCP) in a
// temp dir with a small set of fake handlers, and a raw HTTP client that reads responses
// byte for byte (Content-Length, chunked, or until close).
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { FaultError, encodeMethodCall, decodeMethodResponse, type XmlRpcValue } from '@tend/protocol';
import { createDispatcher, type Handler } from '../../../../packages/daemon/src/rpc/dispatch.js';
import type { HttpLimits } from '../../../../packages/daemon/src/rpc/http-limits.js';
import type { LogtailSources } from '../../../../packages/daemon/src/rpc/logtail-route.js';
import { startRpcServers, type RpcServers } from '../../../../packages/daemon/src/rpc/server.js';
import type { ServerConfig } from '../../../../packages/daemon/src/config/types.js';
import { recordingLog, type RecordingLog } from '../../../unit/daemon/rpc/fake-log.js';

export function makeTempDir(t: TestContext, prefix = 'tend-rpc-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export const delay = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export function processInfo(name: string, running: boolean, logfile = ''): Record<string, XmlRpcValue> {
  return {
    name,
    group: name,
    start: running ? 1700000000 : 0,
    stop: 0,
    now: 1700000100,
    state: running ? 20 : 0,
    statename: running ? 'RUNNING' : 'STOPPED',
    spawnerr: '',
    exitstatus: 0,
    logfile,
    stdout_logfile: logfile,
    stderr_logfile: '',
    pid: running ? 1234 : 0,
    description: running ? 'pid 1234, uptime 0:01:40' : 'Not started',
  };
}

/** Text with ANSI colours, a NUL, a CR and invalid UTF-8: what supervisor 4.2.5 cannot send. */
export const NASTY_LOG = Buffer.concat([
  Buffer.from('plain line\n\x1b[31mred\x1b[0m \x00nul \r\n'),
  Buffer.from([0xff, 0xfe, 0x41, 0xc3]),
  Buffer.from('\n\u00e9t\u00e9 \u{1f600}\n'),
]);

/** The fake method set used across the integration tests. */
export function fakeHandlers(extra: [string, Handler][] = []): Map<string, Handler> {
  return new Map<string, Handler>([
    ['supervisor.getVersion', () => '3.0'],
    ['supervisor.getAPIVersion', () => '3.0'],
    ['supervisor.getSupervisorVersion', () => '4.2.5'],
    ['supervisor.getState', () => ({ statecode: 1, statename: 'RUNNING' })],
    ['supervisor.getPID', () => 42],
    ['supervisor.getAllProcessInfo', () => [processInfo('web', true), processInfo('worker', false)]],
    [
      'supervisor.getProcessInfo',
      ([name]) => {
        if (name === 'web') return processInfo('web', true);
        throw new FaultError('BAD_NAME', String(name));
      },
    ],
    ['supervisor.readProcessStdoutLog', () => NASTY_LOG],
    ['supervisor.readLog', () => NASTY_LOG],
    [
      'supervisor.startProcess',
      async ([name]) => {
        if (name === 'slow') await delay(150);
        if (name === 'nosuch') throw new FaultError('BAD_NAME', 'nosuch');
        return true;
      },
    ],
    ['supervisor.getIdentification', () => { throw new Error('boom'); }],
    ['supervisor.clearLog', () => undefined],
    ...extra,
  ]);
}

export interface HarnessOptions {
  readonly handlers?: Map<string, Handler>;
  readonly username?: string | null;
  readonly password?: string | null;
  readonly limits?: Partial<HttpLimits>;
  readonly inet?: boolean;
  readonly logtail?: LogtailSources;
}

export interface Harness {
  readonly dir: string;
  readonly socketPath: string;
  /** The TCP port when `inet` was asked for. */
  readonly port: number | null;
  readonly log: RecordingLog;
  readonly servers: RpcServers;
}

export async function startHarness(t: TestContext, options: HarnessOptions = {}): Promise<Harness> {
  const dir = makeTempDir(t);
  const socketPath = join(dir, 'tend.sock');
  const log = recordingLog();
  const dispatch = createDispatcher({ handlers: options.handlers ?? fakeHandlers(), isRunning: () => true, log });
  const auth = { username: options.username ?? null, password: options.password ?? null };
  const configs: ServerConfig[] = [{ family: 'unix', name: null, section: 'unix_http_server', file: socketPath, chmod: 0o700, chown: [-1, -1], ...auth }];
  if (options.inet === true) configs.push({ family: 'inet', name: null, section: 'inet_http_server', host: '127.0.0.1', port: 0, ...auth });
  const servers = await startRpcServers({
    servers: configs,
    dispatch,
    logtail: options.logtail ?? { processLog: () => null, mainLog: () => null },
    log,
    ...(options.limits === undefined ? {} : { limits: options.limits }),
  });
  t.after(() => servers.close());
  const inet = servers.servers.find((s) => s.config.family === 'inet');
  const port = inet !== undefined && typeof inet.address !== 'string' ? inet.address.port : null;
  return { dir, socketPath, port, log, servers };
}

export interface RawResponse {
  readonly statusLine: string;
  readonly status: number;
  /** Header lines exactly as received, in order. */
  readonly headerLines: readonly string[];
  /** Lower-cased name → value. */
  readonly headers: ReadonlyMap<string, string>;
  readonly body: Buffer;
}

/** A byte-level HTTP client on one connection. */
export class RawClient {
  readonly socket: Socket;
  #buf = Buffer.alloc(0);
  #closed = false;
  #waiters: (() => void)[] = [];

  private constructor(socket: Socket) {
    this.socket = socket;
    socket.on('data', (d: Buffer) => {
      this.#buf = Buffer.concat([this.#buf, d]);
      this.#wake();
    });
    socket.on('close', () => {
      this.#closed = true;
      this.#wake();
    });
    socket.on('error', () => undefined);
  }

  static connect(target: string | number): Promise<RawClient> {
    return new Promise((resolve, reject) => {
      const socket = typeof target === 'string' ? connect({ path: target }) : connect({ host: '127.0.0.1', port: target });
      socket.once('connect', () => resolve(new RawClient(socket)));
      socket.once('error', reject);
    });
  }

  get isClosed(): boolean {
    return this.#closed;
  }

  /** Bytes received and not consumed yet. */
  get pending(): Buffer {
    return this.#buf;
  }

  write(data: string | Buffer): void {
    this.socket.write(data);
  }

  destroy(): void {
    this.socket.destroy();
  }

  #wake(): void {
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const w of waiters) w();
  }

  /** Waits until `ready()` returns something, the connection closes (→ null), or the timeout. */
  async #until<T>(ready: () => T | null, timeoutMs: number, what: string): Promise<T | null> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const v = ready();
      if (v !== null) return v;
      if (this.#closed) return null;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; have ${JSON.stringify(this.#buf.toString('latin1').slice(0, 300))}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.#waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  #take(n: number): Buffer {
    const out = this.#buf.subarray(0, n);
    this.#buf = this.#buf.subarray(n);
    return out;
  }

  async readHead(timeoutMs = 5000): Promise<{ statusLine: string; status: number; headerLines: string[]; headers: Map<string, string> }> {
    const end = await this.#until(() => {
      const i = this.#buf.indexOf('\r\n\r\n');
      return i === -1 ? null : i;
    }, timeoutMs, 'a response head');
    if (end === null) throw new Error(`connection closed before a response head; have ${JSON.stringify(this.#buf.toString('latin1'))}`);
    const lines = this.#take(end + 4).toString('latin1').slice(0, -4).split('\r\n');
    const statusLine = lines.shift()!;
    const headers = new Map<string, string>();
    for (const line of lines) {
      const colon = line.indexOf(': ');
      headers.set(line.slice(0, colon).toLowerCase(), line.slice(colon + 2));
    }
    return { statusLine, status: Number(statusLine.split(' ')[1]), headerLines: lines, headers };
  }

  async readBytes(n: number, timeoutMs = 5000): Promise<Buffer> {
    const got = await this.#until(() => (this.#buf.length >= n ? true : null), timeoutMs, `${n} bytes`);
    if (got === null) throw new Error(`connection closed after ${this.#buf.length} of ${n} bytes`);
    return Buffer.from(this.#take(n));
  }

  /** One chunk of a chunked body; null for the final zero-size chunk. */
  async readChunk(timeoutMs = 5000): Promise<Buffer | null> {
    const lineEnd = await this.#until(() => {
      const i = this.#buf.indexOf('\r\n');
      return i === -1 ? null : i;
    }, timeoutMs, 'a chunk size');
    if (lineEnd === null) throw new Error('connection closed before a chunk');
    const size = parseInt(this.#take(lineEnd + 2).toString('latin1'), 16);
    const data = await this.readBytes(size + 2, timeoutMs);
    return size === 0 ? null : data.subarray(0, size);
  }

  /** Everything until the server closes. */
  async readToClose(timeoutMs = 5000): Promise<Buffer> {
    await this.#until(() => null, timeoutMs, 'the connection to close').catch((e: unknown) => {
      throw e;
    });
    return this.#take(this.#buf.length);
  }

  /** Whether the server closes the connection within timeoutMs. */
  async closesWithin(timeoutMs: number): Promise<boolean> {
    try {
      await this.#until(() => null, timeoutMs, 'close');
      return true;
    } catch {
      return false;
    }
  }

  /** A whole response with a Content-Length body (or a body up to the close). */
  async readResponse(timeoutMs = 5000): Promise<RawResponse> {
    const head = await this.readHead(timeoutMs);
    const length = head.headers.get('content-length');
    let body: Buffer;
    if (length !== undefined) body = await this.readBytes(Number(length), timeoutMs);
    else if (head.headers.get('transfer-encoding') === 'chunked') {
      const parts: Buffer[] = [];
      for (let c = await this.readChunk(timeoutMs); c !== null; c = await this.readChunk(timeoutMs)) parts.push(c);
      body = Buffer.concat(parts);
    } else body = await this.readToClose(timeoutMs);
    return { ...head, body };
  }
}

/** A POST /RPC2 request as supervisorctl writes it. */
export function xmlRpcRequest(method: string, params: readonly XmlRpcValue[] = [], extraHeaders = '', version = '1.1'): string {
  const body = Buffer.from(encodeMethodCall(method, params));
  return `POST /RPC2 HTTP/${version}\r\nHost: localhost\r\nAccept-Encoding: identity\r\nUser-Agent: Python-xmlrpc/3.11\r\nContent-Type: text/xml\r\nAccept: text/xml\r\n${extraHeaders}Content-Length: ${body.length}\r\n\r\n${body.toString('latin1')}`;
}

/** A POST with an arbitrary body. */
export function postRequest(path: string, body: string | Buffer, extraHeaders = '', version = '1.1'): Buffer {
  const b = typeof body === 'string' ? Buffer.from(body) : body;
  return Buffer.concat([Buffer.from(`POST ${path} HTTP/${version}\r\nHost: localhost\r\n${extraHeaders}Content-Length: ${b.length}\r\n\r\n`), b]);
}

export function decodeXmlBody(body: Buffer): ReturnType<typeof decodeMethodResponse> {
  return decodeMethodResponse(body);
}

/** Sends one XML-RPC call on a fresh connection; returns the decoded answer. */
export async function callXmlRpc(target: string | number, method: string, params: readonly XmlRpcValue[] = []): Promise<ReturnType<typeof decodeMethodResponse>> {
  const client = await RawClient.connect(target);
  try {
    client.write(xmlRpcRequest(method, params));
    const r = await client.readResponse();
    if (r.status !== 200) throw new Error(`HTTP ${r.statusLine}`);
    return decodeMethodResponse(r.body);
  } finally {
    client.destroy();
  }
}
