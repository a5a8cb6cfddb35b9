// Starting one daemon (the real supervisord or tendd) on a config in its own directory, waiting
// for it through its log, and stopping it — with every program it spawned — afterwards.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { FileTail } from './file-tail.js';
import { isStartedWithPid, spawnedPid, startedPid } from './log-lines.js';
import { isAlive, readCmdline } from './proc.js';

export type DaemonKind = 'supervisord' | 'tend';
export const DAEMON_KINDS: readonly DaemonKind[] = ['supervisord', 'tend'];

export interface DaemonBinaries {
  /** The reference daemon, or null when it is not installed (tend is then measured alone). */
  readonly supervisord: string | null;
  /** packages/daemon/bin/tendd.js, run with this Node. */
  readonly tendd: string;
  /** The reference client, or null when it is not installed (CLI figures are then not measured). */
  readonly supervisorctl?: string | null;
  /** packages/ctl/bin/tendctl.js, run with this Node. */
  readonly tendctl?: string;
}

/**
 * Extra Node flags for tendd, from $TEND_BENCH_NODE_FLAGS (split on whitespace), e.g.
 * `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile the daemon under a scenario (the profile is
 * written when tendd exits cleanly on the bench's SIGTERM).
 */
export function tenddNodeFlags(): string[] {
  return (process.env['TEND_BENCH_NODE_FLAGS'] ?? '').split(/\s+/).filter((w) => w.length > 0);
}

export interface LaunchOptions {
  readonly kind: DaemonKind;
  readonly binaries: DaemonBinaries;
  /** A fresh directory: the config, the log and the child logs go here. */
  readonly dir: string;
  readonly configText: string;
  /** The probe binary; leftover children are recognised by it before being killed. */
  readonly probePath: string;
  /** Raise RLIMIT_NOFILE (soft, and hard if needed) to this before exec. */
  readonly nofile?: number;
  readonly startTimeoutMs?: number;
}

export interface StopReport {
  /** SIGTERM → the daemon process is gone. */
  readonly stopMs: number;
  /** The daemon had to be SIGKILLed. */
  readonly forced: boolean;
  /** Programs still alive after the daemon exited, killed by pid. */
  readonly leftovers: number;
  /** How the daemon process ended: a clean shutdown is code 0 with no signal. */
  readonly exit: { readonly code: number | null; readonly signal: string | null };
}

/** Lines for a scenario's notes when a stop was not clean. */
export function stopNotes(kind: DaemonKind, r: StopReport): string[] {
  const notes: string[] = [];
  if (r.forced) notes.push(`${kind} did not stop within the deadline and was SIGKILLed`);
  else if (r.exit.signal !== null) notes.push(`${kind} was killed by ${r.exit.signal} itself (default action: no handler installed yet?) instead of shutting down`);
  else if (r.exit.code !== 0) notes.push(`${kind} exited with code ${String(r.exit.code)} on SIGTERM`);
  if (r.leftovers > 0) notes.push(`${kind} left ${r.leftovers} program(s) running after it exited; the bench killed them by pid`);
  return notes;
}

const active = new Set<RunningDaemon>();

/** Stop every daemon still running (on SIGINT or after an error). */
export async function stopAllDaemons(): Promise<void> {
  await Promise.allSettled([...active].map((d) => d.stop()));
}

function readNofile(): { soft: number; hard: number } {
  const line = readFileSync('/proc/self/limits', 'utf8').split('\n').find((l) => l.startsWith('Max open files')) ?? '';
  const m = /Max open files\s+(\S+)\s+(\S+)/.exec(line);
  const n = (v: string | undefined): number => (v === undefined || v === 'unlimited' ? Number.MAX_SAFE_INTEGER : Number(v));
  return { soft: n(m?.[1]), hard: n(m?.[2]) };
}

/** argv for the daemon, wrapped in prlimit (or sh ulimit) when the fd limit must go up. */
function commandFor(opts: LaunchOptions, configPath: string): string[] {
  const { kind, binaries } = opts;
  let argv: string[];
  if (kind === 'supervisord') {
    if (binaries.supervisord === null) throw new Error('supervisord is not available');
    argv = [binaries.supervisord, '-n', '-c', configPath];
  } else {
    argv = [process.execPath, ...tenddNodeFlags(), binaries.tendd, '-n', '-c', configPath];
  }
  if (opts.nofile === undefined) return argv;
  const cur = readNofile();
  if (cur.soft >= opts.nofile) return argv;
  const hard = Math.max(cur.hard, opts.nofile);
  const hardText = hard === Number.MAX_SAFE_INTEGER ? 'unlimited' : String(hard);
  if (existsSync('/usr/bin/prlimit')) return ['/usr/bin/prlimit', `--nofile=${opts.nofile}:${hardText}`, '--', ...argv];
  return ['/bin/sh', '-c', `ulimit -Hn ${hardText} && ulimit -Sn ${opts.nofile} && exec "$@"`, 'sh', ...argv];
}

/** This environment without the bench's own Node/test plumbing, for tendd and the control clients. */
export function daemonEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  // Keep the bench's own Node/test plumbing (tsx loader, node:test IPC) out of tendd.
  delete env['NODE_OPTIONS'];
  delete env['NODE_TEST_CONTEXT'];
  return env;
}

