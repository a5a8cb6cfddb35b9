// HTTP Basic authentication for a server section with username/password (supervisor/http.py
// supervisor_auth_handler + medusa auth_handler; spec §7.1). The stored password is plain
// text, or `{SHA}` + the hex SHA-1 of the password (compared as text, as supervisor does).
// Comparisons are constant-time.
import { createHash, timingSafeEqual } from 'node:crypto';

/** `ok`; `unauthorized` → 401; `malformed` (undecodable credentials) → 400. */
export type AuthVerdict = 'ok' | 'unauthorized' | 'malformed';

export type Authorizer = (authorization: string | undefined) => AuthVerdict;

const UTF8_STRICT = new TextDecoder('utf-8', { fatal: true });

function sameText(a: string, b: string): boolean {
  // Hash both sides so the comparison takes the same time whatever the lengths.
  const ha = createHash('sha256').update(a, 'utf8').digest();
  const hb = createHash('sha256').update(b, 'utf8').digest();
  return timingSafeEqual(ha, hb);
}

function checkPassword(stored: string, given: string): boolean {
  if (stored.startsWith('{SHA}')) return sameText(stored.slice(5), createHash('sha1').update(given, 'utf8').digest('hex'));
  return sameText(stored, given);
}

// Medusa: `Authorization: ([^ ]+) (.*)`, scheme compared lower-cased, the cookie base64-decoded
// (Python's lenient decoder; undecodable → 400), then split at the first ':'.
function parseBasic(value: string): { user: string; password: string } | 'malformed' | null {
  const m = /^([^ ]+) (.*)$/.exec(value);
  if (!m || m[1]!.toLowerCase() !== 'basic') return null;
  const cookie = m[2]!.replace(/[^A-Za-z0-9+/=]/g, '');
  if (cookie.replace(/=+$/, '').length % 4 === 1) return 'malformed';
  let decoded: string;
  try {
    decoded = UTF8_STRICT.decode(Buffer.from(cookie, 'base64'));
  } catch {
    return 'malformed';
  }
  const colon = decoded.indexOf(':');
  if (colon === -1) return null;
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** An authorizer for one server section; with no username every request passes. */
export function createAuthorizer(username: string | null, password: string | null): Authorizer {
  if (username === null) return () => 'ok';
  const stored = password ?? '';
  return (authorization) => {
    if (authorization === undefined) return 'unauthorized';
    const creds = parseBasic(authorization);
    if (creds === 'malformed') return 'malformed';
    if (creds === null) return 'unauthorized';
    const userOk = sameText(creds.user, username);
    const passwordOk = checkPassword(stored, creds.password);
    return userOk && passwordOk ? 'ok' : 'unauthorized';
  };
}
