// Errno names and texts the way supervisor prints them: errno.errorcode names (`ENOENT`) in spawn
// errors, and Python's str(OSError) (`[Errno 3] No such process`) in kill/signal errors.
import { constants } from 'node:os';
import { getSystemErrorMap, getSystemErrorName } from 'node:util';

/** The errno name of a Node system error (`err.code`), or of a libuv error number (negative). */
export function errnoName(err: unknown): string {
  if (typeof err === 'number') return err < 0 ? safeName(err) : `errno ${err}`;
  if (err !== null && typeof err === 'object' && 'code' in err && typeof err.code === 'string') return err.code;
  return 'UNKNOWN';
}

function safeName(uvErrno: number): string {
  try {
    return getSystemErrorName(uvErrno);
  } catch {
    return `errno ${uvErrno}`;
  }
}

/** Python's str(OSError(errno, strerror)) for an errno name: `[Errno 3] No such process`. */
export function pyOSErrorText(name: string): string {
  const num = (constants.errno as Readonly<Record<string, number>>)[name];
  if (num === undefined) return name;
  const message = getSystemErrorMap().get(-num)?.[1] ?? name;
  return `[Errno ${num}] ${message.charAt(0).toUpperCase()}${message.slice(1)}`;
}
