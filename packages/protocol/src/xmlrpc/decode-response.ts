// Response decoding for clients (tendctl against supervisord or tendd), with the value rules of
// Python's xmlrpc.client.Unmarshaller, which the real supervisorctl uses:
//   int, i1, i2, i4, i8, biginteger → int(text)     boolean → '0' / '1' only
//   double, float, bigdecimal      → float(text)     string, untyped <value> → the text
//   nil → null   dateTime.iso8601 → its text   base64 → bytes, here decoded as UTF-8 (U+FFFD
//   for invalid sequences: tend's values are strings)   array, struct as usual
// A `prefix:` on a tag is ignored, as Python does (Apache's `<ex:nil/>`). The structure is
// checked strictly: exactly one <param>, or a <fault> whose struct has an int faultCode and a
// string faultString. Never throws.
import { decodeBase64LikePython } from './base64.js';
import { parsePyFloat, parsePyInt } from './py-number.js';
import { decodeLogBytes } from './text.js';
import type { XmlRpcDecoded } from './value.js';
import { parseXml, type XmlElement } from './xml-tree.js';

export interface XmlRpcFault {
  readonly faultCode: number;
  readonly faultString: string;
}

export type DecodedResponse =
  | { readonly kind: 'value'; readonly value: XmlRpcDecoded }
  | { readonly kind: 'fault'; readonly fault: XmlRpcFault }
  | { readonly kind: 'error'; readonly error: string };

class BadResponse extends Error {}

function fail(message: string): never {
  throw new BadResponse(message);
}

function localName(el: XmlElement): string {
  const colon = el.name.lastIndexOf(':');
  return colon === -1 ? el.name : el.name.slice(colon + 1);
}

function only(el: XmlElement, what: string): XmlElement {
  if (el.children.length !== 1) fail(`<${localName(el)}> must hold exactly one <${what}>, found ${el.children.length} elements`);
  const c = el.children[0]!;
  if (localName(c) !== what) fail(`<${localName(el)}> must hold <${what}>, found <${localName(c)}>`);
  return c;
}

function leafText(el: XmlElement): string {
  if (el.children.length > 0) fail(`<${localName(el)}> must not contain elements`);
  return el.text ?? '';
}

function decodeValue(value: XmlElement): XmlRpcDecoded {
  if (value.children.length === 0) return value.text ?? '';
  if (value.children.length > 1) fail('<value> holds more than one element');
  const typed = value.children[0]!;
  const tag = localName(typed);
  switch (tag) {
    case 'int':
    case 'i1':
    case 'i2':
    case 'i4':
    case 'i8':
    case 'biginteger': {
      const n = parsePyInt(leafText(typed));
      if (n === null) fail(`bad <${tag}> value`);
      return n;
    }
    case 'boolean': {
      const t = leafText(typed);
      if (t !== '0' && t !== '1') fail('bad boolean value');
      return t === '1';
    }
    case 'double':
    case 'float':
    case 'bigdecimal': {
      const n = parsePyFloat(leafText(typed));
      if (n === null) fail(`bad <${tag}> value`);
      return n;
    }
    case 'string':
    case 'dateTime.iso8601':
      return leafText(typed);
    case 'nil':
      leafText(typed);
      return null;
    case 'base64': {
      const bytes = decodeBase64LikePython(leafText(typed));
      if (bytes === null) fail('bad <base64> value');
      return decodeLogBytes(bytes);
    }
    case 'array':
      return only(typed, 'data').children.map((v) => {
        if (localName(v) !== 'value') fail(`<data> must hold <value> elements, found <${localName(v)}>`);
        return decodeValue(v);
      });
    case 'struct': {
      const out = Object.create(null) as { [key: string]: XmlRpcDecoded };
      for (const member of typed.children) {
        if (localName(member) !== 'member') fail(`<struct> must hold <member> elements, found <${localName(member)}>`);
        const [name, v] = member.children;
        if (member.children.length !== 2 || name === undefined || v === undefined || localName(name) !== 'name' || localName(v) !== 'value') {
          fail('a <member> must hold <name> and <value>');
        }
        out[leafText(name)] = decodeValue(v);
      }
      return out;
    }
    default:
      return fail(`unknown tag <${tag}>`);
  }
}

function decodeDocument(root: XmlElement): DecodedResponse {
  if (localName(root) !== 'methodResponse') fail(`the root element is <${localName(root)}>, not <methodResponse>`);
  if (root.children.length !== 1) fail('<methodResponse> must hold exactly one of <params> or <fault>');
  const body = root.children[0]!;
  if (localName(body) === 'fault') {
    const v = decodeValue(only(body, 'value'));
    if (typeof v !== 'object' || v === null || Array.isArray(v)) fail('a <fault> must hold a struct');
    const { faultCode, faultString } = v;
    if (typeof faultCode !== 'number' || !Number.isInteger(faultCode) || typeof faultString !== 'string') fail('a fault needs an int faultCode and a string faultString');
    return { kind: 'fault', fault: { faultCode, faultString } };
  }
  if (localName(body) !== 'params') fail(`<methodResponse> holds <${localName(body)}>`);
  const param = only(body, 'param');
  return { kind: 'value', value: decodeValue(only(param, 'value')) };
}

/** Decodes a methodResponse body: the value, the fault, or what is wrong with it. Never throws. */
export function decodeMethodResponse(body: string | Uint8Array): DecodedResponse {
  let text: string;
  try {
    text = typeof body === 'string' ? body : new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    return { kind: 'error', error: 'the response is not UTF-8' };
  }
  const parsed = parseXml(text, { namespaces: false });
  if (!parsed.ok) return { kind: 'error', error: parsed.error };
  try {
    return decodeDocument(parsed.root);
  } catch (err) {
    return { kind: 'error', error: err instanceof Error ? err.message : String(err) };
  }
}
