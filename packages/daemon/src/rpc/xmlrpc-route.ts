// POST /RPC2: an XML-RPC call (supervisor_xmlrpc_handler.continue_request, spec §7.3).
// Unparsable XML or no method name → 400 with supervisor's ERRO line; a fault → a fault
// response; a result that cannot be encoded (a handler bug) → CRIT + FAILED fault, never 500.
import { decodeMethodCall, encodeFault, encodeMethodResponseBytes, FaultError } from '@tend/protocol';
import type { Dispatch } from './dispatch.js';
import type { HttpRequest } from './http-connection.js';
import { bodyReply, errorReply, type Reply } from './http-reply.js';
import type { RpcLog } from './rpc-log.js';

const LOGGED_BODY_CHARS = 200;

/** A body for a log line, cut short: supervisor logs it whole (%r), a hostile one can be 2 MiB. */
export function bodyForLog(body: Buffer): string {
  const text = body.toString('utf8', 0, Math.min(body.length, LOGGED_BODY_CHARS * 4)).slice(0, LOGGED_BODY_CHARS);
  return body.length > text.length ? `${JSON.stringify(text)}… (${body.length} bytes)` : JSON.stringify(text);
}

function xmlReply(xml: string): Reply {
  return bodyReply('text/xml', Buffer.from(xml, 'utf8'));
}

export async function handleXmlRpc(request: HttpRequest, dispatch: Dispatch, log: RpcLog): Promise<Reply> {
  const call = decodeMethodCall(request.body);
  if (!call.ok) {
    log.error(`XML-RPC request data ${bodyForLog(request.body)} is invalid: ${call.reason}`);
    log.debug(`XML-RPC request unmarshalling: ${call.error}`);
    return errorReply(400);
  }
  const result = await dispatch(call.method, call.params);
  if (!result.ok) return xmlReply(encodeFault(result.fault.code, result.fault.message));
  const encoded = encodeMethodResponseBytes(result.value);
  if (encoded.ok) return bodyReply('text/xml', encoded.chunks);
  log.critical(`XML-RPC method ${call.method}() returned a value that cannot be encoded: ${encoded.error}`);
  const fault = new FaultError('FAILED', `cannot encode the result: ${encoded.error}`);
  return xmlReply(encodeFault(fault.code, fault.message));
}
