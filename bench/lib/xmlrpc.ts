// A small, self-contained XML-RPC codec for the bench's raw client: a methodCall with no or
// simple params, and a methodResponse decoded into plain JS values. The bench parses both
// daemons' answers with this same code, so its cost is the same on both sides; it does not use
// tend's own protocol package, which is part of what is measured.

/** Thrown for a <fault> response. */
export class XmlRpcFault extends Error {
  readonly faultCode: number;
  readonly faultString: string;
  constructor(code: number, text: string) {
    super(`XML-RPC fault ${code}: ${text}`);
    this.faultCode = code;
    this.faultString = text;
  }
}

function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function encodeValue(v: unknown): string {
  if (typeof v === 'string') return `<value><string>${escapeText(v)}</string></value>`;
  if (typeof v === 'boolean') return `<value><boolean>${v ? 1 : 0}</boolean></value>`;
  if (typeof v === 'number' && Number.isInteger(v)) return `<value><int>${v}</int></value>`;
  if (typeof v === 'number') return `<value><double>${v}</double></value>`;
  if (Array.isArray(v)) return `<value><array><data>${v.map(encodeValue).join('')}</data></array></value>`;
  if (v !== null && typeof v === 'object') {
    const members = Object.entries(v).map(([k, x]) => `<member><name>${escapeText(k)}</name>${encodeValue(x)}</member>`);
    return `<value><struct>${members.join('')}</struct></value>`;
  }
  throw new Error(`xmlrpc: cannot encode ${String(v)}`);
}

export function encodeMethodCall(method: string, params: readonly unknown[] = []): string {
  const ps = params.map((p) => `<param>${encodeValue(p)}</param>`).join('');
  return `<?xml version="1.0"?>\n<methodCall><methodName>${escapeText(method)}</methodName><params>${ps}</params></methodCall>\n`;
}

