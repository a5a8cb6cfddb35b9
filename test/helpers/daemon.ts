// Running the process engine for tests, two ways:
//
// - startEngine(t, conf): the engine in this test process — loadConfig on a config in a temp dir,
//   a Supervisor with the real spawner and realClock, and a record of every state event, log
//   record and byte of child output, with waits that re-check on each of those (no polling).
// - startDaemon(t, conf): the built binary (`node packages/daemon/bin/tendd.js -n -c <conf>`, or
//   the real supervisord) in a temp dir, its log read from its stdout echo as it arrives.
//
// Both own their temp dir and, in t.after, stop the daemon and kill whatever it started that is
// still alive, by pid or process group only.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, watch, writeFileSync } from 'node:fs';
import { constants as osConstants, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { TestContext } from 'node:test';
import type { ProcessState } from '@tend/protocol';
import { loadConfig } from '../../packages/daemon/src/config/load.js';
import { signame } from '../../packages/daemon/src/config/signals.js';
import type { TendConfig } from '../../packages/daemon/src/config/types.js';
import { findUserById, listUserGroups } from '../../packages/daemon/src/config/users.js';
import { EventBus } from '../../packages/daemon/src/events/bus.js';
import { realClock } from '../../packages/daemon/src/os/clock.js';
import { createSpawnIds, SPAWN_ID_VAR } from '../../packages/daemon/src/process/env.js';
import { killTree } from '../../packages/daemon/src/process/kill.js';
import type { ManagedProcess } from '../../packages/daemon/src/process/managed-process.js';
import type { LogLevel, ProcessSnapshot } from '../../packages/daemon/src/process/snapshot.js';
import { createNodeSpawner, type NodeSpawnerOptions, type Spawner } from '../../packages/daemon/src/process/spawner.js';
import { Supervisor } from '../../packages/daemon/src/supervisor/supervisor.js';
import { TENDD } from './bins.js';

// ---------------------------------------------------------------------------------------------
// Shared bits

/** Absolute path of a fixture program. */
export function fixture(name: string): string {
  return fileURLToPath(new URL(`../fixtures/programs/${name}`, import.meta.url));
}

/** A `command=` line running a fixture with this Node (absolute paths, no shell). */
export function nodeCommand(name: string, ...args: readonly (string | number)[]): string {
  return [process.execPath, fixture(name), ...args.map(String)].join(' ');
}

/** A fresh temp dir holding `files` (paths relative to it); removed by the caller's cleanup. */
function makeDir(files: Readonly<Record<string, string | Buffer>>): string {
  const dir = mkdtempSync(join(tmpdir(), 'tend-run-'));
  for (const [rel, content] of Object.entries(files)) {
    const path = join(dir, rel);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
  }
  return dir;
}

/** Rejects with `what` after `timeoutMs` unless `promise` settles first. */
export function withDeadline<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)), timeoutMs);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

/** Whether `pid` exists and is not a zombie. */
export function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/** pid, ppid, pgid and session of a live process, from /proc/<pid>/stat. */
export function procStat(pid: number): { pid: number; ppid: number; pgid: number; sid: number } {
  const text = readFileSync(`/proc/${pid}/stat`, 'latin1');
  const f = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return { pid, ppid: Number(f[1]), pgid: Number(f[2]), sid: Number(f[3]) };
}

/** Whether `pid` has handlers installed for every one of `signals` (SigCgt in /proc/<pid>/status). */
export function catchesSignals(pid: number, signals: readonly NodeJS.Signals[]): boolean {
  let mask: bigint;
  try {
    const hex = /^SigCgt:\s*([0-9a-f]+)$/m.exec(readFileSync(`/proc/${pid}/status`, 'latin1'))?.[1];
    if (hex === undefined) return false;
    mask = BigInt(`0x${hex}`);
  } catch {
    return false;
  }
  return signals.every((sig) => (mask & (1n << BigInt(osConstants.signals[sig] - 1))) !== 0n);
}

/**
 * Resolves once none of `pids` is alive. /proc has no change notification, so this re-reads it
 * every 10 ms until the deadline (the only polling wait here; processes we did not start, such as
 * a daemon's grandchildren, cannot be waited for any other way).
 */
