// The XML-RPC response encoder as it was before the one-pass encoder (commit 252296f:
// toXmlRpcValue, then dumpValue into an array of strings, then join), frozen here as the
// reference the new encoder must match byte for byte. Do not "fix" it: it is the old behaviour.
import { formatPyFloat, isPlainObject, toXmlText } from '../../../../packages/protocol/src/index.js';

const MAX_INT = 2 ** 31 - 1;
const MIN_INT = -(2 ** 31);
const MAX_DEPTH = 64;
const LOG_DECODER = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

type Value = string | number | boolean | Value[] | { [key: string]: Value };

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'object') return (value as object).constructor?.name ?? 'object';
  return typeof value;
}

/** The old toXmlRpcValue. */
export function referenceCheck(value: unknown): { ok: true; value: Value } | { ok: false; error: string } {
  const ancestors = new Set<object>();
  let error: string | null = null;
  const walk = (v: unknown, path: string, depth: number): Value | undefined => {
    switch (typeof v) {
      case 'string':
      case 'boolean':
        return v;
      case 'number':
        if (Number.isInteger(v) && (v > MAX_INT || v < MIN_INT)) {
          error = `${path || 'result'}: integer ${v} exceeds the XML-RPC int range`;
          return undefined;
        }
        return v;
      default:
        break;
    }
    if (v instanceof Uint8Array) return LOG_DECODER.decode(v);
    if (depth >= MAX_DEPTH) {
      error = `${path || 'result'}: nested deeper than ${MAX_DEPTH} levels`;
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
          const out: Value[] = [];
          for (let i = 0; i < v.length; i++) {
            const item = walk(v[i], `${path}[${i}]`, depth + 1);
            if (item === undefined) return undefined;
            out.push(item);
          }
          return out;
        }
        const out = Object.create(null) as { [key: string]: Value };
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

function dumpValue(value: Value, out: string[]): void {
  switch (typeof value) {
    case 'string':
      out.push(`<value><string>${toXmlText(value)}</string></value>\n`);
      return;
    case 'boolean':
      out.push(`<value><boolean>${value ? 1 : 0}</boolean></value>\n`);
      return;
    case 'number':
      if (Number.isInteger(value)) out.push(`<value><int>${value === 0 ? 0 : value}</int></value>\n`);
      else out.push(`<value><double>${formatPyFloat(value)}</double></value>\n`);
      return;
    default:
      break;
  }
  if (Array.isArray(value)) {
    out.push('<value><array><data>\n');
    for (const item of value) dumpValue(item, out);
    out.push('</data></array></value>\n');
    return;
  }
  out.push('<value><struct>\n');
  for (const key of Object.keys(value)) {
    out.push(`<member>\n<name>${toXmlText(key)}</name>\n`);
    dumpValue(value[key]!, out);
    out.push('</member>\n');
  }
  out.push('</struct></value>\n');
}

function dumpParams(params: readonly Value[], out: string[]): void {
  out.push('<params>\n');
  for (const p of params) {
    out.push('<param>\n');
    dumpValue(p, out);
    out.push('</param>\n');
  }
  out.push('</params>\n');
}

const HEADER = "<?xml version='1.0'?>\n";

/** The old route: toXmlRpcValue, then encodeMethodResponse; the error when the check refuses. */
export function referenceResponse(value: unknown): { ok: true; xml: string } | { ok: false; error: string } {
  const checked = referenceCheck(value);
  if (!checked.ok) return checked;
  const out = [HEADER, '<methodResponse>\n'];
  dumpParams([checked.value], out);
  out.push('</methodResponse>\n');
  return { ok: true, xml: out.join('') };
}

export function referenceCall(method: string, params: readonly Value[]): string {
  const out = [HEADER, '<methodCall>\n', `<methodName>${toXmlText(method)}</methodName>\n`];
  dumpParams(params, out);
  out.push('</methodCall>\n');
  return out.join('');
}

export function referenceFault(code: number, faultString: string): string {
  const out: string[] = [];
  dumpValue({ faultCode: code, faultString }, out);
  return `${HEADER}<methodResponse>\n<fault>\n${out.join('')}</fault>\n</methodResponse>\n`;
}