export class RunningDaemon {
  readonly kind: DaemonKind;
  readonly dir: string;
  readonly log: FileTail;
  /** Date.now() just before the exec. */
  readonly execAtMs: number;
  readonly #child: ChildProcess;
  readonly #probePath: string;
  readonly #exited: Promise<void>;
  #exitedNow = false;
  #exit: StopReport['exit'] = { code: null, signal: null };
  #stopping: Promise<StopReport> | null = null;
  readonly #tails: FileTail[] = [];
  /** The daemon's own pid, from its `supervisord started with pid N` line. */
  pid = 0;
  startedLine = '';

  constructor(kind: DaemonKind, dir: string, argv: readonly string[], probePath: string) {
    this.kind = kind;
    this.dir = dir;
    this.#probePath = probePath;
    this.log = new FileTail(join(dir, 'daemon.log'));
    this.#tails.push(this.log);
    const stderrPath = join(dir, 'stderr.txt');
    const stderrFd = openSync(stderrPath, 'w');
    this.execAtMs = Date.now();
    this.#child = spawn(argv[0] as string, argv.slice(1), { cwd: dir, env: daemonEnv(), stdio: ['ignore', 'ignore', stderrFd] });
    closeSync(stderrFd);
    this.#exited = new Promise((resolve) => {
      this.#child.once('exit', (code, signal) => {
        this.#exitedNow = true;
        this.#exit = { code, signal };
        active.delete(this);
        if (this.#stopping === null) {
          const stderr = readFileSync(stderrPath, 'utf8').trim().split('\n').slice(-10).join('\n    ');
          const err = new Error(`${kind} exited unexpectedly (${signal ?? `code ${String(code)}`}); stderr:\n    ${stderr}`);
          for (const tail of this.#tails) tail.fail(err);
        }
        resolve();
      });
      this.#child.once('error', (err) => {
        this.#exitedNow = true;
        active.delete(this);
        for (const tail of this.#tails) tail.fail(new Error(`${kind} could not be started: ${err.message}`));
        resolve();
      });
    });
    active.add(this);
  }

  /** Wait for `count` log lines passing `test`; fails early if the daemon dies. */
  waitLog(test: (line: string) => boolean, count: number, timeoutMs: number, what: string): Promise<string[]> {
    return this.log.waitFor(test, count, timeoutMs, `${count} × ${what} from ${this.kind}`);
  }

  /** Follow another file (e.g. the probe's timestamps) whose waits fail if the daemon dies; closed by stop(). */
  follow(path: string): FileTail {
    const tail = new FileTail(path);
    this.#tails.push(tail);
    return tail;
  }

  /** Pids of every program the daemon reported spawning. */
  spawnedPids(): number[] {
    return this.log.lines.map(spawnedPid).filter((p): p is number => p !== null);
  }

  /** SIGTERM, wait (then SIGKILL after `timeoutMs`), then kill any probe it left behind. */
  stop(timeoutMs = 90_000): Promise<StopReport> {
    this.#stopping ??= this.#stop(timeoutMs);
    return this.#stopping;
  }

  async #stop(timeoutMs: number): Promise<StopReport> {
    const pid = this.#child.pid;
    const t0 = performance.now();
    let forced = false;
    if (!this.#exitedNow && pid !== undefined) {
      this.#child.kill('SIGTERM');
      let timer: NodeJS.Timeout | undefined;
      const timedOut = await Promise.race([
        this.#exited.then(() => false),
        new Promise<boolean>((resolve) => { timer = setTimeout(() => resolve(true), timeoutMs); }),
      ]);
      clearTimeout(timer);
      if (timedOut) {
        forced = true;
        process.stderr.write(`bench: ${this.kind} (pid ${pid}) did not stop within ${timeoutMs} ms; sending SIGKILL\n`);
        this.#child.kill('SIGKILL');
        await this.#exited;
      }
    }
    const stopMs = performance.now() - t0;
    const leftovers = await this.#killLeftovers();
    for (const tail of this.#tails) tail.close();
    return { stopMs, forced, leftovers, exit: this.#exit };
  }

  /** Programs the daemon spawned that still run our probe: SIGKILL each by pid, wait until gone. */
  async #killLeftovers(): Promise<number> {
    // argv[0] for the compiled probe; argv[1] when the sh fallback runs it.
    const ours = (p: number): boolean => readCmdline(p)?.slice(0, 2).includes(this.#probePath) ?? false;
    const alive = this.spawnedPids().filter(ours);
    for (const p of alive) {
      try {
        process.kill(p, 'SIGKILL');
      } catch { /* already gone */ }
    }
    const deadline = Date.now() + 10_000;
    while (alive.some((p) => isAlive(p) && ours(p)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    return alive.length;
  }
}

/** Start a daemon and wait until its log says `supervisord started with pid N`. */
export async function launchDaemon(opts: LaunchOptions): Promise<RunningDaemon> {
  mkdirSync(join(opts.dir, 'childlogs'), { recursive: true });
  const configPath = join(opts.dir, 'supervisord.conf');
  writeFileSync(configPath, opts.configText);
  const daemon = new RunningDaemon(opts.kind, opts.dir, commandFor(opts, configPath), opts.probePath);
  try {
    const [line] = await daemon.waitLog(isStartedWithPid, 1, opts.startTimeoutMs ?? 30_000, "'supervisord started with pid'");
    daemon.startedLine = line ?? '';
    daemon.pid = startedPid(daemon.startedLine) ?? 0;
  } catch (err) {
    await daemon.stop();
    throw err;
  }
  return daemon;
}