export async function waitUntilDead(pids: readonly number[], timeoutMs = 10_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const alive = pids.filter(isAlive);
    if (alive.length === 0) return;
    if (performance.now() > deadline) throw new Error(`still alive after ${timeoutMs} ms: ${alive.join(' ')}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/**
 * Resolves with the file's text once `re` matches it. Watches the file's directory (the file may
 * not exist yet, or be replaced by a rename), and re-reads every 250 ms as a safety net.
 */
export function waitForFileMatch(path: string, re: RegExp, timeoutMs = 10_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const read = (): string => {
      try {
        return readFileSync(path, 'utf8');
      } catch {
        return '';
      }
    };
    const watcher = watch(dirname(path), () => check());
    const safety = setInterval(() => check(), 250);
    const timer = setTimeout(() => {
      done();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${String(re)} in ${path}; it holds ${JSON.stringify(read().slice(-800))}`));
    }, timeoutMs);
    const done = (): void => {
      watcher.close();
      clearInterval(safety);
      clearTimeout(timer);
    };
    const check = (): void => {
      const text = read();
      if (re.test(text)) {
        done();
        resolve(text);
      }
    };
    check();
  });
}

// ---------------------------------------------------------------------------------------------
// The engine in this process

export interface StateRecord {
  readonly group: string;
  readonly name: string;
  readonly from: ProcessState;
  readonly to: ProcessState;
  readonly pid: number;
  readonly expected?: boolean;
  /** performance.now() when the event was emitted (the engine's clock is realClock, the same clock). */
  readonly at: number;
  /**
   * The process's snapshot when the event was emitted, i.e. after the whole transition that
   * emitted it: STARTING>BACKOFF and BACKOFF>FATAL from one input both see FATAL, and the EXITED
   * event of an immediate restart sees STARTING (crashStreak kept, restartPending false).
   */
  readonly snapshot: ProcessSnapshot;
}

export interface EngineLogRecord {
  readonly level: LogLevel;
  readonly message: string;
  readonly at: number;
}

export interface SpawnRecord {
  readonly name: string;
  readonly pid: number;
  readonly spawnId: string;
  readonly at: number;
}

export interface EngineOptions {
  /** Extra files in the temp dir (relative paths). */
  readonly files?: Readonly<Record<string, string | Buffer>>;
  /** Call autostartAll() (default true). */
  readonly autostart?: boolean;
  readonly spawner?: NodeSpawnerOptions;
}

export interface Engine {
  readonly dir: string;
  readonly config: TendConfig;
  readonly supervisor: Supervisor;
  readonly events: readonly StateRecord[];
  readonly logs: readonly EngineLogRecord[];
  /** Successful spawns, in order. */
  readonly spawns: readonly SpawnRecord[];
  proc(name: string): ManagedProcess;
  /** `FROM>TO` for each state event of `name`, in order. */
  transitions(name: string): string[];
  /** Everything the process wrote on a channel, across all its spawns, as captured. */
  output(name: string, channel?: 'stdout' | 'stderr'): string;
  /** Resolves with check()'s first non-undefined value; re-checked on every event, log record and output chunk. */
  waitFor<T>(what: string, check: () => T | undefined, timeoutMs?: number): Promise<T>;
  /** The `count`-th (1-based) event of `name` entering `state`. */
  waitForState(name: string, state: ProcessState, opts?: { count?: number; timeoutMs?: number }): Promise<StateRecord>;
  waitForOutput(name: string, re: RegExp, opts?: { channel?: 'stdout' | 'stderr'; timeoutMs?: number }): Promise<RegExpMatchArray>;
  waitForLog(re: RegExp, opts?: { count?: number; timeoutMs?: number }): Promise<EngineLogRecord>;
}

/**
 * Loads `conf` (written to <temp dir>/supervisord.conf; `%(here)s` is the temp dir) and starts
 * its groups in this process. Cleanup: shutdown, the whole tree of every spawn killed, spawner
 * disposed, temp dir removed.
 */
