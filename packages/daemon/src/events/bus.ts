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

  subscribe(listener: (e: BusEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  emit(event: BusEvent): void {
    for (const l of [...this.#listeners]) l(event);
  }
}
