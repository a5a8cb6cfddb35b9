// supervisord's own log (spec §5.4, options.make_logger): records at or above the configured
// level go to `logfile` (a RotatingFile with logfile_maxbytes / logfile_backups) and, with
// nodaemon and not silent, also to an echo stream (stdout), echo first as in supervisor.
//
// Records logged before open() (parse warnings, "Included extra file …") are formatted with
// the time they were logged and kept in memory; open() writes them out in order. If the log
// is closed without ever being opened they go to the `stderr` stream, so none is lost.
//
// Once open, records are batched: the ones logged in one turn of the event loop are written
// together on setImmediate (starting 1000 programs logs 2000 lines in a few turns), in order,
// with the file rotating after the same records as when written one by one. Nothing waits
// longer than that: the batch is written first by reopen(), clear() and close(), by reading
// `path` (whoever asks is about to read the file), and synchronously on process 'exit', which
// Node also emits for process.exit() and for an uncaught exception.
//
// `logfile=syslog` is not supported yet: records go to the `stderr` stream instead, after a
// one-time note saying so.
import { LogFileError, type LogFileResult } from './log-file-error.js';
import { nodeLogFs, type LogFs } from './log-fs.js';
import { formatLogRecord, isLevelEnabled, type LogLevelName } from './log-record.js';
import { RotatingFile } from './rotating-file.js';

export interface TextStream {
  write(text: string): unknown;
}

export interface DaemonLogOptions {
  /** The loglevel threshold, as a number (CRIT 50 … BLAT 3). */
  readonly level: number;
  /** Wall clock in epoch milliseconds (record timestamps only). */
  readonly now: () => number;
  /** nodaemon and not silent: every record is also written here. */
  readonly echo?: TextStream;
  /** Stand-in for syslog, and where records logged but never flushed to a file end up. */
  readonly stderr?: TextStream;
  /** I/O failures of the log file itself (it cannot log them to itself). */
  readonly onError?: (error: LogFileError) => void;
  readonly fs?: LogFs;
}

export interface DaemonLogTarget {
  /** A path, or `syslog`. */
  readonly logfile: string;
  readonly maxBytes: number;
  readonly backups: number;
}

export type ClearLogResult =
  | { readonly ok: true }
  | { readonly ok: false; readonly fault: 'NO_FILE' | 'FAILED'; readonly error?: LogFileError };

export const SYSLOG_NOTE = 'logfile=syslog is not supported by tend yet; the log is written to stderr instead';

export class DaemonLog {
  readonly level: number;
  readonly #now: () => number;
  readonly #echo: TextStream | null;
  readonly #stderr: TextStream | null;
  readonly #onError: (error: LogFileError) => void;
  readonly #fs: LogFs;
  #pending: string[] | null = [];
  #file: RotatingFile | null = null;
  #toStderr = false;
  /** Between open() and close(): records are batched. */
  #isOpen = false;
  #batch: string[] = [];
  #scheduled: NodeJS.Immediate | null = null;
  readonly #flush = (): void => this.flush();

  constructor(options: DaemonLogOptions) {
    this.level = options.level;
    this.#now = options.now;
    this.#echo = options.echo ?? null;
    this.#stderr = options.stderr ?? null;
    this.#onError = options.onError ?? (() => undefined);
    this.#fs = options.fs ?? nodeLogFs;
  }