export function startEngine(t: TestContext, conf: string, opts: EngineOptions = {}): Engine {
  const dir = makeDir({ ...opts.files, 'supervisord.conf': conf });
  const loaded = loadConfig({ configFile: join(dir, 'supervisord.conf'), cwd: dir, env: { ...process.env } });
  if (!loaded.ok) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`test config does not load:\n${loaded.issues.map((i) => i.message).join('\n')}`);
  }
  const { config } = loaded;
  const events: StateRecord[] = [];
  const logs: EngineLogRecord[] = [];
  const spawns: SpawnRecord[] = [];
  const outputs = new Map<string, { stdout: Buffer[]; stderr: Buffer[] }>();
  const checkers = new Set<() => void>();
  const notify = (): void => {
    for (const c of [...checkers]) c();
  };

  const real = createNodeSpawner(opts.spawner);
  const spawner: Spawner = {
    spawn(req) {
      const r = real.spawn(req);
      if (r.ok) spawns.push({ name: req.name, pid: r.child.pid, spawnId: req.env[SPAWN_ID_VAR] ?? '', at: performance.now() });
      return r;
    },
  };
  const bus = new EventBus();
  let supervisor: Supervisor | null = null;
  const find = (name: string): ManagedProcess | undefined => {
    const [groupName, procName] = name.includes(':') ? name.split(':', 2) : [null, name];
    for (const g of supervisor?.groups ?? []) {
      if (groupName !== null && g.name !== groupName) continue;
      const p = g.find(procName ?? '');
      if (p) return p;
    }
    return undefined;
  };
  const collect = (name: string, channel: 'stdout' | 'stderr', p: ManagedProcess): void => {
    const entry = outputs.get(name) ?? { stdout: [], stderr: [] };
    outputs.set(name, entry);
    p.capture(channel)?.capture.subscribe((bytes) => {
      entry[channel].push(Buffer.from(bytes));
      notify();
    });
  };
  const log = (level: LogLevel, message: string): void => {
    logs.push({ level, message, at: performance.now() });
    // The capture exists from the moment the spawn is logged: subscribe before any data event.
    const spawned = /^spawned: '(.+)' with pid \d+$/.exec(message);
    const p = spawned ? find(spawned[1] ?? '') : undefined;
    if (spawned && p) {
      collect(p.config.name, 'stdout', p);
      collect(p.config.name, 'stderr', p);
    }
    notify();
  };
  const sd = config.supervisord;
  supervisor = new Supervisor({
    spawner, clock: realClock, bus, spawnIds: createSpawnIds(), log, signame, daemonEnv: { ...process.env }, daemonCwd: dir,
    serverUrl: config.serverUrl, stripAnsi: sd.stripAnsi,
    resolveUser: (uid) => {
      const u = findUserById(uid);
      return u ? { uid: u.uid, gid: u.gid, groups: listUserGroups(u), name: u.name, home: u.home } : null;
    },
    place: { childlogdir: sd.childlogdir, identifier: sd.identifier, onError: (m) => log('ERRO', m) },
  });
  const sup = supervisor;
  bus.subscribe((e) => {
    if (e.type !== 'process-state') return;
    const p = find(`${e.group}:${e.name}`);
    events.push({ ...e, at: performance.now(), snapshot: p ? p.snapshot : ({} as ProcessSnapshot) });
    notify();
  });

  t.after(async () => {
    const stopping = sup.shutdown();
    for (const s of spawns) killTree(s.pid, s.spawnId);
    try {
      await withDeadline(stopping, 10_000, 'the engine to shut down in cleanup');
    } finally {
      for (const s of spawns) killTree(s.pid, s.spawnId);
      real.dispose();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  for (const g of config.groups) sup.addGroup(g);
  if (opts.autostart ?? true) sup.autostartAll();

  const waitFor = <T>(what: string, check: () => T | undefined, timeoutMs = 10_000): Promise<T> =>
    new Promise((resolve, reject) => {
      const run = (): void => {
        let value: T | undefined;
        try {
          value = check();
        } catch (err) {
          finish();
          reject(err as Error);
          return;
        }
        if (value !== undefined) {
          finish();
          resolve(value);
        }
      };
      const timer = setTimeout(() => {
        finish();
        const recent = events.slice(-12).map((e) => `${e.name} ${e.from}>${e.to}`).join(', ');
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last events: ${recent}; last log: ${logs.at(-1)?.message ?? '-'}`));
      }, timeoutMs);
      const finish = (): void => {
        clearTimeout(timer);
        checkers.delete(run);
      };
      checkers.add(run);
      run();
    });

  const output = (name: string, channel: 'stdout' | 'stderr' = 'stdout'): string =>
    Buffer.concat(outputs.get(name)?.[channel] ?? []).toString('utf8');

  return {
    dir, config, supervisor: sup, events, logs, spawns,
    proc(name) {
      const p = find(name);
      if (!p) throw new Error(`no process ${name}`);
      return p;
    },
    transitions: (name) => events.filter((e) => e.name === name).map((e) => `${e.from}>${e.to}`),
    output,
    waitFor,
    waitForState(name, state, o = {}) {
      const count = o.count ?? 1;
      return waitFor(`${name} to enter ${state} (${count}×)`, () => events.filter((e) => e.name === name && e.to === state)[count - 1], o.timeoutMs);
    },
    waitForOutput(name, re, o = {}) {
      return waitFor(`${String(re)} on ${name} ${o.channel ?? 'stdout'}`, () => re.exec(output(name, o.channel)) ?? undefined, o.timeoutMs);
    },
    waitForLog(re, o = {}) {
      const count = o.count ?? 1;
      return waitFor(`log ${String(re)} (${count}×)`, () => logs.filter((l) => re.test(l.message))[count - 1], o.timeoutMs);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The built binary (or the real supervisord)

export interface DaemonLogLine {
  readonly time: string;
  readonly level: string;
  readonly message: string;
}

export interface DaemonOptions {
  /** Extra files in the temp dir (relative paths). */
  readonly files?: Readonly<Record<string, string | Buffer>>;
  /** Default: tendd. `supervisord` runs /usr/bin/supervisord. */
  readonly bin?: 'tendd' | 'supervisord';
  /** Default: `-n -c <dir>/supervisord.conf`. */
  readonly args?: readonly string[];
  /** Use this existing directory instead of a fresh temp dir (the caller removes it). */
  readonly dir?: string;
}

export interface DaemonHandle {
  readonly dir: string;
  readonly confPath: string;
  readonly pid: number;
  readonly child: ChildProcess;
  /** Everything on stdout so far (with -n, the echo of the main log). */
  stdout(): string;
  stderr(): string;
  /** The log records echoed on stdout so far (a record's continuation lines stay in its message). */
  lines(): DaemonLogLine[];
  /** Resolves with the matching records once at least `count` records match `re`. */
  waitForLog(re: RegExp, opts?: { count?: number; timeoutMs?: number }): Promise<DaemonLogLine[]>;
  /** Pids named by `spawned: 'x' with pid N` so far. */
  spawnedPids(): number[];
  /**
   * Resolves once the daemon has its signal handlers installed (SIGHUP and SIGUSR2 caught: Node
   * catches SIGTERM and SIGINT by itself, so those bits say nothing). Signals sent before that
   * take their default action. Re-reads /proc every 10 ms: there is no notification for this.
   */
  ready(timeoutMs?: number): Promise<void>;
  signal(sig: NodeJS.Signals): void;
  /** Resolves with the exit status (rejects at the deadline). */
  exited(timeoutMs?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** ready(), then SIGTERM by pid, SIGKILL by pid after `timeoutMs`; resolves with the exit status. */
  stop(timeoutMs?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export const SUPERVISORD = '/usr/bin/supervisord';

const RECORD_START = /^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}) ([A-Z]{4}) /;

/** Log records of a main-log text: each starts with a timestamp; other lines continue the previous one. */
export function parseLogRecords(text: string): DaemonLogLine[] {
  const out: { time: string; level: string; message: string }[] = [];
  for (const line of text.split('\n')) {
    const m = RECORD_START.exec(line);
    if (m) out.push({ time: m[1] ?? '', level: m[2] ?? '', message: line.slice(m[0].length) });
    else if (out.length > 0 && line !== '') (out.at(-1) as { message: string }).message += `\n${line}`;
  }
  return out;
}

// Whether pid looks like something a supervisor started (so cleanup never kills a stranger that
// reused the pid).
function isSupervisedChild(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/environ`, 'latin1').split('\0').includes('SUPERVISOR_ENABLED=1');
  } catch {
    return false;
  }
}

/** SIGKILL to each pid and its process group, if it is still a supervised child. */
export function killSupervised(pids: readonly number[]): void {
  for (const pid of pids) {
    if (!isAlive(pid) || !isSupervisedChild(pid)) continue;
    for (const target of [-pid, pid]) {
      try {
        process.kill(target, 'SIGKILL');
      } catch {
        // gone, or no such group
      }
    }
  }
}

/**
 * Starts tendd (or supervisord) on `conf` written to <temp dir>/supervisord.conf. Cleanup: stop()
 * if still running, then SIGKILL every spawned pid (and its group) that is still alive.
 */
export function startDaemon(t: TestContext, conf: string | null, opts: DaemonOptions = {}): DaemonHandle {
  const ownDir = opts.dir === undefined;
  const dir = opts.dir ?? makeDir({});
  for (const [rel, content] of Object.entries(opts.files ?? {})) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), content);
  }
  const confPath = join(dir, 'supervisord.conf');
  if (conf !== null) writeFileSync(confPath, conf);
  const args = opts.args ?? ['-n', '-c', confPath];
  const child = opts.bin === 'supervisord'
    ? spawn(SUPERVISORD, args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] })
    : spawn(process.execPath, [TENDD, ...args], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  if (child.pid === undefined) throw new Error('the daemon did not start');
  const pid = child.pid;
  let out = '';
  let err = '';
  const checkers = new Set<() => void>();
  child.stdout?.setEncoding('utf8').on('data', (s: string) => {
    out += s;
    for (const c of [...checkers]) c();
  });
  child.stderr?.setEncoding('utf8').on('data', (s: string) => {
    err += s;
  });
  let status: { code: number | null; signal: NodeJS.Signals | null } | null = null;
  // Settled once the daemon has exited AND its stdout/stderr have been read to the end ('close'),
  // so the log echo is complete; if something else still holds the pipes, 2 s after the exit.
  const exitPromise = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    let exitStatus: { code: number | null; signal: NodeJS.Signals | null } | null = null;
    const settle = (): void => {
      if (exitStatus === null || status !== null) return;
      status = exitStatus;
      resolve(status);
      for (const c of [...checkers]) c();
    };
    child.on('exit', (code, signal) => {
      exitStatus = { code, signal };
      setTimeout(settle, 2_000).unref();
    });
    child.on('close', settle);
  });

  const lines = (): DaemonLogLine[] => parseLogRecords(out);
  const spawnedPids = (): number[] =>
    lines().map((l) => /^spawned: '.+' with pid (\d+)$/.exec(l.message)?.[1]).filter((p): p is string => p !== undefined).map(Number);
  const exited = (timeoutMs = 15_000): Promise<{ code: number | null; signal: NodeJS.Signals | null }> =>
    withDeadline(exitPromise, timeoutMs, `pid ${pid} to exit`);
  const running = (): boolean => child.exitCode === null && child.signalCode === null;
  const ready = async (timeoutMs = 10_000): Promise<void> => {
    const deadline = performance.now() + timeoutMs;
    while (!catchesSignals(pid, ['SIGHUP', 'SIGUSR2'])) {
      if (!running()) throw new Error(`the daemon exited (${JSON.stringify(status)}) before installing its signal handlers; stderr:\n${err}`);
      if (performance.now() > deadline) throw new Error(`pid ${pid} did not install its signal handlers within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 10));
    }
  };
  const stop = async (timeoutMs = 15_000): Promise<{ code: number | null; signal: NodeJS.Signals | null }> => {
    if (status !== null) return status;
    await ready().catch(() => undefined);
    if (running()) process.kill(pid, 'SIGTERM');
    try {
      return await exited(timeoutMs);
    } catch (e) {
      if (running()) process.kill(pid, 'SIGKILL');
      await exited(5_000);
      throw e;
    }
  };

  t.after(async () => {
    try {
      if (status === null) await stop();
    } finally {
      killSupervised(spawnedPids());
      if (ownDir) rmSync(dir, { recursive: true, force: true });
    }
  });

  return {
    dir, confPath, pid, child,
    stdout: () => out,
    stderr: () => err,
    lines,
    waitForLog(re, o = {}) {
      const count = o.count ?? 1;
      const timeoutMs = o.timeoutMs ?? 10_000;
      return new Promise((resolve, reject) => {
        const check = (): void => {
          const matching = lines().filter((l) => re.test(l.message));
          if (matching.length >= count) {
            done();
            resolve(matching);
          } else if (status !== null) {
            done();
            reject(new Error(`the daemon exited (${JSON.stringify(status)}) before ${String(re)} was logged ${count}×; stdout:\n${out.slice(-2000)}\nstderr:\n${err.slice(-2000)}`));
          }
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`timed out after ${timeoutMs} ms waiting for ${String(re)} (${count}×); stdout:\n${out.slice(-2000)}\nstderr:\n${err.slice(-1000)}`));
        }, timeoutMs);
        const done = (): void => {
          clearTimeout(timer);
          checkers.delete(check);
        };
        checkers.add(check);
        check();
      });
    },
    spawnedPids,
    ready,
    signal: (sig) => {
      if (!running()) throw new Error(`cannot send ${sig}: the daemon (pid ${pid}) has exited (${String(child.exitCode ?? child.signalCode)})`);
      process.kill(pid, sig);
    },
    exited,
    stop,
  };
}
