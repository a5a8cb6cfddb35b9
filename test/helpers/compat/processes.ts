// Child processes the harness owns: the two daemons and every CLI run. Everything is ended by
// pid (SIGTERM, then SIGKILL after a deadline); nothing is ever killed by name.
import { spawn, type ChildProcess } from 'node:child_process';
import { openSync, closeSync, readdirSync, readFileSync } from 'node:fs';

/** The environment every daemon and CLI run gets: fixed locale and time zone, no test-runner leaks. */
export function childEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8', TZ: 'UTC' };
  delete env['NODE_TEST_CONTEXT'];
  delete env['NODE_OPTIONS'];
  delete env['SUPERVISOR_SERVER_URL'];
  delete env['SUPERVISOR_ENABLED'];
  return env;
}

export interface Exit { readonly code: number | null; readonly signal: NodeJS.Signals | null }

export function exitText(exit: Exit): string {
  return exit.signal !== null ? `signal ${exit.signal}` : String(exit.code);
}

/** Resolves after `ms`, or rejects with `what` when `promise` has not settled by then. */
export function withDeadline<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no result within ${String(ms)} ms`)), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

/** Polls `check` every `everyMs` until it returns a non-undefined value; throws `describe()` at the deadline. */
export async function waitFor<T>(check: () => Promise<T | undefined> | T | undefined, timeoutMs: number, describe: () => string, everyMs = 50): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() >= end) throw new Error(`timed out after ${String(timeoutMs)} ms waiting for ${describe()}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** The pids of every live descendant of `pid` (from /proc), deepest last. */
export function descendantsOf(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue;
    }
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    const list = children.get(ppid) ?? [];
    list.push(Number(entry));
    children.set(ppid, list);
  }
  const out: number[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    const p = queue.shift() as number;
    for (const c of children.get(p) ?? []) {
      out.push(c);
      queue.push(c);
    }
  }
  return out;
}

function killQuietly(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // already gone
  }
}

export interface OwnedProcess {
  readonly pid: number;
  readonly exited: Promise<Exit>;
  hasExited(): boolean;
}

/** Spawns a long-lived process with stdout+stderr appended to `logPath`. */
export function spawnLogged(file: string, args: readonly string[], opts: { cwd: string; logPath: string }): OwnedProcess {
  const fd = openSync(opts.logPath, 'a');
  let child: ChildProcess;
  try {
    child = spawn(file, args, { cwd: opts.cwd, env: childEnv(), stdio: ['ignore', fd, fd] });
  } finally {
    closeSync(fd);
  }
  let done = false;
  const exited = new Promise<Exit>((resolve) => {
    child.on('exit', (code, signal) => {
      done = true;
      resolve({ code, signal });
    });
    child.on('error', () => {
      done = true;
      resolve({ code: null, signal: null });
    });
  });
  if (child.pid === undefined) throw new Error(`could not spawn ${file}`);
  return { pid: child.pid, exited, hasExited: () => done };
}

/**
 * Stops a daemon: SIGTERM by pid, SIGKILL after `graceMs`. After a SIGKILL the daemon's children
 * would be orphaned (supervisord does not kill them), so they are SIGKILLed by pid as well.
 */
export async function stopOwned(proc: OwnedProcess, graceMs: number): Promise<void> {
  if (proc.hasExited()) return;
  killQuietly(proc.pid, 'SIGTERM');
  try {
    await withDeadline(proc.exited, graceMs, `pid ${String(proc.pid)} after SIGTERM`);
    return;
  } catch {
    const orphans = descendantsOf(proc.pid);
    killQuietly(proc.pid, 'SIGKILL');
    for (const pid of orphans) killQuietly(pid, 'SIGKILL');
    await withDeadline(proc.exited, 5000, `pid ${String(proc.pid)} after SIGKILL`);
  }
}

export interface CliRun {
  readonly stdout: string;
  readonly stderr: string;
  readonly exit: string;
}

export interface CliRunning {
  readonly pid: number;
  readonly done: Promise<CliRun>;
  /** What it has written to stdout so far. */
  stdoutSoFar(): string;
}

/**
 * Runs a CLI to completion (deadline `timeoutMs`, then SIGKILL). With `interruptAfter`, sends
 * SIGINT by pid once stdout contains that text (Ctrl-C of `tail -f`), SIGKILL 5 s later.
 */
export function runCli(file: string, args: readonly string[], opts: { cwd: string; timeoutMs: number; interruptAfter?: string }): CliRunning {
  const child = spawn(file, args, { cwd: opts.cwd, env: childEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  let note = '';
  let interrupted = false;
  const timers: NodeJS.Timeout[] = [];
  const kill = (signal: NodeJS.Signals) => {
    if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) killQuietly(child.pid, signal);
  };
  child.stdout.on('data', (c: Buffer) => {
    out.push(c);
    if (opts.interruptAfter !== undefined && !interrupted && Buffer.concat(out).toString('utf8').includes(opts.interruptAfter)) {
      interrupted = true;
      kill('SIGINT');
      timers.push(setTimeout(() => { note = ' (SIGKILLed: SIGINT did not end it within 5000 ms)'; kill('SIGKILL'); }, 5000));
    }
  });
  child.stderr.on('data', (c: Buffer) => err.push(c));
  timers.push(setTimeout(() => {
    note = opts.interruptAfter !== undefined && !interrupted
      ? ` (SIGKILLed: stdout never contained ${JSON.stringify(opts.interruptAfter)} within ${String(opts.timeoutMs)} ms)`
      : ` (SIGKILLed: no exit within ${String(opts.timeoutMs)} ms)`;
    kill('SIGKILL');
  }, opts.timeoutMs));
  const done = new Promise<CliRun>((resolve) => {
    child.on('error', (e) => {
      for (const t of timers) clearTimeout(t);
      resolve({ stdout: '', stderr: `spawn ${file} failed: ${e.message}`, exit: 'spawn error' });
    });
    child.on('close', (code, signal) => {
      for (const t of timers) clearTimeout(t);
      resolve({
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        exit: exitText({ code, signal }) + note,
      });
    });
  });
  return { pid: child.pid ?? -1, done, stdoutSoFar: () => Buffer.concat(out).toString('utf8') };
}
