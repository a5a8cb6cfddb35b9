// JSON-RPC 2.0 over the same method table as XML-RPC (tend's `POST /rpc`). Params are
// positional (an array, or omitted for none). A fault is an error object whose code is
// supervisor's fault number and whose message is the faultString, with the structured parts in
// data:
//   {"jsonrpc":"2.0","error":{"code":10,"message":"BAD_NAME: web","data":{"fault":"BAD_NAME","detail":"web"}},"id":1}
// Envelope problems use JSON-RPC's own codes (-32700 parse error, -32600 invalid request,
// -32602 params not an array). Batches (arrays of requests) and notifications (no id) work as
// the JSON-RPC 2.0 spec says. Every function here is pure and never throws on bad input.
import { FaultError } from '../faults.js';
import { decodeLogBytes } from '../xmlrpc/text.js';
import { cannotEncode, checkValue, isPlainObject, Refusal } from '../xmlrpc/walk.js';

export type JsonRpcId = string | number | null;

/** JSON-RPC 2.0's reserved codes; faults use supervisor's positive numbers instead. */
export const JsonRpcErrorCode = {
  PARSE_ERROR: -32700,
  INVALID_REQUEST: -32600,
  INVALID_PARAMS: -32602,
  INTERNAL_ERROR: -32603,
} as const;

export interface JsonRpcErrorObject {
  readonly code: number;
  readonly message: string;
  readonly data?: { readonly fault: string; readonly detail: string };
}

export type JsonRpcResponse =
  | { readonly jsonrpc: '2.0'; readonly result: JsonValue; readonly id: JsonRpcId }
  | { readonly jsonrpc: '2.0'; readonly error: JsonRpcErrorObject; readonly id: JsonRpcId };

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export interface JsonRpcCall {
  readonly method: string;
  readonly params: unknown[];
  readonly id: JsonRpcId;
  /** No `id` member: the server runs it and sends nothing back. */
  readonly isNotification: boolean;
}

/** One request of a batch: a call to run, or the error response it already earned. */
export type JsonRpcEntry = { readonly ok: true; readonly call: JsonRpcCall } | { readonly ok: false; readonly response: JsonRpcResponse };

export type DecodedJsonRpcRequest =
  | { readonly ok: true; readonly batch: false; readonly entry: JsonRpcEntry }
  | { readonly ok: true; readonly batch: true; readonly entries: readonly JsonRpcEntry[] }
  | { readonly ok: false; readonly response: JsonRpcResponse };

/** Deeper JSON is refused as an invalid request (JSON.stringify and handlers recurse). */
export const JSON_MAX_DEPTH = 64;

export function jsonRpcError(id: JsonRpcId, code: number, message: string, data?: JsonRpcErrorObject['data']): JsonRpcResponse {
  return { jsonrpc: '2.0', error: data === undefined ? { code, message } : { code, message, data }, id };
}

/** The error response for a fault: code = fault number, message = `NAME: detail`. */
export function jsonRpcFault(id: JsonRpcId, fault: FaultError): JsonRpcResponse {
  return jsonRpcError(id, fault.code, fault.message, { fault: fault.faultName, detail: fault.detail });
}

export function jsonRpcResult(id: JsonRpcId, result: JsonValue): JsonRpcResponse {
  return { jsonrpc: '2.0', result, id };
}

// Iterative, so a hostile `[[[[…]]]]` cannot overflow the stack.
function depthExceeds(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [v, d] = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (d > max) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push([child, d + 1]);
  }
  return false;
}

function isId(v: unknown): v is JsonRpcId {
  return v === null || typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v));
}

function decodeEntry(v: unknown): JsonRpcEntry {
  if (!isPlainObject(v)) return { ok: false, response: jsonRpcError(null, JsonRpcErrorCode.INVALID_REQUEST, 'Invalid Request: expected an object') };
  const hasId = Object.hasOwn(v, 'id');
  const id = hasId && isId(v['id']) ? v['id'] : null;
  const invalid = (why: string): JsonRpcEntry => ({ ok: false, response: jsonRpcError(id, JsonRpcErrorCode.INVALID_REQUEST, `Invalid Request: ${why}`) });
  if (v['jsonrpc'] !== '2.0') return invalid('jsonrpc must be "2.0"');
  if (hasId && !isId(v['id'])) return invalid('id must be a string, a number or null');
  const method = v['method'];
  if (typeof method !== 'string') return invalid('method must be a string');
  const params = Object.hasOwn(v, 'params') ? v['params'] : [];
  if (!Array.isArray(params)) {
    return { ok: false, response: jsonRpcError(id, JsonRpcErrorCode.INVALID_PARAMS, 'Invalid params: tend takes positional params (an array)') };
  }
  return { ok: true, call: { method, params, id, isNotification: !hasId } };
}

