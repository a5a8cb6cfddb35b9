// A size-rotated log file with supervisor's semantics (spec §5.3, loggers.py
// RotatingFileHandler): bytes are appended in order; AFTER each write, when the size reaches
// maxBytes, F.(n-1) → F.n for n = backups…2, F → F.1, and F is reopened truncated
// (backups = 0: F is just truncated). The size is counted, not stat'ed per write: fstat at
// open, plus every byte written, as Python's tell() does.
//
// Ordering rules: write() is synchronous and returns only when every byte is in the file (or
// the failure is reported), so bytes land in call order. An I/O failure never throws: it is
// reported through onError as a LogFileError, and the rest of that chunk is dropped (never
// written later, out of order). A failed rotation never truncates: the file is reopened for
// append so no written byte is lost.
import { constants } from 'node:fs';
import { LogFileError, errnoOf, type LogFileOperation, type LogFileResult } from './log-file-error.js';
import { nodeLogFs, type LogFs } from './log-fs.js';

const APPEND = constants.O_WRONLY | constants.O_CREAT | constants.O_APPEND;
// supervisor reopens with 'wb' after a rollover; O_APPEND is kept so a file shared by two
// processes (weak point 26) is never overwritten in place.
const TRUNCATE = APPEND | constants.O_TRUNC;

export interface RotatingFileOptions {
  readonly path: string;
  /** Rotate when the size reaches this many bytes; 0 = never rotate. */
  readonly maxBytes: number;
  /** How many `<path>.N` backups to keep; 0 = truncate instead of rotating. */
  readonly backups: number;
  /** Creation mode (before the umask). Default 0o666 (explicit log files); AUTO logs use 0o600. */
  readonly mode?: number;
  /** Called for each failure on the write path (write, rotation); never throws into write(). */
  readonly onError?: (error: LogFileError) => void;
  readonly fs?: LogFs;
}

export type OpenRotatingFileResult =
  | { readonly ok: true; readonly file: RotatingFile }
  | { readonly ok: false; readonly error: LogFileError };

function checkCount(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`RotatingFile ${name}: expected an integer >= 0, got ${String(value)}`);
  }
}

export class RotatingFile {
  readonly path: string;
  readonly maxBytes: number;
  readonly backups: number;
  readonly #mode: number;
  readonly #fs: LogFs;
  readonly #onError: (error: LogFileError) => void;
  #fd: number | null = null;
  #size = 0;
  #isRegular = true;
  #isClosed = false;

  // Opens (creating, append mode) `options.path`; the only way to get a RotatingFile.
  static open(options: RotatingFileOptions): OpenRotatingFileResult {
    const file = new RotatingFile(options);
    const opened = file.#openFd(APPEND, 'open');
    return opened.ok ? { ok: true, file } : opened;
  }

  private constructor(options: RotatingFileOptions) {
    checkCount('maxBytes', options.maxBytes);
    checkCount('backups', options.backups);
    this.path = options.path;
    this.maxBytes = options.maxBytes;
    this.backups = options.backups;
    this.#mode = options.mode ?? 0o666;
    this.#fs = options.fs ?? nodeLogFs;
    this.#onError = options.onError ?? (() => undefined);
  }

  /** Bytes in the current file, as counted since it was opened. */
  get size(): number {
    return this.#size;
  }

  get isOpen(): boolean {
    return this.#fd !== null;
  }

  // Appends all of `bytes` (looping over short writes), then rotates if the file is full.
  // Returns false when some bytes could not be written (the failure went to onError).
  write(bytes: Uint8Array): boolean {
    const length = bytes.length;
    if (this.#isClosed) {
      this.#report('write', new Error('write after close()'), length);
      return false;
    }
    if (this.#fd === null) {
      // A previous rotation or reopen failed: try again by name before giving up on this chunk.
      const reopened = this.#openFd(APPEND, 'write');
      if (!reopened.ok) {
        this.#onError(new LogFileError('ERR_LOG_WRITE', this.path, 'write', reopened.error.cause, length));
        return false;
      }
    }
    const fd = this.#fd;
    if (fd === null) return false;
    let offset = 0;
    let failure: unknown = null;
    while (offset < length) {
      try {
        const n = this.#fs.write(fd, bytes, offset, length - offset);
        if (n <= 0) {
          failure = new Error(`write() returned ${n} with ${length - offset} bytes left`);
          break;
        }
        offset += n;
      } catch (err) {
        failure = err;
        break;
      }
    }
    this.#size += offset;
    if (failure !== null) this.#report('write', failure, length - offset);
    // supervisor checks for a rollover after every emit, even one that failed or was empty.
    this.#rotateIfFull();
    return failure === null;
  }

