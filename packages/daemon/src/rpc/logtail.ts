// `tail -f` over HTTP (/logtail/<namespec>[/<channel>], /mainlogtail; spec §7.6): first the
// last 1024 bytes of the file, then whatever is appended, forever, until the client goes away.
//
// supervisor's tail_f_producer polls every 0.1 s. Here the file's directory is watched
// (fs.watch, inotify on Linux) and each event for the file's name reads what is new:
//   - growth → the new bytes;
//   - the file got shorter → `==> File truncated <==\n`, then from offset 0 (as supervisor);
//   - the path now names another inode (rotation: file → file.1, new file) → the rest of the
//     old file, then the new file from its start (supervisor loses the rest of the old one);
//   - the path is gone → keep following the open file until a new one appears.
// Output is valid UTF-8 (Content-Type says so, and supervisorctl prints `Undecodable: b'…'` for
// a chunk that is not): a character split between two reads is held until its end arrives,
// invalid bytes become U+FFFD, and the first window skips a partial character at its start.
// Reads wait for the client to drain (StreamSink.write), so a slow reader costs no memory.
//
// Ordering: events that arrive while a read is running set a flag and are served by one more
// pass afterwards; at most one pass runs at a time.
import { realpathSync, watch, type FSWatcher } from 'node:fs';
import { open, stat, type FileHandle } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import type { StreamSink } from './http-reply.js';
import type { RpcLog } from './rpc-log.js';

/** How much of the existing file the stream starts with (supervisor's `head`). */
export const LOGTAIL_HEAD_BYTES = 1024;
export const TRUNCATED_NOTICE = '==> File truncated <==\n';
const READ_CHUNK = 64 * 1024;

function isContinuationByte(b: number): boolean {
  return (b & 0xc0) === 0x80;
}

export class LogFollower {
  readonly #path: string;
  readonly #log: RpcLog;
  #fh: FileHandle;
  #ino: number;
  #dev: number;
  #pos: number;
  #skipPartial: boolean;
  #decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  readonly #watchers: FSWatcher[] = [];
  #sink: StreamSink | null = null;
  #busy = false;
  #dirty = false;
  #stopped = false;

  private constructor(path: string, fh: FileHandle, ino: number, dev: number, size: number, log: RpcLog) {
    this.#path = path;
    this.#log = log;
    this.#fh = fh;
    this.#ino = ino;
    this.#dev = dev;
    this.#pos = Math.max(0, size - LOGTAIL_HEAD_BYTES);
    this.#skipPartial = this.#pos > 0;
  }

  /** Opens `path` for following; null if it is missing or not a regular file (→ 404). */
  static async open(path: string, log: RpcLog): Promise<{ follower: LogFollower; mtimeMs: number } | null> {
    let fh: FileHandle;
    try {
      fh = await open(path, 'r');
    } catch {
      return null;
    }
    try {
      const st = await fh.stat();
      if (!st.isFile()) {
        await fh.close();
        return null;
      }
      return { follower: new LogFollower(path, fh, st.ino, st.dev, st.size, log), mtimeMs: st.mtimeMs };
    } catch {
      await fh.close().catch(() => undefined);
      return null;
    }
  }

