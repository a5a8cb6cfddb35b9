// What every command talks to: one RPC call at a time, results still `unknown` until api.ts
// narrows them. Faults arrive as RpcFault, HTTP errors as HttpStatusError, socket errors as
// ConnectionFailure, whichever wire format carried them.

export interface RpcClient {
  call(method: string, params?: readonly unknown[]): Promise<unknown>;
  /** Close the connection; the client may not be used afterwards. */
  close(): void;
}

/** How tendctl speaks to the server: decided per serverurl (see transport/auto.ts). */
export type TransportName = 'xmlrpc' | 'json';
export type TransportChoice = TransportName | 'auto';
