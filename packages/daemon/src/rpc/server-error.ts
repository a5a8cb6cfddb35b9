// Failures to open an HTTP server, with supervisord's texts (options.py openhttpservers,
// http.py; spec §2.2). main.ts prints `Error: <message>` and exits 2, as supervisord's usage().
import { constants } from 'node:os';

export type RpcServerErrorCode = 'ERR_ADDRESS_IN_USE' | 'ERR_SERVER_OPEN' | 'ERR_SOCKET_CHOWN';

export const ADDRESS_IN_USE_MESSAGE =
  'Another program is already listening on a port that one of our HTTP servers is configured to use.  Shut this program down first before starting supervisord.';

export class RpcServerError extends Error {
  readonly code: RpcServerErrorCode;
  constructor(code: RpcServerErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RpcServerError';
    this.code = code;
  }
}

export function addressInUse(cause?: unknown): RpcServerError {
  return new RpcServerError('ERR_ADDRESS_IN_USE', ADDRESS_IN_USE_MESSAGE, { cause });
}

/** `Cannot open an HTTP server: socket.error reported errno.EACCES (13)`. */
export function cannotOpen(err: unknown): RpcServerError {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  const errno = code === undefined ? undefined : (constants.errno as Record<string, number>)[code];
  const help = 'Cannot open an HTTP server: socket.error reported';
  const message = errno === undefined ? `${help} ${err instanceof Error ? err.message : String(err)}` : `${help} errno.${code} (${errno})`;
  return new RpcServerError('ERR_SERVER_OPEN', message, { cause: err });
}
