// XML-RPC encoding with Python's xmlrpc.client.dumps layout, byte for byte (spec §7.3): header
// `<?xml version='1.0'?>`, one element per line, struct members in insertion order. Strings
// go through toXmlText, so the output is well-formed XML 1.0 whatever they contain (see
// text.ts); for plain text that is exactly Python's escaping.
//
// One pass checks and writes (walk.ts + toXmlRpcScalar): no checked copy of the value is made
// first. A 1000-process getAllProcessInfo is ~1.3 MiB in ~45,000 pieces. They are appended to a
// string (cheap: V8 makes a rope), and for a response that string is turned into UTF-8 every
// 16 KiB: flattening one 1.3 MiB rope at the end costs more than the whole walk.
import { formatPyFloat } from './py-number.js';
import { toXmlText } from './text.js';
import { MAX_VALUE_DEPTH, toXmlRpcScalar, type XmlRpcValue } from './value.js';
import { Utf8Chunks } from './utf8-chunks.js';
import { walkValue, type ValueVisitor } from './walk.js';

export const XML_HEADER = "<?xml version='1.0'?>\n";

// `<member>\n<name>KEY</name>\n` by key: results repeat the same few struct keys thousands of
// times. Bounded, in case some result has keys made from data.
const MEMBER_OPEN_CACHE = new Map<string, string>();
const MEMBER_OPEN_CACHE_MAX = 512;

function memberOpen(key: string): string {
  let text = MEMBER_OPEN_CACHE.get(key);
  if (text === undefined) {
    text = `<member>\n<name>${toXmlText(key)}</name>\n`;
    if (MEMBER_OPEN_CACHE.size < MEMBER_OPEN_CACHE_MAX) MEMBER_OPEN_CACHE.set(key, text);
  }
  return text;
}

/** Text gathered before it is turned into bytes (when there is a byte sink). */
const FLUSH_AT = 16 * 1024;

// Appends `<value>…</value>\n` elements as the walk reports them: to `text`, which goes to the
// sink, if any, whenever it grows past FLUSH_AT.
class XmlWriter implements ValueVisitor {
  text = '';
  readonly #sink: Utf8Chunks | null;

  constructor(sink: Utf8Chunks | null) {
    this.#sink = sink;
  }

  append(s: string): void {
    this.text += s;
    if (this.text.length > FLUSH_AT && this.#sink !== null) this.flush();
  }
  /** Hands the text to the sink; without one, the text stays (it is the output). */
  flush(): void {
    if (this.#sink === null) return;
    this.#sink.write(this.text);
    this.text = '';
  }

  leaf(value: unknown): string | null {
    const v = toXmlRpcScalar(value);
    switch (typeof v) {
      case 'string':
        this.append('<value><string>' + toXmlText(v) + '</string></value>\n');
        return null;
      case 'number':
        this.append(Number.isInteger(v) ? '<value><int>' + (v === 0 ? 0 : v) + '</int></value>\n' : '<value><double>' + formatPyFloat(v) + '</double></value>\n');
        return null;
      case 'boolean':
        this.append(v ? '<value><boolean>1</boolean></value>\n' : '<value><boolean>0</boolean></value>\n');
        return null;
      default:
        return v.message;
    }
  }
  openArray(): void {
    this.append('<value><array><data>\n');
  }
  closeArray(): void {
    this.append('</data></array></value>\n');
  }
  openStruct(): void {
    this.append('<value><struct>\n');
  }
  openMember(key: string): void {
    this.append(memberOpen(key));
  }
  closeMember(): void {
    this.append('</member>\n');
  }
  closeStruct(): void {
    this.append('</struct></value>\n');
  }
}

// `start`, `<params>` with one `<param>` per value, `end`; null, or why a value was refused.
function writeParams(writer: XmlWriter, start: string, params: readonly unknown[], end: string): string | null {
  writer.append(`${start}<params>\n`);
  for (const p of params) {
    writer.append('<param>\n');
    const error = walkValue(p, writer, MAX_VALUE_DEPTH);
    if (error !== null) return error;
    writer.append('</param>\n');
  }
  writer.append(`</params>\n${end}`);
  writer.flush();
  return null;
}

function encodeText(start: string, params: readonly unknown[], end: string): string {
  const writer = new XmlWriter(null);
  const error = writeParams(writer, start, params, end);
  if (error !== null) throw new TypeError(`cannot encode as XML-RPC: ${error}`);
  return writer.text;
}

const RESPONSE_START = `${XML_HEADER}<methodResponse>\n`;
const RESPONSE_END = '</methodResponse>\n';

export type EncodedResponse = { readonly ok: true; readonly chunks: Uint8Array[]; readonly byteLength: number } | { readonly ok: false; readonly error: string };

/**
 * The UTF-8 body of a successful response to a handler's result, as chunks to write in order.
 * The result is checked as it is written: what toXmlRpcValue refuses is refused here with the
 * same message (and nothing is returned).
 */
export function encodeMethodResponseBytes(value: unknown): EncodedResponse {
  const sink = new Utf8Chunks();
  const error = writeParams(new XmlWriter(sink), RESPONSE_START, [value], RESPONSE_END);
  return error === null ? { ok: true, chunks: sink.chunks(), byteLength: sink.byteLength } : { ok: false, error };
}

/** `xmlrpc.client.dumps((value,), methodresponse=1)`. Throws TypeError on what cannot be encoded. */
export function encodeMethodResponse(value: XmlRpcValue): string {
  return encodeText(RESPONSE_START, [value], RESPONSE_END);
}

/** `xmlrpc.client.dumps(params, method)`: the body of a request (what supervisorctl sends). Throws TypeError on what cannot be encoded. */
export function encodeMethodCall(method: string, params: readonly XmlRpcValue[]): string {
  return encodeText(`${XML_HEADER}<methodCall>\n<methodName>${toXmlText(method)}</methodName>\n`, params, '</methodCall>\n');
}

/** One `<value>…</value>\n` (for tests and for building bodies). Throws TypeError on what cannot be encoded. */
export function encodeValue(value: XmlRpcValue): string {
  const writer = new XmlWriter(null);
  const error = walkValue(value, writer, MAX_VALUE_DEPTH);
  if (error !== null) throw new TypeError(`cannot encode as XML-RPC: ${error}`);
  return writer.text;
}
