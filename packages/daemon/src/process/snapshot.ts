// What the state machine knows about one process, and the inputs and effects it speaks in.
// All of it is plain data so transition() can be tested edge by edge with values.
import type { ProcessState } from '@tend/protocol';

/** Monotonic milliseconds from the injected Clock. Wall-clock time appears only in wire fields. */
export type Millis = number;

export interface ProcessSnapshot {
  readonly state: ProcessState;
  /** 0 when there is no process. */
  readonly pid: number;
  /** When the last spawn was attempted (failed spawns included); null = never. */
  readonly lastStart: Millis | null;
  /** When the last process was reaped; null = never. */
  readonly lastStop: Millis | null;
  /** supervisor's `backoff`: failed starts in a row, reset on RUNNING and on a manual start. */
  readonly backoff: number;
  /** Exit code of the last process, -1 if a signal killed it; null when supervisor has none (BACKOFF). */
  readonly exitStatus: number | null;
  /** supervisor's `spawnerr`: why the last start failed, shown in status. */
  readonly spawnErr: string | null;
  /** True between a stop/kill request and the reap (supervisor's `killing`). */
  readonly killing: boolean;
  /** tend: runs in a row that ended less than RESTART_WINDOW_MS after they started (see restart-delay). */
  readonly crashStreak: number;
  /** tend: an autorestart is waiting for its delay timer (state EXITED). */
  readonly restartPending: boolean;
}

export const INITIAL_SNAPSHOT: ProcessSnapshot = {
  state: 'STOPPED', pid: 0, lastStart: null, lastStop: null, backoff: 0, exitStatus: null, spawnErr: null,
  killing: false, crashStreak: 0, restartPending: false,
};

export type TimerKind = 'startsecs' | 'backoff' | 'stopwait' | 'restart';

/** What can happen to a process. Readiness sources beyond startsecs (health probe, sd_notify, LISTEN_FDS) would add inputs here. */
export type ProcessInput =
  | { readonly type: 'autostart' }
  | { readonly type: 'start-requested' }
  | { readonly type: 'spawned'; readonly pid: number }
  | { readonly type: 'spawn-failed'; readonly error: string }
  | { readonly type: 'exited'; readonly code: number | null; readonly signal: string | null }
  | { readonly type: 'timer'; readonly timer: TimerKind }
  | { readonly type: 'stop-requested' }
  | { readonly type: 'signal-requested'; readonly signal: number }
  /** Sending a signal failed with something other than ESRCH. */
  | { readonly type: 'signal-failed'; readonly error: string }
  | { readonly type: 'give-up' };

export type LogLevel = 'CRIT' | 'ERRO' | 'WARN' | 'INFO' | 'DEBG';

export type Effect =
  | { readonly type: 'spawn' }
  | { readonly type: 'signal'; readonly signal: number; readonly group: boolean }
  /** The final kill: the process, its group, and every descendant that escaped either. */
  | { readonly type: 'kill-tree' }
  | { readonly type: 'schedule'; readonly timer: TimerKind; readonly ms: number }
  | { readonly type: 'cancel-timer' }
  | { readonly type: 'state'; readonly from: ProcessState; readonly to: ProcessState; readonly expected?: boolean }
  | { readonly type: 'log'; readonly level: LogLevel; readonly message: string };

/** The config the state machine reads: a subset of ProcessConfig. */
export interface ProcessPolicy {
  readonly name: string;
  readonly autostart: boolean;
  readonly autorestart: 'true' | 'false' | 'unexpected';
  readonly startSecs: number;
  readonly startRetries: number;
  readonly exitCodes: readonly number[];
  readonly stopSignal: number;
  readonly stopWaitSecs: number;
  readonly stopAsGroup: boolean;
  readonly killAsGroup: boolean;
}

export interface TransitionContext {
  readonly policy: ProcessPolicy;
  readonly now: Millis;
  /** The daemon is RUNNING (not shutting down or restarting): only then may anything start by itself. */
  readonly mayStart: boolean;
  /** Signal number → name, for messages (`terminated by SIGTERM`). */
  readonly signame: (sig: number) => string;
}

export type Rejection = 'ALREADY_STARTED' | 'NOT_RUNNING' | 'BAD_STATE';

export type TransitionResult =
  | { readonly ok: true; readonly next: ProcessSnapshot; readonly effects: readonly Effect[] }
  | { readonly ok: false; readonly rejection: Rejection; readonly message: string };
