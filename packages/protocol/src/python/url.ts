// supervisor's datatypes.url (supervisorctl's -s/--serverurl): a scheme plus a netloc or a path,
// as Python 3.11's urllib.parse.urlparse splits them, including the ValueErrors urlparse raises.
import { isPyIPv4Address, isPyIPv6Address } from './ip-address.js';
import { pyRepr } from './py-text.js';
import type { Converted } from './converted.js';

const SCHEME_CHARS = /^[A-Za-z0-9+\-.]*$/;
// urlparse splits `;params` off the last path segment only for these schemes.
const USES_PARAMS = new Set([
  '', 'ftp', 'hdl', 'prospero', 'http', 'imap', 'https', 'shttp', 'rtsp', 'rtspu', 'sip', 'sips', 'mms', 'sftp', 'tel',
]);

const EXPECTED = 'a URL like http://localhost:9001 or unix:///tmp/supervisor.sock';

class UrlSplitError extends Error {}

// urllib.parse._check_bracketed_host.
function checkBracketedHost(hostname: string): void {
  if (hostname.startsWith('v')) {
    if (!/^v[a-fA-F0-9]+\.[^\n]+$/u.test(hostname)) throw new UrlSplitError('IPvFuture address is invalid');
  } else if (isPyIPv4Address(hostname)) {
    throw new UrlSplitError('An IPv4 address cannot be in brackets');
  } else if (!isPyIPv6Address(hostname)) {
    throw new UrlSplitError(`${pyRepr(hostname)} does not appear to be an IPv4 or IPv6 address`);
  }
}

// urllib.parse._check_bracketed_netloc.
function checkBracketedNetloc(netloc: string): void {
  const hostAndPort = netloc.slice(netloc.lastIndexOf('@') + 1);
  const open = hostAndPort.indexOf('[');
  let hostname: string;
  if (open >= 0) {
    if (open > 0) throw new UrlSplitError('Invalid IPv6 URL');
    const bracketed = hostAndPort.slice(open + 1);
    const close = bracketed.indexOf(']');
    hostname = close >= 0 ? bracketed.slice(0, close) : bracketed;
    const port = close >= 0 ? bracketed.slice(close + 1) : '';
    if (port && !port.startsWith(':')) throw new UrlSplitError('Invalid IPv6 URL');
  } else {
    const colon = hostAndPort.indexOf(':');
    hostname = colon >= 0 ? hostAndPort.slice(0, colon) : hostAndPort;
  }
  checkBracketedHost(hostname);
}

// urllib.parse._checknetloc: refuse hosts whose NFKC form would add URL delimiters.
function checkNetloc(netloc: string): void {
  if (!netloc || /^[\x00-\x7f]*$/.test(netloc)) return;
  const n = netloc.replace(/[@:#?]/g, '');
  const normalized = n.normalize('NFKC');
  if (n === normalized) return;
  if ([...'/?#@:'].some((c) => normalized.includes(c))) {
    throw new UrlSplitError(`netloc '${netloc}' contains invalid characters under NFKC normalization`);
  }
}

interface UrlParts {
  readonly scheme: string;
  readonly netloc: string;
  readonly path: string;
}

/** The scheme, netloc and path of urllib.parse.urlparse(value); throws UrlSplitError as it raises ValueError. */
function splitUrl(value: string): UrlParts {
  // Leading C0 controls and spaces go, and tab/CR/LF anywhere (WHATWG).
  let url = value.replace(/^[\x00-\x20]+/, '').replace(/[\t\r\n]/g, '');
  let scheme = '';
  let netloc = '';
  const i = url.indexOf(':');
  if (i > 0 && /^[A-Za-z]/.test(url) && SCHEME_CHARS.test(url.slice(0, i))) {
    scheme = url.slice(0, i).toLowerCase();
    url = url.slice(i + 1);
  }
  if (url.startsWith('//')) {
    const ends = ['/', '?', '#'].map((c) => url.indexOf(c, 2)).filter((p) => p >= 0);
    const delim = ends.length ? Math.min(...ends) : url.length;
    netloc = url.slice(2, delim);
    url = url.slice(delim);
    const hasOpen = netloc.includes('[');
    const hasClose = netloc.includes(']');
    if (hasOpen !== hasClose) throw new UrlSplitError('Invalid IPv6 URL');
    if (hasOpen && hasClose) checkBracketedNetloc(netloc);
  }
  const hash = url.indexOf('#');
  if (hash >= 0) url = url.slice(0, hash);
  const query = url.indexOf('?');
  if (query >= 0) url = url.slice(0, query);
  checkNetloc(netloc);
  if (USES_PARAMS.has(scheme) && url.includes(';')) {
    // urllib.parse._splitparams
    const semi = url.includes('/') ? url.indexOf(';', url.lastIndexOf('/')) : url.indexOf(';');
    if (semi >= 0) url = url.slice(0, semi);
  }
  return { scheme, netloc, path: url };
}

/** datatypes.url: the value itself when it has a scheme and a netloc or a path. */
export function toUrl(value: string): Converted<string> {
  let parts: UrlParts;
  try {
    parts = splitUrl(value);
  } catch (err) {
    if (err instanceof UrlSplitError) return { ok: false, error: err.message, expected: EXPECTED };
    throw err;
  }
  if (parts.scheme && (parts.netloc || parts.path)) return { ok: true, value };
  return { ok: false, error: `value ${pyRepr(value)} is not a URL`, expected: EXPECTED };
}
