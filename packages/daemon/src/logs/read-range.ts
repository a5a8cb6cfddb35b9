// supervisor's readFile and tailFile (options.py; spec §7.5.1, §7.5.2) over a log file's path,
// returning bytes: the RPC layer decodes them (supervisor's as_string is strict UTF-8). Only
// the requested range is read, with positioned reads; a big log is never read whole.
//
// The NO_FILE cases are the rpcinterface's `os.path.exists(logfile)` check folded in: a path
// that cannot be stat'ed is NO_FILE, one that exists but cannot be opened or read is FAILED.
import { closeSync, existsSync, fstatSync, openSync, readSync } from 'node:fs';
import { errnoOf } from './log-file-error.js';

export type ReadRangeFault = 'NO_FILE' | 'BAD_ARGUMENTS' | 'FAILED';

export interface ReadRangeError {
  readonly error: ReadRangeFault;
  readonly path: string;
  /** errno code of the failure (`EACCES`, `EISDIR`, …), null for NO_FILE / BAD_ARGUMENTS. */
  readonly errno: string | null;
}

export interface TailResult {
  readonly bytes: Buffer;
  /** The file's size: the offset to ask for next time (supervisor's second element). */
  readonly offset: number;
  readonly overflow: boolean;
}

export interface TailError {
  readonly error: 'NO_FILE' | 'FAILED';
  readonly path: string;
  readonly errno: string | null;
  /** What supervisor answers as the offset in `['', offset, False]`: 0 for NO_FILE. */
  readonly offset: number;
}

const READ_CHUNK = 64 * 1024;

function checkInteger(name: string, value: number): void {
  if (!Number.isSafeInteger(value)) throw new TypeError(`${name}: expected an integer, got ${String(value)}`);
}

function fault(error: ReadRangeFault, path: string, cause: unknown = null): ReadRangeError {
  return { error, path, errno: errnoOf(cause) };
}

// Up to `max` bytes from `position`, stopping at EOF; the file may grow while it is read.
function readUpTo(fd: number, position: number, max: number, sizeHint: number): Buffer {
  const parts: Buffer[] = [];
  let total = 0;
  while (total < max) {
    const want = Math.min(max - total, Math.max(sizeHint - position - total, READ_CHUNK));
    const buf = Buffer.allocUnsafe(want);
    const n = readSync(fd, buf, 0, want, position + total);
    if (n === 0) break;
    parts.push(n === want ? buf : buf.subarray(0, n));
    total += n;
  }
  return parts.length === 1 ? parts[0]! : Buffer.concat(parts, total);
}

type Opened = { readonly ok: true; readonly fd: number; readonly size: number } | { readonly ok: false; readonly missing: boolean; readonly cause: unknown };

function openForRead(path: string): Opened {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (err) {
    return { ok: false, missing: !existsSync(path), cause: err };
  }
  try {
    const st = fstatSync(fd);
    // Python's open() refuses a directory; Node's opens it and fails only on read.
    if (st.isDirectory()) throw Object.assign(new Error(`EISDIR: is a directory, open '${path}'`), { code: 'EISDIR' });
    return { ok: true, fd, size: st.size };
  } catch (err) {
    closeSync(fd);
    return { ok: false, missing: false, cause: err };
  }
}

// readFile(filename, offset, length):
//   offset >= 0, length == 0  → from offset to EOF
//   offset >= 0, length > 0   → up to length bytes from offset (empty past EOF)
//   offset < 0,  length == 0  → the last |offset| bytes (the whole file if smaller)
//   offset < 0 with length != 0, or length < 0 → BAD_ARGUMENTS (checked after the open, as in supervisor)
export function readLogFile(path: string, offset: number, length: number): Buffer | ReadRangeError {
  checkInteger('offset', offset);
  checkInteger('length', length);
  const opened = openForRead(path);
  if (!opened.ok) return fault(opened.missing ? 'NO_FILE' : 'FAILED', path, opened.missing ? null : opened.cause);
  const { fd, size } = opened;
  try {
    if (offset < 0) {
      if (length !== 0) return fault('BAD_ARGUMENTS', path);
      return readUpTo(fd, Math.max(size + offset, 0), -offset, size);
    }
    if (length < 0) return fault('BAD_ARGUMENTS', path);
    return readUpTo(fd, offset, length === 0 ? Infinity : length, size);
  } catch (err) {
    return fault('FAILED', path, err);
  } finally {
    closeSync(fd);
  }
}

// tailFile(filename, offset, length), arithmetic copied from supervisor: when the file has
// grown past offset + length, jump to its end (overflow); then read at most `length` bytes
// ending at the end of the file.
export function tailLogFile(path: string, offset: number, length: number): TailResult | TailError {
  checkInteger('offset', offset);
  checkInteger('length', length);
  const opened = openForRead(path);
  if (!opened.ok) {
    return opened.missing
      ? { error: 'NO_FILE', path, errno: null, offset: 0 }
      : { error: 'FAILED', path, errno: errnoOf(opened.cause), offset };
  }
  const { fd, size } = opened;
  try {
    let overflow = false;
    if (size > offset + length) {
      overflow = true;
      offset = size - 1;
    }
    if (offset + length > size) {
      if (offset > size - 1) length = 0;
      offset = size - length;
    }
    if (offset < 0) offset = 0;
    if (length < 0) length = 0;
    const bytes = length === 0 ? Buffer.alloc(0) : readUpTo(fd, offset, length, size);
    return { bytes, offset: size, overflow };
  } catch (err) {
    // supervisor answers with the offset as adjusted so far.
    return { error: 'FAILED', path, errno: errnoOf(err), offset };
  } finally {
    closeSync(fd);
  }
}

export function isReadRangeError(result: Buffer | ReadRangeError): result is ReadRangeError {
  return !Buffer.isBuffer(result);
}

export function isTailError(result: TailResult | TailError): result is TailError {
  return 'error' in result;
}
