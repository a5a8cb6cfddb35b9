// A raw RPC client on a daemon's unix socket: one keep-alive HTTP/1.1 connection, one POST per
// call, timed from the moment the request is written to the moment the response is parsed.
// XML-RPC at /RPC2 (both daemons) and JSON-RPC 2.0 at /rpc (tend only).
import { Agent, request, type IncomingMessage } from 'node:http';
import { performance } from 'node:perf_hooks';
import { decodeMethodResponse, encodeMethodCall } from './xmlrpc.js';

export type RpcProtocol = 'xmlrpc' | 'jsonrpc';

export interface TimedCall {
  readonly value: unknown;
  /** Request written → response parsed into JS values. */
  readonly totalMs: number;
  /** Request written → status line and headers received. */
  readonly headersMs: number;
  /** Request written → last body byte received. */
  readonly bodyMs: number;
  /** Decoding the body (XML-RPC or JSON) in this client. */
  readonly parseMs: number;
  readonly bytes: number;
  /** The keep-alive connection was reused for this call (false for the first one). */
  readonly reusedSocket: boolean;
}

export class UnixRpcClient {
  readonly socketPath: string;
  readonly #agent = new Agent({ keepAlive: true, maxSockets: 1 });
  #nextId = 1;

  constructor(socketPath: string) {
    this.socketPath = socketPath;
  }

  call(protocol: RpcProtocol, method: string, params: readonly unknown[] = [], timeoutMs = 120_000): Promise<TimedCall> {
    const body = Buffer.from(
      protocol === 'xmlrpc'
        ? encodeMethodCall(method, params)
        : JSON.stringify({ jsonrpc: '2.0', id: this.#nextId++, method, params }),
      'utf8',
    );
    return new Promise((resolve, reject) => {
      let t0 = 0;
      let headersMs = 0;
      const req = request({
        socketPath: this.socketPath,
        agent: this.#agent,
        method: 'POST',
        path: protocol === 'xmlrpc' ? '/RPC2' : '/rpc',
        headers: {
          'Content-Type': protocol === 'xmlrpc' ? 'text/xml' : 'application/json',
          'Content-Length': String(body.length),
        },
        timeout: timeoutMs,
      });
      req.on('timeout', () => req.destroy(new Error(`${method} over ${protocol}: no answer within ${timeoutMs} ms`)));
      req.on('error', reject);
      req.on('response', (res: IncomingMessage) => {
        headersMs = performance.now() - t0;
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const t1 = performance.now();
          try {
            if (res.statusCode !== 200) throw new Error(`${method} over ${protocol}: HTTP ${String(res.statusCode)}`);
            const text = Buffer.concat(chunks).toString('utf8');
            const value = protocol === 'xmlrpc' ? decodeMethodResponse(text) : decodeJson(text);
            const t2 = performance.now();
            resolve({
              value, totalMs: t2 - t0, headersMs, bodyMs: t1 - t0, parseMs: t2 - t1,
              bytes: Buffer.byteLength(text), reusedSocket: req.reusedSocket,
            });
          } catch (err) {
            reject(err as Error);
          }
        });
      });
      t0 = performance.now();
      req.end(body);
    });
  }

  close(): void {
    this.#agent.destroy();
  }
}

function decodeJson(text: string): unknown {
  const msg = JSON.parse(text) as { result?: unknown; error?: { code: number; message: string } };
  if (msg.error !== undefined) throw new Error(`JSON-RPC error ${msg.error.code}: ${msg.error.message}`);
  return msg.result;
}

/**
 * Call `method` until it answers and `ready(value)` holds, or the deadline passes. Connection
 * errors (the socket is not there yet, the server is still busy starting programs) are retried
 * every 100 ms; the last error is in the timeout message.
 */
export async function waitForRpc(
  client: UnixRpcClient, method: string, ready: (value: unknown) => boolean, timeoutMs: number, what: string,
): Promise<TimedCall> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer yet';
  for (;;) {
    try {
      const r = await client.call('xmlrpc', method, [], Math.max(1000, deadline - Date.now()));
      if (ready(r.value)) return r;
      last = 'answered, but not ready';
    } catch (err) {
      last = (err as Error).message;
    }
    if (Date.now() >= deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} on ${client.socketPath}: ${last}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export interface ProcessInfo {
  readonly name: string;
  readonly group: string;
  readonly statename: string;
  readonly pid: number;
}

/** getAllProcessInfo's answer, checked for shape. */
export function processInfos(value: unknown): ProcessInfo[] {
  if (!Array.isArray(value)) throw new Error(`getAllProcessInfo returned ${typeof value}, not an array`);
  return value as ProcessInfo[];
}
