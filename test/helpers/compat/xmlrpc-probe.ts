// A minimal XML-RPC client the harness uses to *wait* (daemon ready, process states); never to
// produce transcript lines — those come only from the CLI under test. It is deliberately
// independent of packages/protocol, so a codec bug there cannot hide a compatibility bug.
import { request } from 'node:http';

export type RpcValue = string | number | boolean | RpcValue[] | { [key: string]: RpcValue };

export interface RpcTarget {
  readonly socketPath: string;
  /** `user:password` for HTTP Basic auth, when the server section has a username. */
  readonly auth?: string;
}

export class RpcFault extends Error {
  readonly faultCode: number;
  constructor(faultCode: number, faultString: string) {
    super(`Fault ${String(faultCode)}: ${faultString}`);
    this.faultCode = faultCode;
  }
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function encodeParam(value: string | number | boolean): string {
  if (typeof value === 'string') return `<param><value><string>${escapeXml(value)}</string></value></param>`;
  if (typeof value === 'boolean') return `<param><value><boolean>${value ? 1 : 0}</boolean></value></param>`;
  return `<param><value><int>${String(value)}</int></value></param>`;
}

/** One XML-RPC call over the unix socket; rejects on transport errors, non-200 and faults. */
export function callRpc(target: RpcTarget, method: string, params: readonly (string | number | boolean)[] = [], timeoutMs = 3000): Promise<RpcValue> {
  const body = `<?xml version='1.0'?>\n<methodCall><methodName>${method}</methodName><params>${params.map(encodeParam).join('')}</params></methodCall>`;
  const headers: Record<string, string | number> = { 'Content-Type': 'text/xml', 'Content-Length': Buffer.byteLength(body), Connection: 'close' };
  if (target.auth !== undefined) headers['Authorization'] = `Basic ${Buffer.from(target.auth).toString('base64')}`;
  return new Promise((resolve, reject) => {
    // agent: false — a fresh connection per call; Node 20's global agent would reuse one the server closed (EPIPE).
    const req = request({ socketPath: target.socketPath, path: '/RPC2', method: 'POST', headers, timeout: timeoutMs, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        if (res.statusCode !== 200) return reject(new Error(`HTTP ${String(res.statusCode)} from ${method}`));
        try {
          resolve(decodeResponse(text));
        } catch (err) {
          reject(err as Error);
        }
      });
    });
    req.on('timeout', () => req.destroy(new Error(`${method} timed out after ${String(timeoutMs)} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}

// ---- decoding: a tiny recursive-descent reader over the tags of a methodResponse ----

const TOKEN = /<(\/?)([A-Za-z0-9_.]+)(\/?)>|([^<]+)/g;

interface Token { readonly close: boolean; readonly selfClose: boolean; readonly tag: string | undefined; readonly text: string | undefined }

function tokenize(xml: string): Token[] {
  const body = xml.replace(/<\?xml[^>]*\?>/, '');
  const out: Token[] = [];
  for (const m of body.matchAll(TOKEN)) {
    if (m[4] !== undefined) out.push({ close: false, selfClose: false, tag: undefined, text: m[4] });
    else out.push({ close: m[1] === '/', selfClose: m[3] === '/', tag: m[2], text: undefined });
  }
  return out;
}

function unescapeXml(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}

class Reader {
  #tokens: Token[];
  #at = 0;
  constructor(tokens: Token[]) { this.#tokens = tokens; }
  skipSpace(): void {
    while (this.#tokens[this.#at]?.text !== undefined && this.#tokens[this.#at]?.text?.trim() === '') this.#at++;
  }
  open(tag: string): void {
    this.skipSpace();
    const t = this.#tokens[this.#at++];
    if (!t || t.close || t.tag !== tag) throw new Error(`XML-RPC: expected <${tag}>, got ${JSON.stringify(t)}`);
  }
  close(tag: string): void {
    this.skipSpace();
    const t = this.#tokens[this.#at++];
    if (!t || !t.close || t.tag !== tag) throw new Error(`XML-RPC: expected </${tag}>, got ${JSON.stringify(t)}`);
  }
  peekTag(): { tag: string; close: boolean } | undefined {
    this.skipSpace();
    const t = this.#tokens[this.#at];
    return t?.tag === undefined ? undefined : { tag: t.tag, close: t.close };
  }
  text(): string {
    const t = this.#tokens[this.#at];
    if (t?.text === undefined) return '';
    this.#at++;
    return unescapeXml(t.text);
  }
  value(): RpcValue {
    this.open('value');
    const t = this.#tokens[this.#at];
    if (t?.text !== undefined && this.#tokens[this.#at + 1]?.tag === 'value') { // untyped string
      this.#at++;
      this.close('value');
      return unescapeXml(t.text);
    }
    if (t?.tag === 'value' && t.close) { this.#at++; return ''; }
    this.skipSpace();
    const typed = this.#tokens[this.#at++];
    if (!typed?.tag) throw new Error('XML-RPC: empty value');
    let out: RpcValue;
    if (typed.selfClose) out = '';
    else if (typed.tag === 'string') { out = this.text(); this.close('string'); }
    else if (typed.tag === 'int' || typed.tag === 'i4' || typed.tag === 'double') { out = Number(this.text()); this.close(typed.tag); }
    else if (typed.tag === 'boolean') { out = this.text().trim() === '1'; this.close('boolean'); }
    else if (typed.tag === 'array') {
      const items: RpcValue[] = [];
      this.open('data');
      while (this.peekTag()?.tag === 'value' && !this.peekTag()?.close) items.push(this.value());
      this.close('data');
      this.close('array');
      out = items;
    } else if (typed.tag === 'struct') {
      const members: { [key: string]: RpcValue } = {};
      while (this.peekTag()?.tag === 'member' && !this.peekTag()?.close) {
        this.open('member');
        this.open('name');
        const name = this.text();
        this.close('name');
        members[name] = this.value();
        this.close('member');
      }
      this.close('struct');
      out = members;
    } else throw new Error(`XML-RPC: unsupported type <${typed.tag}>`);
    this.close('value');
    return out;
  }
}

export function decodeResponse(xml: string): RpcValue {
  const r = new Reader(tokenize(xml));
  r.open('methodResponse');
  const next = r.peekTag();
  if (next?.tag === 'fault') {
    r.open('fault');
    const f = r.value() as { faultCode?: RpcValue; faultString?: RpcValue };
    throw new RpcFault(Number(f.faultCode), String(f.faultString));
  }
  r.open('params');
  r.open('param');
  return r.value();
}

export interface ProcessBrief {
  readonly namespec: string;
  readonly statename: string;
  readonly pid: number;
}

/** getAllProcessInfo reduced to what waits need; namespec as supervisorctl prints it. */
export async function listProcesses(target: RpcTarget): Promise<ProcessBrief[]> {
  const all = await callRpc(target, 'supervisor.getAllProcessInfo');
  if (!Array.isArray(all)) throw new Error('getAllProcessInfo: not an array');
  return all.map((item) => {
    const info = item as { [key: string]: RpcValue };
    const name = String(info['name']);
    const group = String(info['group']);
    return { namespec: name === group ? name : `${group}:${name}`, statename: String(info['statename']), pid: Number(info['pid']) };
  });
}
