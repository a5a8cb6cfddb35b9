// The values the XML-RPC codec carries, and the check that turns a handler's `unknown` result
// into one of them.
import { decodeLogBytes } from './text.js';
import { cannotEncode, checkValue, Refusal } from './walk.js';

export { isPlainObject } from './walk.js';

/**
 * A value tend can encode. A JS integer becomes `<int>` (it must fit in 32 bits, as in Python's
 * xmlrpc.client), any other number `<double>`; strings are always `<string>` (bytes are never
 * sent). There is no nil: Python's dumps cannot encode None either.
 */
export type XmlRpcValue = string | number | boolean | XmlRpcValue[] | { [key: string]: XmlRpcValue };

/**
 * A value decoding can produce: XmlRpcValue plus `null`, which is what supervisor's
 * unmarshaller makes of `<nil/>` (Python's None) and of any other empty element of an unknown
 * type. Structs are objects with a null prototype, so a member named `__proto__` is plain data.
 */
export type XmlRpcDecoded = string | number | boolean | null | XmlRpcDecoded[] | { [key: string]: XmlRpcDecoded };

/** xmlrpc.client MAXINT / MININT: the range of `<int>`. */
export const XMLRPC_MAX_INT = 2 ** 31 - 1;
export const XMLRPC_MIN_INT = -(2 ** 31);

/** Deeper results than this are refused (no real method returns more than 4 levels). */
export const MAX_VALUE_DEPTH = 64;

export type ToXmlRpcResult = { readonly ok: true; readonly value: XmlRpcValue } | { readonly ok: false; readonly error: string };

/**
 * XML-RPC's leaf rule: strings, booleans, numbers (integers within 32 bits), and byte buffers
 * (Uint8Array, Buffer), which become text with decodeLogBytes. Refuses null/undefined,
 * functions, bigint and class instances.
 */
export function toXmlRpcScalar(v: unknown): string | number | boolean | Refusal {
  switch (typeof v) {
    case 'string':
    case 'boolean':
      return v;
    case 'number':
      if (Number.isInteger(v) && (v > XMLRPC_MAX_INT || v < XMLRPC_MIN_INT)) return new Refusal(`integer ${v} exceeds the XML-RPC int range`);
      return v;
    default:
      return v instanceof Uint8Array ? decodeLogBytes(v) : new Refusal(cannotEncode(v));
  }
}

/**
 * Checks that a handler's result can be encoded and returns it with byte buffers turned into
 * text. Refuses what toXmlRpcScalar refuses, cycles and nesting deeper than MAX_VALUE_DEPTH,
 * saying where (`[2].start: …`). The XML encoder does the same check as it writes
 * (encodeMethodResponseBytes); this is for callers that want the value itself.
 */
export function toXmlRpcValue(value: unknown): ToXmlRpcResult {
  return checkValue(value, toXmlRpcScalar, MAX_VALUE_DEPTH);
}
