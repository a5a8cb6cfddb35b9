// Request heads, parsed as Medusa does (http_server.py crack_request, join_headers;
// spec §7.1) with the strictness a hostile client calls for: leading empty lines are skipped;
// the request line is `METHOD SP URI [SP HTTP/x.y]`; header continuation lines are joined;
// `%`-escapes in the path (before the last `?`) are decoded. Header names are matched
// case-insensitively and, unlike Medusa, the space after the colon is optional.
//
// Refused (→ 400): a malformed request line, a header line without a colon or with a bad name,
// a continuation line first, a bad or conflicting Content-Length.

export interface RequestHead {
  readonly method: string;
  /** The URI after Medusa's unquoting of the path part (the query is left as is). */
  readonly uri: string;
  /** `1.0`, `1.1`, or null for a request line without a version (HTTP/0.9 style). */
  readonly version: string | null;
  /** Lower-cased name → value of its first occurrence (Medusa's get_header). */
  readonly headers: ReadonlyMap<string, string>;
  /** Content-Length, or null when absent. */
  readonly contentLength: number | null;
  readonly hasTransferEncoding: boolean;
  /** The request line as received (for logs). */
  readonly requestLine: string;
}

export type ParsedHead = { readonly ok: true; readonly head: RequestHead } | { readonly ok: false; readonly status: 400 | 505; readonly error: string };

const REQUEST_LINE = /^([^ ]+) ([^ ]+)(?: HTTP\/([0-9.]+))?$/;
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** Python's urllib.parse.unquote: %XX → bytes, decoded as UTF-8 with U+FFFD; bad escapes kept. */
export function unquote(text: string): string {
  if (!text.includes('%')) return text;
  const bytes: number[] = [];
  const input = Buffer.from(text, 'utf8');
  for (let i = 0; i < input.length; i++) {
    const b = input[i]!;
    if (b === 0x25 && i + 2 < input.length && /^[0-9a-fA-F]{2}$/.test(input.toString('latin1', i + 1, i + 3))) {
      bytes.push(parseInt(input.toString('latin1', i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(b);
  }
  return Buffer.from(bytes).toString('utf8');
}

// Medusa: `rpath, rquery = splitquery(uri)` (split at the LAST '?'), unquote rpath.
function unquoteUri(uri: string): string {
  const q = uri.lastIndexOf('?');
  const path = q === -1 ? uri : uri.slice(0, q);
  const query = q === -1 ? '' : uri.slice(q + 1);
  if (!path.includes('%')) return uri;
  return query ? `${unquote(path)}?${query}` : unquote(path);
}

/** Parses the bytes of a head up to (not including) its final CRLF CRLF. */
export function parseRequestHead(raw: Buffer): ParsedHead {
  const lines = raw.toString('utf8').split('\r\n');
  while (lines.length > 0 && lines[0] === '') lines.shift();
  const requestLine = lines.shift() ?? '';
  const m = REQUEST_LINE.exec(requestLine);
  if (!m) return { ok: false, status: 400, error: `bad request line ${JSON.stringify(requestLine.slice(0, 200))}` };
  const version = m[3] ?? null;
  if (version !== null && version !== '1.0' && version !== '1.1') return { ok: false, status: 505, error: `HTTP version ${version} is not supported` };
  const joined: string[] = [];
  for (const line of lines) {
    if (line.startsWith(' ') || line.startsWith('\t')) {
      if (joined.length === 0) return { ok: false, status: 400, error: 'a header continuation line comes first' };
      joined[joined.length - 1] += line.slice(1);
    } else joined.push(line);
  }
  const headers = new Map<string, string>();
  const lengths = new Set<string>();
  let hasTransferEncoding = false;
  for (const line of joined) {
    const colon = line.indexOf(':');
    const name = colon === -1 ? '' : line.slice(0, colon).toLowerCase();
    if (!TOKEN.test(name)) return { ok: false, status: 400, error: `bad header line ${JSON.stringify(line.slice(0, 200))}` };
    const value = line.slice(colon + 1).trim();
    if (!headers.has(name)) headers.set(name, value);
    if (name === 'content-length') lengths.add(value);
    if (name === 'transfer-encoding') hasTransferEncoding = true;
  }
  let contentLength: number | null = null;
  if (lengths.size > 1) return { ok: false, status: 400, error: 'conflicting Content-Length headers' };
  for (const value of lengths) {
    if (!/^[0-9]{1,15}$/.test(value)) return { ok: false, status: 400, error: `bad Content-Length ${JSON.stringify(value.slice(0, 40))}` };
    contentLength = Number(value);
  }
  return { ok: true, head: { method: m[1]!, uri: unquoteUri(m[2]!), version, headers, contentLength, hasTransferEncoding, requestLine } };
}

/** The comma-separated tokens of a Connection header, lower-cased. */
export function connectionTokens(head: RequestHead): Set<string> {
  const value = head.headers.get('connection') ?? '';
  return new Set(value.split(',').map((t) => t.trim().toLowerCase()).filter((t) => t !== ''));
}