  // Opens the log target and flushes the records logged so far. On failure the records stay
  // pending (a later close() sends them to stderr).
  open(target: DaemonLogTarget): LogFileResult {
    if (this.#pending === null) throw new Error('DaemonLog.open: the log is already open');
    if (target.logfile === 'syslog') {
      this.#toStderr = true;
      this.#stderr?.write(formatLogRecord('WARN', SYSLOG_NOTE, this.#now()));
    } else {
      const opened = RotatingFile.open({
        path: target.logfile,
        maxBytes: target.maxBytes,
        backups: target.backups,
        onError: this.#onError,
        fs: this.#fs,
      });
      if (!opened.ok) return opened;
      this.#file = opened.file;
    }
    const pending = this.#pending;
    this.#pending = null;
    this.#isOpen = true;
    for (const text of pending) this.#emit(text);
    return { ok: true };
  }

  /** The log file's path, or null (not open yet, or syslog). Every record logged so far is in it. */
  get path(): string | null {
    this.flush();
    return this.#file?.path ?? null;
  }

  /** Writes the batched records now. */
  flush(): void {
    if (this.#scheduled !== null) {
      clearImmediate(this.#scheduled);
      this.#scheduled = null;
      process.off('exit', this.#flush);
    }
    const batch = this.#batch;
    if (batch.length === 0) return;
    this.#batch = [];
    this.#echo?.write(batch.length === 1 ? batch[0] as string : batch.join(''));
    if (this.#file !== null) this.#file.writeRecords(batch.map((text) => Buffer.from(text, 'utf8')));
    else if (this.#toStderr) this.#stderr?.write(batch.join(''));
  }

  isEnabledFor(level: LogLevelName): boolean {
    return isLevelEnabled(level, this.level);
  }

  log(level: LogLevelName, message: string): void {
    if (!isLevelEnabled(level, this.level)) return;
    const text = formatLogRecord(level, message, this.#now());
    if (this.#pending !== null) this.#pending.push(text);
    else this.#emit(text);
  }

  critical(message: string): void {
    this.log('CRIT', message);
  }
  error(message: string): void {
    this.log('ERRO', message);
  }
  warn(message: string): void {
    this.log('WARN', message);
  }
  info(message: string): void {
    this.log('INFO', message);
  }
  debug(message: string): void {
    this.log('DEBG', message);
  }
  trace(message: string): void {
    this.log('TRAC', message);
  }
  blather(message: string): void {
    this.log('BLAT', message);
  }

  // SIGUSR2: close and reopen the file by name. A no-op before open() and for syslog.
  reopen(): LogFileResult {
    this.flush();
    return this.#file?.reopen() ?? { ok: true };
  }

  // supervisor.clearLog: NO_FILE unless the file exists; delete it (FAILED if that fails), log
  // INFO `reopening log file`, reopen. Backups are untouched. supervisor writes that record
  // through every handler before reopening, i.e. into the deleted file (invisible) and, when
  // echoing, to stdout; so here it goes to the echo stream only, and the new file is empty.
  clear(): ClearLogResult {
    this.flush();
    const file = this.#file;
    if (file === null || !this.#fs.exists(file.path)) return { ok: false, fault: 'NO_FILE' };
    try {
      this.#fs.unlink(file.path);
    } catch (err) {
      return { ok: false, fault: 'FAILED', error: new LogFileError('ERR_LOG_WRITE', file.path, 'clear', err) };
    }
    if (this.isEnabledFor('INFO')) this.#echo?.write(formatLogRecord('INFO', 'reopening log file', this.#now()));
    const reopened = file.reopen();
    return reopened.ok ? reopened : { ok: false, fault: 'FAILED', error: reopened.error };
  }

  close(): void {
    this.flush();
    this.#isOpen = false;
    if (this.#pending !== null) {
      for (const text of this.#pending) this.#stderr?.write(text);
      this.#pending = [];
    }
    // Records logged after close() still reach the echo stream, never a closed file.
    this.#file?.close();
    this.#file = null;
  }

  #emit(text: string): void {
    if (this.#isOpen) {
      this.#batch.push(text);
      if (this.#scheduled === null) {
        this.#scheduled = setImmediate(this.#flush);
        process.once('exit', this.#flush);
      }
      return;
    }
    this.#echo?.write(text);
    if (this.#file !== null) this.#file.write(Buffer.from(text, 'utf8'));
    else if (this.#toStderr) this.#stderr?.write(text);
  }
}
