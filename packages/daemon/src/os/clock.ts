// Time for the engine: a monotonic clock for state logic (no clock-rollback workarounds needed),
// wall-clock time only for wire fields and log lines, and timers, all behind one seam for tests.

export interface TimerHandle {
  cancel(): void;
}

export interface Clock {
  /** Monotonic milliseconds. */
  now(): number;
  /** Epoch milliseconds, for wire fields (`start`, `stop`, `now`) and log timestamps. */
  wallNow(): number;
  setTimer(ms: number, fn: () => void): TimerHandle;
}

export const realClock: Clock = {
  now: () => performance.now(),
  wallNow: () => Date.now(),
  setTimer(ms, fn) {
    const t = setTimeout(fn, Math.max(0, ms));
    return { cancel: () => clearTimeout(t) };
  },
};
