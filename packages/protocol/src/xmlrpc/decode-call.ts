// Request unmarshalling exactly as supervisor 4.2.5 does it (xmlrpc.py,
// supervisor_xmlrpc_handler.loads, spec §7.3), not as the XML-RPC spec says: an iterparse over
// the document where, at each element's end,
//   int, i4            → int(text)            boolean → text == '1'
//   string             → text or ''           double  → float(text)
//   dateTime.iso8601   → strptime(text, '%Y%m%dT%H:%M:%S'); tend gives the normalised text
//   base64             → base64-decoded, then strict UTF-8 → a string
//   array              → its first child's value        data   → its children's values
//   struct             → {first grandchild's value || '': second grandchild's value} per child
//   param              → its first child's value
//   value              → its first child's value, or its own text or '' when it has none
//   methodName         → the method name           params → its children's values
// and any other element keeps its own text, or None if it has none. So `<i8>5</i8>` arrives
// as '5', `<nil/>` as null, and a missing <params> as no arguments. Anything Python would
// raise on (int('x'), an <array> without a child, a struct member with three children, …) is
// "unmarshallable", as is malformed XML and any DOCTYPE.
//
// One deliberate difference: a struct member name that is not text (Python's dict would get an
// int or float key) is refused.
import { decodeBase64LikePython } from './base64.js';
import { parsePyFloat, parsePyInt } from './py-number.js';
import type { XmlRpcDecoded } from './value.js';
import { parseXml, type XmlElement } from './xml-tree.js';

export type DecodedCall =
  | { readonly ok: true; readonly method: string; readonly params: XmlRpcDecoded[] }
  | {
      readonly ok: false;
      /** supervisor's two log wordings: `is invalid: unmarshallable` / `is invalid: no method name`. */
      readonly reason: 'unmarshallable' | 'no method name';
      readonly error: string;
    };

class Unmarshallable extends Error {}

/** An element after its end event: its (converted) text, and its children unless it was cleared. */
interface Ended {
  readonly text: XmlRpcDecoded;
  readonly children: readonly Ended[];
}

// ignoreBOM: a BOM stays a character, as in Python's bytes.decode('utf-8'); parseXml skips a leading one.
const UTF8_STRICT = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
// time.strptime(text, '%Y%m%dT%H:%M:%S') as Python compiles it (case-insensitive; one-digit
// fields allowed), then datetime() (a real calendar day, seconds up to 59).
const DATETIME = /^(\d{4})(1[0-2]|0[1-9]|[1-9])(3[01]|[12]\d|0[1-9]|[1-9]| [1-9])T(2[0-3]|[0-1]\d|\d):([0-5]\d|\d):(6[0-1]|[0-5]\d|\d)$/i;

function fail(message: string): never {
  throw new Unmarshallable(message);
}

function first(el: XmlElement, children: readonly Ended[]): Ended {
  const c = children[0];
  if (c === undefined) fail(`<${el.name}> has no child element`);
  return c;
}

// Python truthiness, for `k.text or ""`.
function isFalsy(v: XmlRpcDecoded): boolean {
  if (v === null || v === '' || v === 0 || v === false) return true;
  if (Array.isArray(v)) return v.length === 0;
  if (typeof v === 'object') return Object.keys(v).length === 0;
  return false;
}

// Python's datetime, written back as YYYYMMDDTHH:MM:SS (`2026012T1:2:3` → `20260102T01:02:03`).
function parseDateTime(text: string | null): string {
  const m = text === null ? null : DATETIME.exec(text);
  if (!m) fail(`bad dateTime.iso8601 value ${JSON.stringify(text)}`);
  const [y, mo, d, h, mi, sec] = m.slice(1).map((f) => Number(f.trim())) as [number, number, number, number, number, number];
  const day = new Date(Date.UTC(y, mo - 1, d));
  if (y < 1 || day.getUTCDate() !== d || sec > 59) fail(`bad dateTime.iso8601 value ${JSON.stringify(text)}`);
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${String(y).padStart(4, '0')}${two(mo)}${two(d)}T${two(h)}:${two(mi)}:${two(sec)}`;
}

interface State {
  method: string | null;
  params: XmlRpcDecoded[] | null;
}

// Post-order walk (= iterparse end events); depth is bounded by the parser's maxDepth.
function end(el: XmlElement, state: State): Ended {
  const children = el.children.map((c) => end(c, state));
  const leaf = (text: XmlRpcDecoded): Ended => ({ text, children: [] });
  switch (el.name) {
    case 'int':
    case 'i4': {
      const n = parsePyInt(el.text);
      if (n === null) fail(`bad <${el.name}> value ${JSON.stringify(el.text)}`);
      return leaf(n);
    }
    case 'boolean':
      return leaf(el.text === '1');
    case 'string':
      return leaf(el.text ?? '');
    case 'double': {
      const n = parsePyFloat(el.text);
      if (n === null) fail(`bad <double> value ${JSON.stringify(el.text)}`);
      return leaf(n);
    }
    case 'dateTime.iso8601':
      return leaf(parseDateTime(el.text));
    case 'base64': {
      const bytes = decodeBase64LikePython(el.text ?? '');
      if (bytes === null) fail('bad <base64> value: incorrect padding');
      const decoded = decodeUtf8(bytes);
      if (decoded === null) fail('<base64> value is not UTF-8');
      return leaf(decoded);
    }
    case 'array':
    case 'param':
      return leaf(first(el, children).text);
    case 'data':
      return leaf(children.map((c) => c.text));
    case 'struct': {
      const out = Object.create(null) as { [key: string]: XmlRpcDecoded };
      for (const member of children) {
        if (member.children.length !== 2) fail(`a struct member needs 2 child elements, got ${member.children.length}`);
        const [k, v] = member.children as [Ended, Ended];
        const key = isFalsy(k.text) ? '' : k.text;
        if (typeof key !== 'string') fail('a struct member name must be text');
        out[key] = v.text;
      }
      return leaf(out);
    }
    case 'value': {
      const c = children[0];
      return leaf(c === undefined ? (el.text ?? '') : c.text);
    }
    case 'methodName':
      state.method = el.text;
      return { text: el.text, children };
    case 'params':
      state.params = children.map((c) => c.text);
      return { text: el.text, children };
    default:
      return { text: el.text, children };
  }
}

function decodeUtf8(body: Uint8Array): string | null {
  try {
    return UTF8_STRICT.decode(body);
  } catch {
    return null;
  }
}

/** Decodes an XML-RPC request body (bytes are strict UTF-8, a BOM is skipped). Never throws. */
export function decodeMethodCall(body: string | Uint8Array): DecodedCall {
  const text = typeof body === 'string' ? body : decodeUtf8(body);
  if (text === null) return { ok: false, reason: 'unmarshallable', error: 'the body is not UTF-8' };
  const parsed = parseXml(text);
  if (!parsed.ok) return { ok: false, reason: 'unmarshallable', error: parsed.error };
  const state: State = { method: null, params: null };
  try {
    end(parsed.root, state);
  } catch (err) {
    return { ok: false, reason: 'unmarshallable', error: err instanceof Error ? err.message : String(err) };
  }
  if (state.method === null || state.method === '') return { ok: false, reason: 'no method name', error: 'no method name' };
  return { ok: true, method: state.method, params: state.params ?? [] };
}
