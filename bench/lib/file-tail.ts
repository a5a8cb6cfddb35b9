// Following a growing text file (a daemon's log, the probe's timestamp file) and waiting, with a
// deadline, for lines to appear. Driven by fs.watch on the file's directory (the file may not
// exist yet), with a slow poll as a safety net for filesystems where inotify misses writes.
import { closeSync, openSync, readSync, watch, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';
import { StringDecoder } from 'node:string_decoder';

const POLL_MS = 250;

interface Waiter {
  readonly test: (line: string) => boolean;
  readonly count: number;
  readonly matches: string[];
  readonly resolve: (lines: string[]) => void;
  readonly reject: (err: Error) => void;
  readonly timer: NodeJS.Timeout;
}

export class FileTail {
  readonly path: string;
  readonly #lines: string[] = [];
  #fd: number | null = null;
  #pos = 0;
  #partial = '';
  readonly #decoder = new StringDecoder('utf8');
  #waiters = new Set<Waiter>();
  #watcher: FSWatcher | null;
  #poll: NodeJS.Timeout;
  #failure: Error | null = null;
  #closed = false;

  constructor(path: string) {
    this.path = path;
    const name = basename(path);
    this.#watcher = watch(dirname(path), (_event, file) => {
      if (file === null || file === name) this.#read();
    });
    this.#watcher.on('error', () => {});
    this.#poll = setInterval(() => this.#read(), POLL_MS);
    this.#read();
  }

  /** Every complete line read so far. */
  get lines(): readonly string[] {
    this.#read();
    return this.#lines;
  }

  /**
   * Resolves with the first `count` lines (counted from the start of the file) that pass
   * `test`; rejects after `timeoutMs`, or at once when fail() is called (the writer died).
   */
  waitFor(test: (line: string) => boolean, count: number, timeoutMs: number, what: string): Promise<string[]> {
    this.#read();
    const matches = this.#lines.filter(test).slice(0, count);
    if (matches.length >= count) return Promise.resolve(matches);
    if (this.#failure) return Promise.reject(this.#failure);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        test, count, matches, resolve, reject,
        timer: setTimeout(() => {
          this.#waiters.delete(waiter);
          const tail = this.#lines.slice(-8).map((l) => `    ${l}`).join('\n');
          reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what} in ${this.path} (${waiter.matches.length}/${count} seen); last lines:\n${tail}`));
        }, timeoutMs),
      };
      this.#waiters.add(waiter);
    });
  }

  /** Reject every pending and future wait with `err` (e.g. the daemon exited). */
  fail(err: Error): void {
    this.#read();
    this.#failure = err;
    for (const w of this.#waiters) {
      clearTimeout(w.timer);
      w.reject(err);
    }
    this.#waiters.clear();
  }

  close(): void {
    if (this.#closed) return;
    this.#read();
    this.#closed = true;
    this.#watcher?.close();
    this.#watcher = null;
    clearInterval(this.#poll);
    for (const w of this.#waiters) clearTimeout(w.timer);
    this.#waiters.clear();
    if (this.#fd !== null) closeSync(this.#fd);
    this.#fd = null;
  }

  #read(): void {
    if (this.#closed) return;
    if (this.#fd === null) {
      try {
        this.#fd = openSync(this.path, 'r');
      } catch {
        return;
      }
    }
    const buf = Buffer.alloc(64 * 1024);
    let text = '';
    for (;;) {
      const n = readSync(this.#fd, buf, 0, buf.length, this.#pos);
      if (n <= 0) break;
      this.#pos += n;
      text += this.#decoder.write(buf.subarray(0, n));
    }
    if (text.length === 0) return;
    const parts = (this.#partial + text).split('\n');
    this.#partial = parts.pop() ?? '';
    for (const line of parts) this.#add(line);
  }

  #add(line: string): void {
    this.#lines.push(line);
    for (const w of this.#waiters) {
      if (!w.test(line)) continue;
      w.matches.push(line);
      if (w.matches.length < w.count) continue;
      clearTimeout(w.timer);
      this.#waiters.delete(w);
      w.resolve(w.matches);
    }
  }
}
