// The daemon's process groups and their lifecycle: autostart in priority order, ordered stop,
// and adding/removing groups. Driven by events; nothing here polls.
import { STOPPED_STATES, type SupervisorState } from '@tend/protocol';
import type { GroupConfig } from '../config/types.js';
import type { EventBus } from '../events/bus.js';
import type { Clock, TimerHandle } from '../os/clock.js';
import type { ManagedProcess, ProcessDeps } from '../process/managed-process.js';
import type { LogLevel } from '../process/snapshot.js';
import { ProcessGroup, type LogPlacement } from './group.js';

export type SupervisorDeps = Omit<ProcessDeps, 'mayStart'> & { readonly place: LogPlacement };

const WAITING_REPORT_MS = 3000;

/**
 * Autostart spawns this many processes per turn of the event loop, then yields, so the control
 * socket, signals and child exits are served while a thousand programs start (fork+exec from
 * Node costs about 0.5–0.8 ms a spawn, so one slice blocks for roughly 10 ms).
 */
export const AUTOSTART_SLICE = 16;

/** supervisor's Config ordering of processes: (priority, name). */
export function byPriorityThenName(procs: readonly ManagedProcess[]): ManagedProcess[] {
  return [...procs].sort((a, b) => a.config.priority - b.config.priority || (a.config.name < b.config.name ? -1 : a.config.name > b.config.name ? 1 : 0));
}

function isStopped(p: ManagedProcess): boolean {
  return STOPPED_STATES.includes(p.state) && !p.snapshot.restartPending;
}

export class Supervisor {
  readonly #deps: SupervisorDeps;
  readonly #processDeps: ProcessDeps;
  readonly #groups = new Map<string, ProcessGroup>();
  #mood: SupervisorState = 'RUNNING';
  /** Processes waiting for their autostart, in start order; drained AUTOSTART_SLICE at a time. */
  #autostartQueue: ManagedProcess[] = [];
  #draining: Promise<void> | null = null;

  constructor(deps: SupervisorDeps) {
    this.#deps = deps;
    this.#processDeps = { ...deps, mayStart: () => this.#mood === 'RUNNING' };
  }

  get mood(): SupervisorState {
    return this.#mood;
  }

  set mood(m: SupervisorState) {
    this.#mood = m;
  }

  get bus(): EventBus {
    return this.#deps.bus;
  }

  get clock(): Clock {
    return this.#deps.clock;
  }