  /** Starts streaming into `sink`: the watches first, then the first read, so no append is missed. */
  start(sink: StreamSink): void {
    this.#sink = sink;
    // The path's directory (rotation, re-creation), and if the path is a symlink, the target's
    // (appends to the target fire no event in the link's directory).
    const targets = new Map<string, string>([[dirname(this.#path), basename(this.#path)]]);
    try {
      const real = realpathSync(this.#path);
      if (dirname(real) !== dirname(this.#path) || basename(real) !== basename(this.#path)) targets.set(dirname(real), basename(real));
    } catch {
      // Gone already: the path's directory is enough to see it come back.
    }
    try {
      for (const [dir, name] of targets) {
        const watcher = watch(dir, { persistent: false }, (_event, filename) => {
          if (filename === null || filename === name) this.#kick();
        });
        watcher.on('error', (err) => this.#abandon(err));
        this.#watchers.push(watcher);
      }
    } catch (err) {
      this.#abandon(err);
      return;
    }
    this.#kick();
  }

  /** Stops watching and closes the file (the client went away). Idempotent. */
  stop(): void {
    if (this.#stopped) return;
    this.#stopped = true;
    for (const w of this.#watchers.splice(0)) w.close();
    if (!this.#busy) void this.#fh.close().catch(() => undefined);
  }

  // Without a watch there would be nothing but polling; say so in the stream and end it.
  #abandon(err: unknown): void {
    if (this.#stopped) return;
    const why = err instanceof Error ? err.message : String(err);
    this.#log.warn(`cannot follow ${this.#path}: ${why}`);
    const sink = this.#sink;
    this.stop();
    if (sink !== null && !sink.isClosed) {
      void sink.write(Buffer.from(`\n==> tend: cannot follow ${this.#path}: ${why} <==\n`)).then(() => sink.end());
    }
  }

  #kick(): void {
    if (this.#stopped) return;
    if (this.#busy) {
      this.#dirty = true;
      return;
    }
    this.#busy = true;
    void this.#run();
  }

  async #run(): Promise<void> {
    try {
      do {
        this.#dirty = false;
        await this.#pass();
      } while (this.#dirty && !this.#stopped);
    } catch (err) {
      if (!this.#stopped) this.#abandon(err);
    } finally {
      this.#busy = false;
      if (this.#stopped) void this.#fh.close().catch(() => undefined);
    }
  }

  async #emit(text: string): Promise<void> {
    if (text !== '' && this.#sink !== null && !this.#sink.isClosed) await this.#sink.write(Buffer.from(text, 'utf8'));
  }

  // The end of one file's bytes (rotation, truncation): a dangling partial character → U+FFFD.
  async #flushDecoder(): Promise<void> {
    const rest = this.#decoder.decode();
    this.#decoder = new TextDecoder('utf-8', { ignoreBOM: true });
    await this.#emit(rest);
  }

  /** Reads and emits the current file from #pos up to `size`. */
  async #readTo(size: number): Promise<void> {
    const buf = Buffer.allocUnsafe(READ_CHUNK);
    while (this.#pos < size && !this.#stopped) {
      const { bytesRead } = await this.#fh.read(buf, 0, Math.min(READ_CHUNK, size - this.#pos), this.#pos);
      if (bytesRead === 0) break;
      this.#pos += bytesRead;
      let bytes = buf.subarray(0, bytesRead);
      if (this.#skipPartial) {
        this.#skipPartial = false;
        let skip = 0;
        while (skip < 3 && skip < bytes.length && isContinuationByte(bytes[skip]!)) skip++;
        bytes = bytes.subarray(skip);
      }
      await this.#emit(this.#decoder.decode(bytes, { stream: true }));
    }
  }

  async #pass(): Promise<void> {
    const size = (await this.#fh.stat()).size;
    if (size < this.#pos) {
      await this.#flushDecoder();
      await this.#emit(TRUNCATED_NOTICE);
      this.#pos = 0;
      this.#skipPartial = false;
    }
    await this.#readTo(size);
    if (this.#stopped) return;
    let current;
    try {
      current = await stat(this.#path);
    } catch {
      return;
    }
    if (current.ino === this.#ino && current.dev === this.#dev) return;
    let next: FileHandle;
    try {
      next = await open(this.#path, 'r');
    } catch {
      return;
    }
    let st;
    try {
      st = await next.stat();
    } catch {
      await next.close().catch(() => undefined);
      return;
    }
    if (this.#stopped) {
      await next.close().catch(() => undefined);
      return;
    }
    // Bytes appended to the old file after this pass took its size (a writer that wrote, then
    // rotated) are still readable through the old handle: read them before switching.
    try {
      await this.#readTo((await this.#fh.stat()).size);
    } catch {
      // The old handle failed: switch anyway.
    }
    await this.#flushDecoder();
    await this.#fh.close().catch(() => undefined);
    this.#fh = next;
    this.#ino = st.ino;
    this.#dev = st.dev;
    this.#pos = 0;
    this.#skipPartial = false;
    this.#dirty = true;
  }
}
