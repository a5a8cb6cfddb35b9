// POST /rpc: JSON-RPC 2.0 over the same dispatch (tend's addition; protocol/json/envelope.ts).
// Every answer is HTTP 200 with a JSON body, envelope errors included; a request made only of
// notifications gets 204.
import {
  decodeJsonRpcRequest,
  encodeJsonRpcResponse,
  FaultError,
  jsonRpcFault,
  jsonRpcResult,
  toJsonValue,
  type JsonRpcEntry,
  type JsonRpcResponse,
} from '@tend/protocol';
import type { Dispatch } from './dispatch.js';
import type { HttpRequest } from './http-connection.js';
import { bodyReply, type Reply } from './http-reply.js';
import type { RpcLog } from './rpc-log.js';

const NO_CONTENT: Reply = { kind: 'response', status: 204, headers: [['Content-Length', '0']], body: [] };

async function run(entry: JsonRpcEntry, dispatch: Dispatch, log: RpcLog): Promise<JsonRpcResponse | null> {
  if (!entry.ok) return entry.response;
  const { call } = entry;
  const result = await dispatch(call.method, call.params);
  if (call.isNotification) return null;
  if (!result.ok) return jsonRpcFault(call.id, result.fault);
  const value = toJsonValue(result.value);
  if (value.ok) return jsonRpcResult(call.id, value.value);
  log.critical(`JSON-RPC method ${call.method}() returned a value that cannot be encoded: ${value.error}`);
  return jsonRpcFault(call.id, new FaultError('FAILED', `cannot encode the result: ${value.error}`));
}

function json(response: JsonRpcResponse | readonly JsonRpcResponse[]): Reply {
  return bodyReply('application/json', Buffer.from(encodeJsonRpcResponse(response), 'utf8'));
}

export async function handleJsonRpc(request: HttpRequest, dispatch: Dispatch, log: RpcLog): Promise<Reply> {
  const decoded = decodeJsonRpcRequest(request.body);
  if (!decoded.ok) return json(decoded.response);
  if (!decoded.batch) {
    const response = await run(decoded.entry, dispatch, log);
    return response === null ? NO_CONTENT : json(response);
  }
  // In order, each awaited: as system.multicall.
  const responses: JsonRpcResponse[] = [];
  for (const entry of decoded.entries) {
    const response = await run(entry, dispatch, log);
    if (response !== null) responses.push(response);
  }
  return responses.length === 0 ? NO_CONTENT : json(responses);
}
