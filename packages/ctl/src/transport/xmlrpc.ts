// XML-RPC over POST /RPC2, the only wire format supervisord speaks. A non-200 status is a
// ProtocolError for supervisorctl and closes the connection, as SupervisorTransport does.
import { HttpStatusError, ResponseError, RpcFault } from '../errors.js';
import type { RpcClient } from './rpc-client.js';
import type { HttpConnection } from './http-connection.js';
import { decodeXmlRpcResponse, encodeXmlRpcCall } from './codecs.js';

export class XmlRpcClient implements RpcClient {
  readonly #conn: HttpConnection;
  constructor(conn: HttpConnection) {
    this.#conn = conn;
  }

  async call(method: string, params: readonly unknown[] = []): Promise<unknown> {
    const reply = await this.#conn.post('/RPC2', 'text/xml', 'text/xml', encodeXmlRpcCall(method, params));
    if (reply.status !== 200) {
      this.#conn.close();
      throw new HttpStatusError(reply.status, reply.reason);
    }
    let decoded;
    try {
      decoded = decodeXmlRpcResponse(reply.body.toString('utf8'));
    } catch (err) {
      throw new ResponseError(err instanceof Error ? err.message : String(err), { cause: err });
    }
    if (decoded.kind === 'fault') throw new RpcFault(decoded.faultCode, decoded.faultString);
    return decoded.value;
  }

  close(): void {
    this.#conn.close();
  }
}