  /** Groups in ascending (priority, name) order. */
  get groups(): ProcessGroup[] {
    return [...this.#groups.values()].sort((a, b) => a.config.priority - b.config.priority || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  group(name: string): ProcessGroup | undefined {
    return this.#groups.get(name);
  }

  log(level: LogLevel, message: string): void {
    this.#deps.log(level, message);
  }

  /** Creates a group (and its AUTO log files). Returns false when one of that name exists. */
  addGroup(config: GroupConfig): boolean {
    if (this.#groups.has(config.name)) return false;
    this.#groups.set(config.name, new ProcessGroup(config, this.#processDeps, this.#deps.place));
    return true;
  }

  removeGroup(name: string): boolean {
    const group = this.#groups.get(name);
    if (group === undefined) return false;
    this.#groups.delete(name);
    if (this.#autostartQueue.length > 0) this.#autostartQueue = this.#autostartQueue.filter((p) => !group.processes.includes(p));
    return true;
  }

  /**
   * Autostart: every group in ascending priority, each process in ascending priority. The first
   * AUTOSTART_SLICE start at once, the rest in later turns of the event loop (see AUTOSTART_SLICE);
   * the promise resolves when every one has been asked to start.
   */
  autostartAll(): Promise<void> {
    return this.#queueAutostart(this.groups.flatMap((g) => g.processes));
  }

  autostartGroup(name: string): Promise<void> {
    return this.#queueAutostart(this.#groups.get(name)?.processes ?? []);
  }

  /** Processes still waiting for their autostart turn. */
  get autostartPending(): number {
    return this.#autostartQueue.length;
  }

  #queueAutostart(procs: readonly ManagedProcess[]): Promise<void> {
    this.#autostartQueue.push(...procs);
    if (this.#draining !== null) return this.#draining;
    let resolve!: () => void;
    const draining = new Promise<void>((r) => { resolve = r; });
    this.#draining = draining;
    const slice = (): void => {
      // Each turn takes the queue's head; a group removed meanwhile has left the queue, and one
      // shutting down refuses the autostart input itself (mayStart).
      for (const p of this.#autostartQueue.splice(0, AUTOSTART_SLICE)) p.autostart();
      if (this.#autostartQueue.length > 0) {
        setImmediate(slice);
        return;
      }
      this.#draining = null;
      resolve();
    };
    slice();
    return draining;
  }

  /**
   * Stops the given groups (default: all) the way supervisord's shutdown does, but without its
   * 1-second ticks: highest group priority first, each group's processes in descending priority,
   * RUNNING/STARTING → stop, BACKOFF → FATAL; a priority level is stopped only when the level above
   * it is fully stopped. Groups of the same priority are stopped together (supervisord waits for
   * each in turn). Resolves when every process is stopped.
   */
  async stopGroups(groups: readonly ProcessGroup[] = this.groups): Promise<void> {
    const all = groups.flatMap((g) => g.processes);
    // supervisord reports every process not yet stopped at its first shutdown tick, then every 3 s.
    const report = (): void => {
      const left = all.filter((p) => !isStopped(p)).map((p) => p.config.name);
      if (left.length > 0) this.#deps.log('INFO', `waiting for ${left.join(', ')} to die`);
    };
    const levels = new Map<number, ProcessGroup[]>();
    for (const g of groups) levels.set(g.config.priority, [...(levels.get(g.config.priority) ?? []), g]);
    let reporter: TimerHandle | null = null;
    const tick = (): void => {
      report();
      reporter = this.#deps.clock.setTimer(WAITING_REPORT_MS, tick);
    };
    try {
      for (const priority of [...levels.keys()].sort((a, b) => b - a)) {
        // supervisor's stop_all: the group's processes in descending (priority, name) order.
        const procs = levels.get(priority)!.flatMap((g) => byPriorityThenName(g.processes).reverse());
        for (const p of procs) {
          if (p.state === 'RUNNING' || p.state === 'STARTING') p.stop();
          else p.giveUp();
        }
        if (reporter === null) tick();
        await this.#waitStopped(procs);
      }
    } finally {
      (reporter as TimerHandle | null)?.cancel();
    }
  }

  #waitStopped(procs: readonly ManagedProcess[]): Promise<void> {
    const left = new Set(procs.filter((p) => !isStopped(p)));
    if (left.size === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const offs = [...left].map((p) => this.#deps.bus.subscribeProcess(p.group, p.config.name, () => {
        // A process that exited may still owe a delayed restart; those are cancelled by giveUp.
        if (p.state === 'EXITED' && p.snapshot.restartPending) p.giveUp();
        if (!isStopped(p)) return;
        left.delete(p);
        if (left.size > 0) return;
        for (const off of offs) off();
        resolve();
      }));
    });
  }

  /** SHUTDOWN: stop everything; nothing restarts after this. */
  async shutdown(): Promise<void> {
    this.#mood = 'SHUTDOWN';
    this.#deps.bus.emit({ type: 'supervisor-state', state: 'STOPPING' });
    await this.stopGroups();
  }

  /** Replace every group by `configs` after stopping the current ones (supervisord's restart). */
  async restartWith(configs: readonly GroupConfig[]): Promise<void> {
    this.#mood = 'RESTARTING';
    this.#deps.bus.emit({ type: 'supervisor-state', state: 'STOPPING' });
    await this.stopGroups();
    this.#groups.clear();
    this.#autostartQueue = [];
    for (const c of configs) this.addGroup(c);
    this.#mood = 'RUNNING';
    this.#deps.bus.emit({ type: 'supervisor-state', state: 'RUNNING' });
    await this.autostartAll();
  }
}