const ENTITY = /&(lt|gt|amp|quot|apos|#x[0-9a-fA-F]+|#\d+);/g;

function unescapeText(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(ENTITY, (_m, e: string) => {
    switch (e) {
      case 'lt': return '<';
      case 'gt': return '>';
      case 'amp': return '&';
      case 'quot': return '"';
      case 'apos': return "'";
      default: return String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    }
  });
}

interface ValueFrame { kind: 'value'; value: unknown; has: boolean }
interface ArrayFrame { kind: 'array'; items: unknown[] }
interface StructFrame { kind: 'struct'; obj: Record<string, unknown> }
interface MemberFrame { kind: 'member'; name: string; value: unknown }
type Frame = ValueFrame | ArrayFrame | StructFrame | MemberFrame;

/** Decode a methodResponse body: the single return value, or throw XmlRpcFault / Error. */
export function decodeMethodResponse(xml: string): unknown {
  const stack: Frame[] = [];
  let result: unknown;
  let hasResult = false;
  let fault = false;

  const deliver = (v: unknown): void => {
    const top = stack[stack.length - 1];
    if (top === undefined) {
      result = v;
      hasResult = true;
    } else if (top.kind === 'value') {
      top.value = v;
      top.has = true;
    } else if (top.kind === 'array') {
      top.items.push(v);
    } else if (top.kind === 'member') {
      top.value = v;
    } else {
      throw new Error('xmlrpc: value directly inside <struct>');
    }
  };

  // A hand-rolled scan (indexOf, no regex): the bench times this parse as part of each call, so
  // it should cost as little as a reasonable client's would. `textStart` is where the text after
  // the previous tag begins; it is only sliced when a closing tag needs it.
  let textStart = 0;
  for (let lt = xml.indexOf('<'); lt !== -1; lt = xml.indexOf('<', textStart)) {
    const prevEnd = textStart;
    const textEnd = lt;
    const first = xml.charCodeAt(lt + 1);
    if (first === 0x3f /* ? */ || first === 0x21 /* ! */) {
      const close = first === 0x21 && xml.startsWith('<!--', lt) ? xml.indexOf('-->', lt) + 2 : xml.indexOf('>', lt);
      if (close < lt) throw new Error('xmlrpc: unterminated declaration or comment');
      textStart = close + 1;
      continue;
    }
    const gt = xml.indexOf('>', lt);
    if (gt === -1) throw new Error('xmlrpc: unterminated tag');
    textStart = gt + 1;
    const closing = first === 0x2f; /* / */
    const selfClosing = xml.charCodeAt(gt - 1) === 0x2f;
    // The tag's name: up to whitespace, '/' or '>'.
    let nameEnd = closing ? lt + 2 : lt + 1;
    for (;;) {
      const c = xml.charCodeAt(nameEnd);
      if (c === 0x3e || c === 0x2f || c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d || Number.isNaN(c)) break;
      nameEnd++;
    }
    const name = xml.slice(closing ? lt + 2 : lt + 1, nameEnd);
    if (!closing) {
      switch (name) {
        case 'value':
          if (selfClosing) deliver('');
          else stack.push({ kind: 'value', value: undefined, has: false });
          break;
        case 'array': stack.push({ kind: 'array', items: [] }); break;
        case 'struct': stack.push({ kind: 'struct', obj: {} }); break;
        case 'member': stack.push({ kind: 'member', name: '', value: undefined }); break;
        case 'fault': fault = true; break;
        case 'nil': if (selfClosing) deliver(null); break;
        case 'string': if (selfClosing) deliver(''); break;
        default: break; // methodResponse, params, param, data, name, scalar type tags
      }
      continue;
    }
    // A closing tag: its content is the text since the previous tag.
    switch (name) {
      case 'string': deliver(unescapeText(xml.slice(prevEnd, textEnd))); break;
      case 'int': case 'i4': case 'i8': deliver(parseInt(xml.slice(prevEnd, textEnd), 10)); break;
      case 'double': deliver(parseFloat(xml.slice(prevEnd, textEnd))); break;
      case 'boolean': deliver(xml.slice(prevEnd, textEnd).trim() === '1'); break;
      case 'dateTime.iso8601': deliver(xml.slice(prevEnd, textEnd).trim()); break;
      case 'base64': deliver(Buffer.from(xml.slice(prevEnd, textEnd).trim(), 'base64')); break;
      case 'nil': deliver(null); break;
      case 'name': {
        const top = stack[stack.length - 1];
        if (top?.kind !== 'member') throw new Error('xmlrpc: <name> outside <member>');
        top.name = unescapeText(xml.slice(prevEnd, textEnd));
        break;
      }
      case 'value': {
        const f = stack.pop();
        if (f?.kind !== 'value') throw new Error('xmlrpc: unbalanced </value>');
        // No type tag: the text is a string.
        deliver(f.has ? f.value : unescapeText(xml.slice(prevEnd, textEnd)));
        break;
      }
      case 'array': {
        const f = stack.pop();
        if (f?.kind !== 'array') throw new Error('xmlrpc: unbalanced </array>');
        deliver(f.items);
        break;
      }
      case 'struct': {
        const f = stack.pop();
        if (f?.kind !== 'struct') throw new Error('xmlrpc: unbalanced </struct>');
        deliver(f.obj);
        break;
      }
      case 'member': {
        const f = stack.pop();
        const s = stack[stack.length - 1];
        if (f?.kind !== 'member' || s?.kind !== 'struct') throw new Error('xmlrpc: unbalanced </member>');
        s.obj[f.name] = f.value;
        break;
      }
      default: break;
    }
  }
  if (stack.length !== 0) throw new Error('xmlrpc: truncated response');
  if (!hasResult) throw new Error('xmlrpc: no value in the response');
  if (fault) {
    const f = result as { faultCode?: number; faultString?: string };
    throw new XmlRpcFault(f.faultCode ?? 0, f.faultString ?? '');
  }
  return result;
}
