// [fcgi-program:x] socket= (supervisor options.py parse_fcgi_socket).
import { pyRepr } from '@tend/protocol';
import { toInteger } from '../converters.js';
import { pyNormpath } from '../paths.js';
import type { Converted, FcgiSocketConfig } from '../types.js';

const EXPECTED = 'unix:///absolute/path or tcp://host:port';
const PY_NON_SPACE_NON_COLON = /^tcp:\/\/([^\s\x1c-\x1f\x85:]+):(\p{Nd}+)$/u;

// supervisor raises ValueError(fmt, arg) here, so its text is the repr of a 2-tuple.
function tupleText(fmt: string, arg: string): string {
  return `(${pyRepr(fmt)}, ${pyRepr(arg)})`;
}

export function parseFcgiSocket(sock: string, owner: readonly [number, number] | null, mode: number | null, backlog: number | null): Converted<FcgiSocketConfig> {
  if (sock.startsWith('unix://')) {
    const path = sock.slice(7);
    if (!path.startsWith('/')) return { ok: false, error: tupleText('Unix socket path %s is not an absolute path', path), expected: EXPECTED };
    const norm = pyNormpath(path);
    return { ok: true, value: { url: `unix://${norm}`, backlog, owner, mode: mode ?? 0o700 } };
  }
  if (owner !== null || mode !== null) {
    return { ok: false, error: 'socket_owner and socket_mode params should only be used with a Unix domain socket', expected: 'socket_owner and socket_mode only with a unix:// socket' };
  }
  const m = PY_NON_SPACE_NON_COLON.exec(sock);
  if (m) {
    // Python's \d and int() accept any Unicode decimal digit.
    const port = toInteger(m[2]!);
    if (port.ok) return { ok: true, value: { url: `tcp://${m[1]!.toLowerCase()}:${port.value}`, backlog, owner: null, mode: null } };
  }
  return { ok: false, error: tupleText('Bad socket format %s', sock), expected: EXPECTED };
}
