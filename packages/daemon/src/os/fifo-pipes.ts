// Real pipes for child stdio. Node's own stdio 'pipe' gives the child a Unix socketpair, which
// differs from supervisor's pipe(2) in ways programs notice: open("/dev/stdout") fails with
// ENXIO on a socket (nginx `error_log /dev/stderr`), and fd 2 cannot be made the same pipe as
// fd 1 (redirect_stderr). Node cannot call pipe(2), but a FIFO opened at both ends and then
// unlinked is a pipe in every way that matters, so FIFOs are made in batches with one
// `mkfifo` run in a private 0700 directory and handed out one per stream. The directory goes on a
// tmpfs when there is one ($XDG_RUNTIME_DIR, /dev/shm): making, opening and unlinking a FIFO
// there costs a few µs, against about 0.15 ms each on an ext4 /tmp, which is three times a
// program's share of a mass start.
import { execFile, spawnSync } from 'node:child_process';
import { accessSync, closeSync, constants, existsSync, fchownSync, mkdtempSync, openSync, rmSync, statfsSync, unlinkSync } from 'node:fs';
import { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { realClock, type Clock } from './clock.js';
import { errnoName } from './errno.js';
import { openOutputPipe } from './output-pipe.js';

export interface ChildPipes {
  /** The child's fds 0, 1, 2 (fd 2 is fd 1 when stderr is redirected). */
  readonly childFds: readonly [number, number, number];
  readonly stdin: Socket;
  readonly stdout: Socket;
  readonly stderr: Socket | null;
  /** Close the parent's copies of the child's ends; call right after spawning. */
  closeChildEnds(): void;
  /** Close everything; call when the spawn failed. */
  destroy(): void;
}

export type PipesResult = { readonly ok: true; readonly pipes: ChildPipes } | { readonly ok: false; readonly code: string };

export interface PipeFactory {
  create(opts: { readonly redirectStderr: boolean; readonly owner: { uid: number; gid: number } | null }): PipesResult;
  /** Remove the FIFO directory (unused FIFOs only: handed-out ones are already unlinked). */
  dispose(): void;
}

const MKFIFO_CANDIDATES = ['/usr/bin/mkfifo', '/bin/mkfifo'];
const TMPFS_MAGIC = 0x01021994;

/** Where the FIFO directory goes: the first writable tmpfs among the candidates, else the tmpdir. */
export function fifoParentDir(candidates: readonly (string | undefined)[] = [process.env['XDG_RUNTIME_DIR'], '/dev/shm']): string {
  for (const dir of candidates) {
    if (dir === undefined || dir === '') continue;
    try {
      accessSync(dir, constants.W_OK | constants.X_OK);
      if (statfsSync(dir).type === TMPFS_MAGIC) return dir;
    } catch {
      // missing or not ours: try the next
    }
  }
  return tmpdir();
}

export function createFifoPipeFactory(opts: { readonly batch?: number; readonly clock?: Pick<Clock, 'now' | 'setTimer'> } = {}): PipeFactory {
  const clock = opts.clock ?? realClock;
  // Each synchronous refill doubles the batch (up to MAX_BATCH), so starting 1000 programs runs
  // mkfifo a handful of times; and when the pool runs low an asynchronous refill tops it up, so a
  // restart rarely waits for mkfifo.
  let batch = opts.batch ?? 24;
  const parent = fifoParentDir();
  const MAX_BATCH = 1024;
  const LOW_WATER = 12;
  const mkfifo = MKFIFO_CANDIDATES.find((p) => existsSync(p)) ?? 'mkfifo';
  let dir: string | null = null;
  let serial = 0;
  let prefetching = false;
  const pool: string[] = [];

  function nextNames(n: number): string[] {
    dir ??= mkdtempSync(join(parent, 'tendd-pipes-'));
    return Array.from({ length: n }, () => join(dir as string, `p${++serial}`));
  }

  function refill(): string | null {
    const names = nextNames(batch);
    batch = Math.min(MAX_BATCH, batch * 2);
    const r = spawnSync(mkfifo, ['-m', '600', '--', ...names], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
    if (r.error) return errnoName(r.error);
    if (r.status !== 0) {
      // The directory was removed under us (tmp cleaners): start a new one next time.
      dir = null;
      return `mkfifo failed: ${r.stderr.trim()}`;
    }
    pool.push(...names);
    return null;
  }

  function prefetch(): void {
    if (prefetching || pool.length >= LOW_WATER) return;
    prefetching = true;
    const names = nextNames(opts.batch ?? 24);
    execFile(mkfifo, ['-m', '600', '--', ...names], (err) => {
      prefetching = false;
      // A failed prefetch is harmless: the next take() refills synchronously and reports errors.
      if (!err) pool.push(...names);
    });
  }

  function take(): string | { error: string } {
    if (pool.length === 0) {
      const error = refill();
      if (error !== null) return { error };
    }
    const path = pool.shift() as string;
    prefetch();
    return path;
  }

  return {
    create({ redirectStderr, owner }) {
      const opened: number[] = [];
      const open = (path: string, flags: number): number => {
        const fd = openSync(path, flags);
        opened.push(fd);
        return fd;
      };
      const paths: string[] = [];
      try {
        for (let i = 0; i < (redirectStderr ? 2 : 3); i++) {
          const p = take();
          if (typeof p !== 'string') return { ok: false, code: p.error };
          paths.push(p);
        }
        const [inPath, outPath, errPath] = paths as [string, string, string | undefined];
        // stdin: a temporary reader lets the write end open without blocking; the child's read
        // end is then opened blocking (O_NONBLOCK lives in the open file description).
        const probe = open(inPath, constants.O_RDONLY | constants.O_NONBLOCK);
        const inWrite = open(inPath, constants.O_WRONLY);
        const inRead = open(inPath, constants.O_RDONLY);
        closeSync(probe);
        opened.splice(opened.indexOf(probe), 1);
        const outRead = open(outPath, constants.O_RDONLY | constants.O_NONBLOCK);
        const outWrite = open(outPath, constants.O_WRONLY);
        const errRead = errPath === undefined ? null : open(errPath, constants.O_RDONLY | constants.O_NONBLOCK);
        const errWrite = errPath === undefined ? outWrite : open(errPath, constants.O_WRONLY);
        // The child reaches its pipes again through /proc/self/fd (/dev/stdout): let `user=` do so.
        if (owner !== null) for (const fd of [inRead, outWrite, errWrite]) fchownSync(fd, owner.uid, owner.gid);
        const childEnds = [inRead, outWrite, errWrite];
        const stdin = new Socket({ fd: inWrite, readable: false, writable: true });
        const stdout = openOutputPipe(outRead, clock);
        const stderr = errRead === null ? null : openOutputPipe(errRead, clock);
        let childOpen = true;
        const closeChildEnds = (): void => {
          if (!childOpen) return;
          childOpen = false;
          for (const fd of new Set(childEnds)) closeSync(fd);
        };
        return {
          ok: true,
          pipes: {
            childFds: [inRead, outWrite, errWrite],
            stdin, stdout, stderr, closeChildEnds,
            destroy() {
              closeChildEnds();
              stdin.destroy();
              stdout.destroy();
              stderr?.destroy();
            },
          },
        };
      } catch (err) {
        for (const fd of opened) {
          try {
            closeSync(fd);
          } catch {
            // already closed
          }
        }
        return { ok: false, code: errnoName(err) };
      } finally {
        // Unlinked once opened (or on failure): nothing else can ever open these pipes.
        for (const p of paths) {
          try {
            unlinkSync(p);
          } catch {
            // already gone
          }
        }
      }
    },
    dispose() {
      if (dir !== null) rmSync(dir, { recursive: true, force: true });
      dir = null;
      pool.length = 0;
    },
  };
}
