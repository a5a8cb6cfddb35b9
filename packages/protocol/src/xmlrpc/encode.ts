// XML-RPC encoding with Python's xmlrpc.client.dumps layout, byte for byte (spec §7.3): header
// `<?xml version='1.0'?>`, one element per line, struct members in insertion order. Strings
// go through toXmlText, so the output is well-formed XML 1.0 whatever they contain (see
// text.ts); for plain text that is exactly Python's escaping.
import { formatPyFloat } from './py-number.js';
import { toXmlText } from './text.js';
import { MAX_VALUE_DEPTH, XMLRPC_MAX_INT, XMLRPC_MIN_INT, isPlainObject, type XmlRpcValue } from './value.js';

export const XML_HEADER = "<?xml version='1.0'?>\n";

// Appends one `<value>…</value>\n` to out. Throws TypeError on what Python's Marshaller refuses
// (None, ints beyond 32 bits, other types, recursion): a programmer error here — the server
// checks handler results with toXmlRpcValue first.
function dumpValue(value: XmlRpcValue, out: string[], depth: number): void {
  if (depth > MAX_VALUE_DEPTH) throw new TypeError(`cannot encode values nested deeper than ${MAX_VALUE_DEPTH} levels`);
  switch (typeof value) {
    case 'string':
      out.push(`<value><string>${toXmlText(value)}</string></value>\n`);
      return;
    case 'boolean':
      out.push(`<value><boolean>${value ? 1 : 0}</boolean></value>\n`);
      return;
    case 'number':
      if (Number.isInteger(value)) {
        if (value > XMLRPC_MAX_INT || value < XMLRPC_MIN_INT) throw new TypeError(`int exceeds XML-RPC limits: ${value}`);
        out.push(`<value><int>${value === 0 ? 0 : value}</int></value>\n`);
      } else out.push(`<value><double>${formatPyFloat(value)}</double></value>\n`);
      return;
    default:
      break;
  }
  if (Array.isArray(value)) {
    out.push('<value><array><data>\n');
    for (const item of value) dumpValue(item, out, depth + 1);
    out.push('</data></array></value>\n');
    return;
  }
  if (isPlainObject(value)) {
    out.push('<value><struct>\n');
    for (const key of Object.keys(value)) {
      out.push(`<member>\n<name>${toXmlText(key)}</name>\n`);
      dumpValue(value[key]!, out, depth + 1);
      out.push('</member>\n');
    }
    out.push('</struct></value>\n');
    return;
  }
  throw new TypeError(`cannot marshal ${value === null ? 'null' : typeof value} objects`);
}

function dumpParams(params: readonly XmlRpcValue[], out: string[]): void {
  out.push('<params>\n');
  for (const p of params) {
    out.push('<param>\n');
    dumpValue(p, out, 0);
    out.push('</param>\n');
  }
  out.push('</params>\n');
}

/** `xmlrpc.client.dumps(params, method)`: the body of a request (what supervisorctl sends). */
export function encodeMethodCall(method: string, params: readonly XmlRpcValue[]): string {
  const out = [XML_HEADER, '<methodCall>\n', `<methodName>${toXmlText(method)}</methodName>\n`];
  dumpParams(params, out);
  out.push('</methodCall>\n');
  return out.join('');
}

/** `xmlrpc.client.dumps((value,), methodresponse=1)`: a successful response body. */
export function encodeMethodResponse(value: XmlRpcValue): string {
  const out = [XML_HEADER, '<methodResponse>\n'];
  dumpParams([value], out);
  out.push('</methodResponse>\n');
  return out.join('');
}

/** Struct/array encoding alone, `<value>…</value>\n` (for tests and for building bodies). */
export function encodeValue(value: XmlRpcValue): string {
  const out: string[] = [];
  dumpValue(value, out, 0);
  return out.join('');
}
