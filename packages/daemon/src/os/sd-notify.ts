// systemd's readiness protocol (sd_notify(3)) for `Type=notify` units, through the
// `systemd-notify` binary: Node has no AF_UNIX SOCK_DGRAM sockets, and the protocol is one
// datagram of `KEY=VALUE` lines sent to $NOTIFY_SOCKET.
//
// How a message reaches systemd, and why the unit says NotifyAccess=all:
// - `systemd-notify --pid=<tendd pid>` adds MAINPID=<tendd pid> and, when it runs as root, sends
//   the datagram with SCM_CREDENTIALS forged to tendd's pid (sd_pid_notify), so systemd sees it
//   as coming from the main process: NotifyAccess=main would be enough.
// - When tendd has dropped privileges ([supervisord] user=), the kernel refuses forged
//   credentials and systemd-notify sends with its own pid: a process of the unit that is not the
//   main one, which only NotifyAccess=all accepts. systemd-notify (without --no-block) then waits
//   for systemd to have processed the message (BARRIER=1, sd_notify_barrier, 5 s at most), so it
//   is still alive, and attributable to the unit by its cgroup, when systemd reads it.
//
// Programs must not inherit $NOTIFY_SOCKET: with NotifyAccess=all, anything in the unit may
// speak for it, and some programs do (Gunicorn's master sends READY=1 and STATUS= when it finds
// the variable), which would mark tendd ready before its other programs are up and overwrite its
// status line. takeNotifySocket() removes it from the environment and keeps it for this module;
// call it before the environment is copied for children (the daemon's daemonEnv).
//
// Every function is a no-op returning false when there is no socket (not started by systemd), so
// callers need no guard. The sends are synchronous (spawnSync, a few ms; at most the barrier's
// 5 s when systemd is slow to read): they happen a handful of times per daemon life.
import { spawnSync } from 'node:child_process';
import type { ProcessState } from '@tend/protocol';

export const NOTIFY_SOCKET_VAR = 'NOTIFY_SOCKET';

/** systemd-notify waits up to 5 s for the barrier; past this it is killed and the send counts as failed. */
const SEND_TIMEOUT_MS = 7_000;

// undefined: takeNotifySocket() was never called (read $NOTIFY_SOCKET at each send instead).
let taken: { readonly socket: string | null } | undefined;

/**
 * Removes $NOTIFY_SOCKET from `env` (process.env by default) and keeps its value for the
 * notify functions, as sd_notify(unset_environment=1) does. Returns the socket, or null when
 * the variable was not set (or empty). Call once, early in main, before children are spawned.
 */
export function takeNotifySocket(env: NodeJS.ProcessEnv = process.env): string | null {
  const value = env[NOTIFY_SOCKET_VAR];
  delete env[NOTIFY_SOCKET_VAR];
  const socket = value === undefined || value === '' ? null : value;
  taken = { socket };
  return socket;
}

/** The socket the notify functions send to: the one taken, else $NOTIFY_SOCKET now. */
export function notifySocket(): string | null {
  if (taken !== undefined) return taken.socket;
  const value = process.env[NOTIFY_SOCKET_VAR];
  return value === undefined || value === '' ? null : value;
}

export interface NotifyOptions {
  /** Where to send (default: notifySocket()). */
  readonly socket?: string | null;
  /** The daemon's pid, sent as --pid (MAINPID=, and the forged sender when root). Default process.pid. */
  readonly pid?: number;
  /** The systemd-notify binary (default: `systemd-notify` from PATH). */
  readonly bin?: string;
}

export interface NotifyResult {
  /** systemd-notify ran and exited 0: systemd has the message (it processed it, per the barrier). */
  readonly ok: boolean;
  /** Why not, when !ok and there was a socket to send to (systemd-notify's stderr, or the spawn error). */
  readonly error?: string;
}

/** A value of one `KEY=VALUE` line: the protocol is line-based, so newlines cannot pass. */
function oneLine(value: string): string {
  return value.replace(/[\r\n]+/g, ' ');
}

/**
 * Sends `fields` (e.g. { READY: '1', STATUS: '…' }) with `systemd-notify --pid=<pid>`.
 * Without a socket: { ok: false } and nothing runs.
 */
