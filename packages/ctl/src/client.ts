// Building the RPC client for one command: one keep-alive connection to the serverurl, speaking
// XML-RPC, JSON-RPC, or finding out which (transport/auto.ts).
import { AutoRpcClient } from './transport/auto.js';
import type { TransportMemo } from './transport/auto.js';
import { HttpConnection } from './transport/http-connection.js';
import { JsonRpcClient } from './transport/json-rpc.js';
import type { RpcClient, TransportChoice } from './transport/rpc-client.js';
import { resolveServerUrl } from './transport/server-url.js';
import { XmlRpcClient } from './transport/xmlrpc.js';

export type { RpcClient, TransportChoice, TransportName } from './transport/rpc-client.js';
export type { TransportMemo } from './transport/auto.js';

export interface ServerSettings {
  readonly serverurl: string;
  readonly username: string | null;
  readonly password: string | null;
}

// Throws CtlValueError for a serverurl that is neither unix:// nor http://, at the moment
// supervisorctl's get_supervisor() would raise it.
export function connectRpcClient(server: ServerSettings, transport: TransportChoice, memo: TransportMemo): RpcClient {
  const conn = new HttpConnection(resolveServerUrl(server.serverurl), server);
  if (transport === 'xmlrpc') return new XmlRpcClient(conn);
  if (transport === 'json') return new JsonRpcClient(conn);
  return new AutoRpcClient(conn, memo, server.serverurl);
}
