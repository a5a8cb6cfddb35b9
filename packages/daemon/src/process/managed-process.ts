// Owns one supervised process: feeds inputs to transition(), runs the effects it returns, and is the
// only caller of the Spawner and of timers for that process. Emits exactly one bus event per state
// change, after the snapshot is updated.
import { truncateSync } from 'node:fs';
import { type ProcessState } from '@tend/protocol';
import type { ProcessConfig } from '../config/types.js';
import type { EventBus } from '../events/bus.js';
import type { LogFileError } from '../logs/log-file-error.js';
import type { Clock, TimerHandle } from '../os/clock.js';
import { captureStream, type ChannelTarget, type StreamCapture } from './child-logs.js';
import { buildChildEnv, type SpawnIds } from './env.js';
import { scheduleKillTree, signalProcess } from './kill.js';
import { locateCommand } from './locate.js';
import { INITIAL_SNAPSHOT, type Effect, type LogLevel, type ProcessInput, type ProcessSnapshot, type TransitionResult } from './snapshot.js';
import type { SpawnedChild, Spawner } from './spawner.js';
import type { SpawnUser } from './privileges.js';
import { transition } from './transition.js';

/** What a process needs from the daemon around it. */
export interface ProcessDeps {
  readonly spawner: Spawner;
  readonly clock: Clock;
  readonly bus: EventBus;
  readonly spawnIds: SpawnIds;
  readonly log: (level: LogLevel, message: string) => void;
  readonly signame: (sig: number) => string;
  /** The daemon's environment at startup, cwd and SUPERVISOR_SERVER_URL default. */
  readonly daemonEnv: Readonly<Record<string, string | undefined>>;
  readonly daemonCwd: string;
  readonly serverUrl: string | null;
  readonly stripAnsi: boolean;
  /** False while the daemon shuts down or restarts: nothing starts by itself then. */
  readonly mayStart: () => boolean;
  /** user= resolved to ids, home and groups (null when the user is unknown at spawn time). */
  readonly resolveUser: (uid: number) => (SpawnUser & { name: string; home: string }) | null;
}

export class ManagedProcess {
  readonly config: ProcessConfig;
  readonly group: string;
  readonly #deps: ProcessDeps;
  readonly #logs: { stdout: ChannelTarget; stderr: ChannelTarget };
  #snap: ProcessSnapshot = INITIAL_SNAPSHOT;
  #timer: TimerHandle | null = null;
  #child: SpawnedChild | null = null;
  #spawnId = '';
  #wallStart = 0;
  #wallStop = 0;
  #captures: { stdout: StreamCapture | null; stderr: StreamCapture | null } = { stdout: null, stderr: null };
  #spawns = 0;

  constructor(config: ProcessConfig, group: string, logs: { stdout: ChannelTarget; stderr: ChannelTarget }, deps: ProcessDeps) {
    this.config = config;
    this.group = group;
    this.#logs = logs;
    this.#deps = deps;
  }

  get snapshot(): ProcessSnapshot {
    return this.#snap;
  }

  get state(): ProcessState {
    return this.#snap.state;
  }

