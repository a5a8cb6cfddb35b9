// supervisor's datatypes.url, the check on -s/--serverurl: Python's urlparse must find a scheme
// and a netloc or a path. Reduced from packages/daemon/src/config/url.ts (DUPLICATED; that one
// also reproduces urlparse's IPv6 and NFKC ValueErrors).
import { pyRepr } from '../py-text.js';

export function checkUrl(value: string): { readonly ok: true } | { readonly ok: false; readonly error: string } {
  let url = value.replace(/^[\x00-\x20]+/, '').replace(/[\t\r\n]/g, '');
  let scheme = '';
  const colon = url.indexOf(':');
  if (colon > 0 && /^[A-Za-z][A-Za-z0-9+\-.]*$/.test(url.slice(0, colon))) {
    scheme = url.slice(0, colon);
    url = url.slice(colon + 1);
  }
  let netloc = '';
  if (url.startsWith('//')) {
    const ends = ['/', '?', '#'].map((c) => url.indexOf(c, 2)).filter((p) => p >= 0);
    const end = ends.length > 0 ? Math.min(...ends) : url.length;
    netloc = url.slice(2, end);
    url = url.slice(end);
  }
  const path = url.replace(/[?#].*$/s, '');
  if (scheme && (netloc || path)) return { ok: true };
  return { ok: false, error: `value ${pyRepr(value)} is not a URL` };
}