export function sdNotify(fields: Readonly<Record<string, string>>, opts: NotifyOptions = {}): NotifyResult {
  const socket = opts.socket === undefined ? notifySocket() : opts.socket;
  if (socket === null || socket === '') return { ok: false };
  const pid = opts.pid ?? process.pid;
  const args = [`--pid=${pid}`, ...Object.entries(fields).map(([k, v]) => `${k}=${oneLine(v)}`)];
  const env: NodeJS.ProcessEnv = { ...process.env, [NOTIFY_SOCKET_VAR]: socket };
  const r = spawnSync(opts.bin ?? 'systemd-notify', args, {
    env, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', timeout: SEND_TIMEOUT_MS, killSignal: 'SIGKILL',
  });
  if (r.error) return { ok: false, error: r.error.message };
  if (r.status !== 0) return { ok: false, error: (r.stderr || `systemd-notify exited ${String(r.status ?? r.signal)}`).trim() };
  return { ok: true };
}

/** READY=1 (and STATUS=, shown by `systemctl status`): start-up is complete. True once systemd has it. */
export function notifyReady(status?: string, opts?: NotifyOptions): boolean {
  return sdNotify(status === undefined ? { READY: '1' } : { READY: '1', STATUS: status }, opts).ok;
}

/** STATUS= alone: a one-line status for `systemctl status`. */
export function notifyStatus(status: string, opts?: NotifyOptions): boolean {
  return sdNotify({ STATUS: status }, opts).ok;
}

/** STOPPING=1: shutdown has begun (systemd shows the unit as deactivating). */
export function notifyStopping(status?: string, opts?: NotifyOptions): boolean {
  return sdNotify(status === undefined ? { STOPPING: '1' } : { STOPPING: '1', STATUS: status }, opts).ok;
}

/**
 * RELOADING=1: a reload (SIGHUP) has begun; send notifyReady() when it is done. Carries
 * MONOTONIC_USEC (CLOCK_MONOTONIC, which process.hrtime uses on Linux), which systemd ≥ 253
 * requires for Type=notify-reload and older versions ignore.
 */
export function notifyReloading(status?: string, opts?: NotifyOptions): boolean {
  const fields: Record<string, string> = { RELOADING: '1', MONOTONIC_USEC: String(process.hrtime.bigint() / 1000n) };
  if (status !== undefined) fields['STATUS'] = status;
  return sdNotify(fields, opts).ok;
}

// ---------------------------------------------------------------------------------------------
// When to say READY=1: once every autostart program has settled.

/** What readiness looks at for one process. */
export interface SettleView {
  readonly autostart: boolean;
  readonly state: ProcessState;
}

/** States a starting program passes through; every other state is an outcome of the start. */
const UNSETTLED: ReadonlySet<ProcessState> = new Set<ProcessState>(['STARTING', 'BACKOFF']);

/**
 * Whether start-up is over: no autostart program is STARTING or BACKOFF (each one is RUNNING,
 * or gave up (FATAL), or exited, or was stopped). Meaningful after autostartAll(): before it,
 * every program is STOPPED and so counts as settled.
 */
export function isSettled(processes: Iterable<SettleView>): boolean {
  for (const p of processes) if (p.autostart && UNSETTLED.has(p.state)) return false;
  return true;
}

/** A STATUS= line for the moment of readiness: `5 programs: 4 RUNNING, 1 FATAL`. */
export function settledStatus(processes: Iterable<SettleView>): string {
  const counts = new Map<ProcessState, number>();
  let total = 0;
  for (const p of processes) {
    total += 1;
    counts.set(p.state, (counts.get(p.state) ?? 0) + 1);
  }
  const parts = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([s, n]) => `${n} ${s}`);
  return `${total} program${total === 1 ? '' : 's'}${parts.length > 0 ? `: ${parts.join(', ')}` : ''}`;
}

/**
 * Resolves once isSettled(processes()) holds: at once if it already does, otherwise on the first
 * change that makes it hold. `subscribe` registers a callback for every process state change
 * and returns its unsubscribe (with tend's EventBus:
 * `(cb) => bus.subscribe((e) => { if (e.type === 'process-state') cb(); })`). The returned
 * cancel() stops watching (the promise then never settles).
 */
export function whenSettled(
  processes: () => Iterable<SettleView>, subscribe: (onChange: () => void) => () => void,
): { readonly settled: Promise<void>; cancel(): void } {
  let unsubscribe: (() => void) | null = null;
  let done = false;
  const settled = new Promise<void>((resolve) => {
    const check = (): void => {
      if (done || !isSettled(processes())) return;
      done = true;
      unsubscribe?.();
      unsubscribe = null;
      resolve();
    };
    const off = subscribe(check);
    if (done) off(); // settled by a callback during subscribe()
    else unsubscribe = off;
    check();
  });
  return {
    settled,
    cancel: () => {
      done = true;
      unsubscribe?.();
      unsubscribe = null;
    },
  };
}
