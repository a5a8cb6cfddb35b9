// Transport detection, once per serverurl per invocation. The first call of a command goes out
// as JSON-RPC (POST /rpc). tendd answers it; supervisord answers `400 Bad Request` (its web UI
// handler takes POST /rpc and leaves the body unread, which also spoils the connection). On any
// answer that is not a JSON-RPC response (and not a 401, which means the same under both) the
// connection is dropped, the server is remembered as XML-RPC, and the call is replayed over
// POST /RPC2 on a fresh connection. supervisord thus sees exactly supervisorctl's XML-RPC calls
// (§7.7) plus one rejected request per invocation; tendd sees no extra request at all.
import { HttpStatusError } from '../errors.js';
import type { HttpConnection } from './http-connection.js';
import { JsonRpcClient, readJsonReply, unwrapJsonReply } from './json-rpc.js';
import type { RpcClient, TransportChoice, TransportName } from './rpc-client.js';
import { XmlRpcClient } from './xmlrpc.js';

/** serverurl → the transport found for it; lives as long as the invocation (or the shell). */
export type TransportMemo = Map<string, TransportName>;

export class AutoRpcClient implements RpcClient {
  readonly #conn: HttpConnection;
  readonly #json: JsonRpcClient;
  readonly #xml: XmlRpcClient;
  readonly #memo: TransportMemo;
  readonly #key: string;

  constructor(conn: HttpConnection, memo: TransportMemo, serverurl: string) {
    this.#conn = conn;
    this.#json = new JsonRpcClient(conn);
    this.#xml = new XmlRpcClient(conn);
    this.#memo = memo;
    this.#key = serverurl;
  }

  /** The transport in use, or null before the first call has found out. */
  get transport(): TransportName | null {
    return this.#memo.get(this.#key) ?? null;
  }

  async call(method: string, params: readonly unknown[] = []): Promise<unknown> {
    const known = this.#memo.get(this.#key);
    if (known === 'json') return this.#json.call(method, params);
    if (known === 'xmlrpc') return this.#xml.call(method, params);
    const reply = await this.#json.send(method, params);
    if (readJsonReply(reply).kind !== 'not-json') {
      this.#memo.set(this.#key, 'json');
      return unwrapJsonReply(reply, this.#conn);
    }
    if (reply.status === 401) {
      this.#conn.close();
      throw new HttpStatusError(reply.status, reply.reason);
    }
    this.#conn.close();
    this.#memo.set(this.#key, 'xmlrpc');
    return this.#xml.call(method, params);
  }

  close(): void {
    this.#conn.close();
  }
}

export function isTransportChoice(s: string): s is TransportChoice {
  return s === 'auto' || s === 'xmlrpc' || s === 'json';
}