  get logPaths(): { stdout: string | null; stderr: string | null } {
    return { stdout: this.#logs.stdout.path, stderr: this.#logs.stderr.path };
  }

  /** Wall-clock epoch ms of the last spawn attempt and of the last reap (0 = never), for ProcessInfo. */
  get wallTimes(): { start: number; stop: number } {
    return { start: this.#wallStart, stop: this.#wallStop };
  }

  /** The live capture of a channel while a process runs (for tail -f); null otherwise. */
  capture(channel: 'stdout' | 'stderr'): StreamCapture | null {
    return this.#captures[channel];
  }

  /** Successful spawns after the first, since this process was created (its group added). */
  get restarts(): number {
    return Math.max(0, this.#spawns - 1);
  }

  /**
   * supervisor's sendProcessStdin: bytes to the child's stdin. 'not-running' without a child or while
   * stopping; 'closed' when the child has closed its stdin (EPIPE).
   */
  writeStdin(bytes: Buffer): 'ok' | 'not-running' | 'closed' {
    const child = this.#child;
    if (child === null || this.#snap.pid === 0 || this.#snap.killing) return 'not-running';
    const stdin = child.stdin as NodeJS.WritableStream & { destroyed?: boolean; writableEnded?: boolean };
    if (stdin.destroyed === true || stdin.writableEnded === true) return 'closed';
    stdin.write(bytes);
    return 'ok';
  }

  /**
   * clearProcessLogs: empty both log files. supervisor only clears logs that are open (a stopped
   * process's clear silently does nothing, weak point 24); tend also empties the files of a stopped one.
   * Returns false on an I/O error.
   */
  clearLogs(): boolean {
    let ok = true;
    for (const channel of ['stdout', 'stderr'] as const) {
      const open = this.#captures[channel]?.file ?? null;
      if (open !== null) {
        ok = open.clear().ok && ok;
        continue;
      }
      const path = this.#logs[channel].path;
      if (path === null) continue;
      try {
        truncateSync(path, 0);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') ok = false;
      }
    }
    return ok;
  }

  /** SIGUSR2: close and reopen the open log files by name (after an external logrotate). */
  reopenLogs(): void {
    this.#captures.stdout?.file?.reopen();
    this.#captures.stderr?.file?.reopen();
  }

  /** startProcess's pre-check (supervisor's get_execv_args): find the executable without spawning. */
  checkCommand(): ReturnType<typeof locateCommand> {
    return locateCommand(this.config.command, { PATH: this.config.environment['PATH'] }, this.#deps.daemonEnv['PATH'], this.#deps.daemonCwd);
  }

  autostart(): void {
    this.#feed({ type: 'autostart' });
  }

  start(): TransitionResult {
    return this.#feed({ type: 'start-requested' });
  }

  stop(): TransitionResult {
    return this.#feed({ type: 'stop-requested' });
  }

  signal(sig: number): TransitionResult {
    return this.#feed({ type: 'signal-requested', signal: sig });
  }

  giveUp(): void {
    this.#feed({ type: 'give-up' });
  }

  #feed(input: ProcessInput): TransitionResult {
    const result = transition(this.#snap, input, {
      policy: this.config, now: this.#deps.clock.now(), mayStart: this.#deps.mayStart(), signame: this.#deps.signame,
    });
    if (!result.ok) return result;
    this.#snap = result.next;
    for (const effect of result.effects) this.#run(effect);
    return result;
  }

  #run(effect: Effect): void {
    switch (effect.type) {
      case 'spawn':
        return this.#spawn();
      case 'signal': {
        const r = signalProcess(this.#snap.pid, effect.signal, { group: effect.group });
        if (r.ok) return;
        if (r.esrch) {
          // The process exited between the decision and the kill; its exit is handled when reaped.
          this.#deps.log('DEBG', `unable to signal ${this.config.name} (pid ${this.#snap.pid}), it probably just exited on its own: ${r.error}`);
          return;
        }
        this.#feed({ type: 'signal-failed', error: r.error });
        return;
      }
      case 'kill-tree':
        scheduleKillTree(this.#snap.pid, this.#spawnId);
        return;
      case 'schedule':
        this.#timer?.cancel();
        this.#timer = this.#deps.clock.setTimer(effect.ms, () => {
          this.#timer = null;
          this.#feed({ type: 'timer', timer: effect.timer });
        });
        return;
      case 'cancel-timer':
        this.#timer?.cancel();
        this.#timer = null;
        return;
      case 'state':
        if (effect.to === 'STARTING') this.#wallStart = this.#deps.clock.wallNow();
        this.#deps.bus.emit({
          type: 'process-state', group: this.group, name: this.config.name, from: effect.from, to: effect.to,
          pid: this.#snap.pid, ...(effect.expected === undefined ? {} : { expected: effect.expected }),
        });
        return;
      case 'log':
        this.#deps.log(effect.level, effect.message);
        return;
    }
  }

  #spawn(): void {
    const { config } = this;
    const deps = this.#deps;
    const located = this.checkCommand();
    if (!located.ok) {
      this.#feed({ type: 'spawn-failed', error: located.error });
      return;
    }
    let user: (SpawnUser & { name: string; home: string }) | null = null;
    if (config.uid !== null) {
      user = deps.resolveUser(config.uid);
      if (user === null) {
        this.#feed({ type: 'spawn-failed', error: `couldn't setuid to ${config.uid}: Can't find uid ${config.uid}` });
        return;
      }
    }
    this.#spawnId = deps.spawnIds.next();
    const childEnv = buildChildEnv({
      daemonEnv: deps.daemonEnv, serverUrl: config.serverUrl ?? deps.serverUrl, processName: config.name, groupName: this.group,
      programEnv: config.environment, user: user && { name: user.name, home: user.home }, spawnId: this.#spawnId,
    });
    const result = deps.spawner.spawn({
      name: config.name, file: located.file, argv: located.argv, env: childEnv, cwd: config.directory, umask: config.umask,
      user: user && { uid: user.uid, gid: user.gid, groups: user.groups }, redirectStderr: config.redirectStderr,
    });
    if (!result.ok) {
      this.#feed({ type: 'spawn-failed', error: result.error });
      return;
    }
    const child = result.child;
    this.#child = child;
    const opts = { stripAnsi: deps.stripAnsi, onError: (e: LogFileError) => deps.log('ERRO', `${config.name}: ${e.message}`) };
    this.#captures = {
      stdout: captureStream(child.stdout, this.#logs.stdout, opts),
      stderr: child.stderr ? captureStream(child.stderr, this.#logs.stderr, opts) : null,
    };
    child.onExit((status) => {
      if (this.#child !== child) return;
      this.#child = null;
      this.#captures = { stdout: null, stderr: null };
      this.#wallStop = deps.clock.wallNow();
      this.#feed({ type: 'exited', code: status.code, signal: status.signal });
    });
    this.#spawns++;
    this.#feed({ type: 'spawned', pid: child.pid });
  }
}
