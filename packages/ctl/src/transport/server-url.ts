// Where a serverurl points, as supervisor's SupervisorTransport reads it (xmlrpc.py): `unix://`
// + everything after it is a socket path; `http://host[:port]` is TCP, port 80 by default;
// anything else is refused with supervisor's ValueError text when a command first connects.
import { CtlValueError } from '../errors.js';

export type ServerEndpoint =
  | { readonly kind: 'unix'; readonly path: string }
  | { readonly kind: 'http'; readonly host: string; readonly port: number; readonly hostHeader: string };

export function resolveServerUrl(serverurl: string): ServerEndpoint {
  if (serverurl.startsWith('unix://')) return { kind: 'unix', path: serverurl.slice(7) };
  if (serverurl.startsWith('http://')) {
    let url: URL;
    try {
      url = new URL(serverurl);
    } catch {
      throw new CtlValueError(`Port could not be cast to integer value in ${serverurl}`);
    }
    const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
    const port = url.port === '' ? 80 : Number(url.port);
    const shown = host.includes(':') ? `[${host}]` : host;
    return { kind: 'http', host, port, hostHeader: port === 80 ? shown : `${shown}:${port}` };
  }
  throw new CtlValueError(`Unknown protocol for serverurl ${serverurl}`);
}
