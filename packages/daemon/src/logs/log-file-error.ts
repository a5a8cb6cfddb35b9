// The one error type of the log-file layer. Log I/O failures never throw into the engine: they
// are reported as data (an onError callback or a result) with a stable code, as Node core's
// child_process reports spawn failures.

export type LogFileErrorCode = 'ERR_LOG_OPEN' | 'ERR_LOG_WRITE';

/** What the file layer was doing when the OS call failed. */
export type LogFileOperation = 'open' | 'write' | 'rotate' | 'reopen' | 'clear' | 'close';

export class LogFileError extends Error {
  readonly code: LogFileErrorCode;
  readonly path: string;
  readonly operation: LogFileOperation;
  /** Bytes of the failed write() that did not reach the file (0 when no write was involved). */
  readonly bytesDropped: number;
  /** The errno code of the cause (`ENOSPC`, `EACCES`, …), or null when there was none. */
  readonly errno: string | null;

  constructor(code: LogFileErrorCode, path: string, operation: LogFileOperation, cause: unknown, bytesDropped = 0) {
    const errno = errnoOf(cause);
    const detail = cause instanceof Error ? cause.message : String(cause);
    const dropped = bytesDropped > 0 ? ` (${bytesDropped} bytes dropped)` : '';
    super(`log file ${path}: ${operation} failed: ${detail}${dropped}`, { cause });
    this.name = 'LogFileError';
    this.code = code;
    this.path = path;
    this.operation = operation;
    this.bytesDropped = bytesDropped;
    this.errno = errno;
  }
}

export function errnoOf(cause: unknown): string | null {
  if (typeof cause === 'object' && cause !== null && 'code' in cause && typeof cause.code === 'string') return cause.code;
  return null;
}

export type LogFileResult = { readonly ok: true } | { readonly ok: false; readonly error: LogFileError };