  // Writes `records` with the result of write() called on each in turn (the same bytes in the
  // same files, rotating after the same records), in as few write(2)s as that allows: records are
  // joined until one brings the file to maxBytes, since write() rotates after that one.
  // Returns false when some bytes could not be written.
  writeRecords(records: readonly Uint8Array[]): boolean {
    let ok = true;
    let first = 0;
    let bytes = 0;
    for (let i = 0; i < records.length; i++) {
      bytes += (records[i] as Uint8Array).length;
      const rotatesAfter = this.maxBytes > 0 && this.#size + bytes >= this.maxBytes;
      if (!rotatesAfter && i < records.length - 1) continue;
      const group = i === first ? records[i] as Uint8Array : Buffer.concat(records.slice(first, i + 1), bytes);
      ok = this.write(group) && ok;
      first = i + 1;
      bytes = 0;
    }
    return ok;
  }

  // Close and reopen by name, for SIGUSR2 / external logrotate (FileHandler.reopen).
  reopen(): LogFileResult {
    this.#closeFd('reopen');
    this.#isClosed = false;
    return this.#openFd(APPEND, 'reopen');
  }

  // supervisor's removelogs(): close, delete the file, reopen it empty. Backups are untouched.
  // A file that is not a regular one (/dev/stdout) is not deleted, only reopened.
  clear(): LogFileResult {
    this.#closeFd('clear');
    this.#isClosed = false;
    let removal: LogFileResult = { ok: true };
    if (this.#isRegular) {
      try {
        this.#fs.unlink(this.path);
      } catch (err) {
        if (errnoOf(err) !== 'ENOENT') removal = { ok: false, error: new LogFileError('ERR_LOG_WRITE', this.path, 'clear', err) };
      }
    }
    const opened = this.#openFd(APPEND, 'clear');
    return removal.ok ? opened : removal;
  }

  close(): void {
    this.#closeFd('close');
    this.#isClosed = true;
  }

  #openFd(flags: number, operation: LogFileOperation): LogFileResult {
    let fd: number;
    try {
      fd = this.#fs.open(this.path, flags, this.#mode);
    } catch (err) {
      const code = operation === 'open' || operation === 'reopen' ? 'ERR_LOG_OPEN' : 'ERR_LOG_WRITE';
      return { ok: false, error: new LogFileError(code, this.path, operation, err) };
    }
    this.#fd = fd;
    try {
      const st = this.#fs.stat(fd);
      this.#size = st.size;
      this.#isRegular = st.isFile;
    } catch {
      this.#size = 0;
    }
    return { ok: true };
  }

  #closeFd(operation: LogFileOperation): void {
    const fd = this.#fd;
    if (fd === null) return;
    this.#fd = null;
    try {
      this.#fs.close(fd);
    } catch (err) {
      this.#report(operation, err, 0);
    }
  }

  #rotateIfFull(): void {
    // Only regular files rotate: renaming /dev/stdout or a FIFO is never what was meant.
    if (this.maxBytes <= 0 || !this.#isRegular || this.#fd === null || this.#size < this.maxBytes) return;
    this.#closeFd('rotate');
    if (this.backups > 0) {
      for (let i = this.backups - 1; i >= 1; i--) {
        const source = `${this.path}.${i}`;
        if (this.#fs.exists(source) && !this.#removeAndRename(source, `${this.path}.${i + 1}`)) {
          this.#recoverFromFailedRotation();
          return;
        }
      }
      if (!this.#removeAndRename(this.path, `${this.path}.1`)) {
        this.#recoverFromFailedRotation();
        return;
      }
    }
    const opened = this.#openFd(TRUNCATE, 'rotate');
    if (!opened.ok) this.#onError(opened.error);
  }

  // loggers.py removeAndRename: ENOENT on either step is a race with a cleanup script, ignored.
  #removeAndRename(source: string, target: string): boolean {
    try {
      if (this.#fs.exists(target)) {
        try {
          this.#fs.unlink(target);
        } catch (err) {
          if (errnoOf(err) !== 'ENOENT') throw err;
        }
      }
      try {
        this.#fs.rename(source, target);
      } catch (err) {
        if (errnoOf(err) !== 'ENOENT') throw err;
      }
      return true;
    } catch (err) {
      this.#report('rotate', err, 0);
      return false;
    }
  }

  // The shift stopped half-way: keep appending to F (never truncate bytes that were not moved).
  #recoverFromFailedRotation(): void {
    const opened = this.#openFd(APPEND, 'rotate');
    if (!opened.ok) this.#onError(opened.error);
  }

  #report(operation: LogFileOperation, cause: unknown, bytesDropped: number): void {
    this.#onError(new LogFileError('ERR_LOG_WRITE', this.path, operation, cause, bytesDropped));
  }
}
