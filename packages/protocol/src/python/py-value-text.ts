// str(), repr() and ascii() of the values `%`-expansion formats: Python str, int, and the
// expansions dict itself (an unkeyed `%s` formats the whole dict, in insertion order).
import { pyRepr } from './py-text.js';

/** A Python dict: str keys, str or int values, in insertion order. */
export type PyMapping = ReadonlyMap<string, string | number>;
export type PyValue = string | number | PyMapping;

/** type(v).__name__, as TypeError texts name it. */
export function pyTypeName(v: PyValue): string {
  return typeof v === 'string' ? 'str' : typeof v === 'number' ? 'int' : 'dict';
}

/** The Python int a JS number stands for; expansion values are integers by contract. */
export function toPyInt(n: number): bigint {
  if (!Number.isInteger(n)) throw new TypeError(`expansion values must be integers or strings, got ${n}`);
  return BigInt(n);
}

export function pyReprValue(v: PyValue): string {
  if (typeof v === 'string') return pyRepr(v);
  if (typeof v === 'number') return toPyInt(v).toString();
  return '{' + [...v].map(([k, x]) => pyRepr(k) + ': ' + pyReprValue(x)).join(', ') + '}';
}

export function pyStrValue(v: PyValue): string {
  return typeof v === 'string' ? v : pyReprValue(v);
}

/** ascii(): repr() with every non-ASCII code point escaped. */
export function pyAsciiValue(v: PyValue): string {
  let out = '';
  for (const c of pyReprValue(v)) {
    const cp = c.codePointAt(0) ?? 0;
    if (cp < 0x80) out += c;
    else if (cp <= 0xff) out += '\\x' + cp.toString(16).padStart(2, '0');
    else if (cp <= 0xffff) out += '\\u' + cp.toString(16).padStart(4, '0');
    else out += '\\U' + cp.toString(16).padStart(8, '0');
  }
  return out;
}
