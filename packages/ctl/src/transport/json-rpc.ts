// JSON-RPC 2.0 over POST /rpc, tendd's native wire format: 64-bit integers, no XML escaping
// limits (a log holding ESC bytes reads fine), and faults as {error: {code, message}} with
// supervisor's fault numbers.
import { HttpStatusError, ResponseError, RpcFault } from '../errors.js';
import type { RpcClient } from './rpc-client.js';
import type { HttpConnection, HttpReply } from './http-connection.js';
import { decodeJsonRpcResponse, encodeJsonRpcCall } from './codecs.js';

export const JSON_RPC_PATH = '/rpc';

export type JsonReply =
  | { readonly kind: 'value'; readonly value: unknown }
  | { readonly kind: 'fault'; readonly faultCode: number; readonly faultString: string }
  /** A JSON-RPC 2.0 error of the envelope itself (negative code) or a malformed response. */
  | { readonly kind: 'envelope-error'; readonly message: string }
  | { readonly kind: 'not-json' };

function isJsonRpcObject(text: string): boolean {
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'object' && v !== null && (v as Record<string, unknown>)['jsonrpc'] === '2.0';
  } catch {
    return false;
  }
}

// A reply counts as JSON-RPC only when it is a JSON object with "jsonrpc": "2.0"; anything
// else (supervisord's HTML 400 page, a proxy's 404) is 'not-json'.
export function readJsonReply(reply: HttpReply): JsonReply {
  const type = String(reply.headers['content-type'] ?? '');
  const text = reply.body.toString('utf8');
  if (!type.includes('json') || !isJsonRpcObject(text)) return { kind: 'not-json' };
  try {
    return decodeJsonRpcResponse(text);
  } catch (err) {
    return { kind: 'envelope-error', message: err instanceof Error ? err.message : String(err) };
  }
}

export class JsonRpcClient implements RpcClient {
  readonly #conn: HttpConnection;
  #nextId = 1;
  constructor(conn: HttpConnection) {
    this.#conn = conn;
  }

  /** One request; resolves with the raw reply so that transport/auto.ts can inspect it. */
  send(method: string, params: readonly unknown[]): Promise<HttpReply> {
    return this.#conn.post(JSON_RPC_PATH, 'application/json', 'application/json', encodeJsonRpcCall(this.#nextId++, method, params));
  }

  async call(method: string, params: readonly unknown[] = []): Promise<unknown> {
    return unwrapJsonReply(await this.send(method, params), this.#conn);
  }

  close(): void {
    this.#conn.close();
  }
}

export function unwrapJsonReply(reply: HttpReply, conn: HttpConnection): unknown {
  const decoded = readJsonReply(reply);
  if (decoded.kind === 'fault') throw new RpcFault(decoded.faultCode, decoded.faultString);
  if (reply.status !== 200) {
    conn.close();
    throw new HttpStatusError(reply.status, reply.reason);
  }
  if (decoded.kind === 'not-json') throw new ResponseError(`not a JSON-RPC response (Content-Type ${String(reply.headers['content-type'])})`);
  if (decoded.kind === 'envelope-error') throw new ResponseError(decoded.message);
  return decoded.value;
}
