// The daemon's event bus: one instance, created in main.ts and passed in (no module-level state).
// Listeners run synchronously in emit order and must not call back into the emitter synchronously.
import type { ProcessState } from '@tend/protocol';

export interface ProcessStateEvent {
  readonly type: 'process-state';
  readonly group: string;
  readonly name: string;
  readonly from: ProcessState;
  readonly to: ProcessState;
  /** Only for EXITED: whether the exit code was expected. */
  readonly expected?: boolean;
  readonly pid: number;
}

export interface SupervisorStateEvent {
  readonly type: 'supervisor-state';
  readonly state: 'RUNNING' | 'STOPPING';
}

export type BusEvent = ProcessStateEvent | SupervisorStateEvent;

export class EventBus {
  readonly #listeners = new Set<(e: BusEvent) => void>();
  /** Listeners for one process's state events, by group and name (NUL-joined: names may hold anything else). */
  readonly #byProcess = new Map<string, Set<(e: ProcessStateEvent) => void>>();

  subscribe(listener: (e: BusEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * Like subscribe, but only for the state events of one process: a thousand waiters (stop all
   * with wait) then cost one map lookup per event, not a thousand calls each.
   */
  subscribeProcess(group: string, name: string, listener: (e: ProcessStateEvent) => void): () => void {
    const key = `${group}\0${name}`;
    let set = this.#byProcess.get(key);
    if (set === undefined) this.#byProcess.set(key, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0 && this.#byProcess.get(key) === set) this.#byProcess.delete(key);
    };
  }

  emit(event: BusEvent): void {
    if (this.#listeners.size > 0) for (const l of [...this.#listeners]) l(event);
    if (event.type !== 'process-state') return;
    const keyed = this.#byProcess.get(`${event.group}\0${event.name}`);
    if (keyed !== undefined) for (const l of [...keyed]) l(event);
  }
}
