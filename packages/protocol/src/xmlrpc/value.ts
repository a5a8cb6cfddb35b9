// The values the XML-RPC codec carries, and the check that turns a handler's `unknown` result
// into one of them.
import { decodeLogBytes } from './text.js';

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

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Describes a value's type for an error message. */
function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'object') return (value as object).constructor?.name ?? 'object';
  return typeof value;
}

/**
 * Checks that a handler's result can be encoded, converting byte buffers (Uint8Array, Buffer)
 * to strings with decodeLogBytes on the way. Refuses null/undefined, functions, bigint, other
 * class instances, integers outside the 32-bit range, cycles and nesting deeper than
 * MAX_VALUE_DEPTH, saying where (`[2].start: …`).
 */
export function toXmlRpcValue(value: unknown): ToXmlRpcResult {
  const ancestors = new Set<object>();
  let error: string | null = null;
  const walk = (v: unknown, path: string, depth: number): XmlRpcValue | undefined => {
    switch (typeof v) {
      case 'string':
      case 'boolean':
        return v;
      case 'number':
        if (Number.isInteger(v) && (v > XMLRPC_MAX_INT || v < XMLRPC_MIN_INT)) {
          error = `${path || 'result'}: integer ${v} exceeds the XML-RPC int range`;
          return undefined;
        }
        return v;
      default:
        break;
    }
    if (v instanceof Uint8Array) return decodeLogBytes(v);
    if (depth >= MAX_VALUE_DEPTH) {
      error = `${path || 'result'}: nested deeper than ${MAX_VALUE_DEPTH} levels`;
      return undefined;
    }
    if (Array.isArray(v) || isPlainObject(v)) {
      if (ancestors.has(v)) {
        error = `${path || 'result'}: cannot encode a recursive value`;
        return undefined;
      }
      ancestors.add(v);
      try {
        if (Array.isArray(v)) {
          const out: XmlRpcValue[] = [];
          for (let i = 0; i < v.length; i++) {
            const item = walk(v[i], `${path}[${i}]`, depth + 1);
            if (item === undefined) return undefined;
            out.push(item);
          }
          return out;
        }
        const out: { [key: string]: XmlRpcValue } = Object.create(null) as { [key: string]: XmlRpcValue };
        for (const key of Object.keys(v)) {
          const item = walk(v[key], path ? `${path}.${key}` : key, depth + 1);
          if (item === undefined) return undefined;
          out[key] = item;
        }
        return out;
      } finally {
        ancestors.delete(v);
      }
    }
    error = `${path || 'result'}: cannot encode a value of type ${typeOf(v)}`;
    return undefined;
  };
  const out = walk(value, '', 0);
  return out === undefined ? { ok: false, error: error ?? 'cannot encode the value' } : { ok: true, value: out };
}