const UTF8_STRICT = new TextDecoder('utf-8', { fatal: true });

/** Parses a request body (a single request or a batch). */
export function decodeJsonRpcRequest(body: string | Uint8Array): DecodedJsonRpcRequest {
  let parsed: unknown;
  try {
    parsed = JSON.parse(typeof body === 'string' ? body : UTF8_STRICT.decode(body));
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    return { ok: false, response: jsonRpcError(null, JsonRpcErrorCode.PARSE_ERROR, `Parse error: ${why}`) };
  }
  if (depthExceeds(parsed, JSON_MAX_DEPTH)) {
    return { ok: false, response: jsonRpcError(null, JsonRpcErrorCode.INVALID_REQUEST, `Invalid Request: nested deeper than ${JSON_MAX_DEPTH} levels`) };
  }
  if (Array.isArray(parsed)) {
    if (parsed.length === 0) return { ok: false, response: jsonRpcError(null, JsonRpcErrorCode.INVALID_REQUEST, 'Invalid Request: empty batch') };
    return { ok: true, batch: true, entries: parsed.map(decodeEntry) };
  }
  return { ok: true, batch: false, entry: decodeEntry(parsed) };
}

export type ToJsonResult = { readonly ok: true; readonly value: JsonValue } | { readonly ok: false; readonly error: string };

// JSON's leaf rule: null, strings, booleans, finite numbers, and byte buffers as text.
function toJsonScalar(v: unknown): string | number | boolean | null | Refusal {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : new Refusal(`${v} is not a JSON number`);
  return v instanceof Uint8Array ? decodeLogBytes(v) : new Refusal(cannotEncode(v));
}

/**
 * Checks that a handler's result is JSON data (byte buffers become strings via decodeLogBytes),
 * refusing undefined, functions, bigint, non-finite numbers, class instances, cycles and
 * nesting deeper than JSON_MAX_DEPTH.
 */
export function toJsonValue(value: unknown): ToJsonResult {
  return checkValue(value, toJsonScalar, JSON_MAX_DEPTH);
}

/** The response body for one response or a batch. */
export function encodeJsonRpcResponse(response: JsonRpcResponse | readonly JsonRpcResponse[]): string {
  return JSON.stringify(response);
}

/** A request body (client side). */
export function encodeJsonRpcRequest(method: string, params: readonly JsonValue[], id: JsonRpcId): string {
  return JSON.stringify({ jsonrpc: '2.0', method, params, id });
}

export type DecodedJsonRpcResponse =
  | { readonly kind: 'value'; readonly value: JsonValue; readonly id: JsonRpcId }
  | { readonly kind: 'fault'; readonly fault: { readonly faultCode: number; readonly faultString: string }; readonly error: JsonRpcErrorObject; readonly id: JsonRpcId }
  | { readonly kind: 'error'; readonly error: string };

/** Parses one response (client side): its result, its fault (a supervisor code ≥ 0), or what is wrong. */
export function decodeJsonRpcResponse(body: string | Uint8Array): DecodedJsonRpcResponse {
  let parsed: unknown;
  try {
    parsed = JSON.parse(typeof body === 'string' ? body : UTF8_STRICT.decode(body));
  } catch (err) {
    return { kind: 'error', error: `not JSON: ${err instanceof Error ? err.message : String(err)}` };
  }
  if (!isPlainObject(parsed) || parsed['jsonrpc'] !== '2.0') return { kind: 'error', error: 'not a JSON-RPC 2.0 response' };
  const id = isId(parsed['id']) ? parsed['id'] : null;
  if (Object.hasOwn(parsed, 'result')) return { kind: 'value', value: parsed['result'] as JsonValue, id };
  const e = parsed['error'];
  if (!isPlainObject(e) || typeof e['code'] !== 'number' || !Number.isInteger(e['code']) || typeof e['message'] !== 'string') {
    return { kind: 'error', error: 'a JSON-RPC response needs a result or an error with an integer code and a message' };
  }
  // JSON-RPC's own (negative) codes are envelope errors, not supervisor faults.
  if (e['code'] < 0) return { kind: 'error', error: `JSON-RPC error ${e['code']}: ${e['message']}` };
  const d = e['data'];
  const data = isPlainObject(d) && typeof d['fault'] === 'string' && typeof d['detail'] === 'string' ? { fault: d['fault'], detail: d['detail'] } : undefined;
  const error: JsonRpcErrorObject = data === undefined ? { code: e['code'], message: e['message'] } : { code: e['code'], message: e['message'], data };
  return { kind: 'fault', fault: { faultCode: e['code'], faultString: e['message'] }, error, id };
}
