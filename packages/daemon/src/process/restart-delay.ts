// tend's restart rule for programs that crash after reaching RUNNING (supervisord's EXITED →
// STARTING edge). supervisord restarts on its next 1-second tick; PM2 restarts at once and can spin
// a core. tend restarts at once, and backs off only when runs keep ending quickly:
//
//   a run counts as "quick" when it ended less than RESTART_WINDOW_MS after it started;
//   crashStreak = quick runs in a row (a longer run resets it to 0);
//   delay = 0 for a streak of 0 or 1, then 25 ms, 50 ms, 100 ms … doubling, capped at 1 s.
//
// So a one-off crash restarts in about a millisecond, and a crash loop settles at one restart a
// second — supervisord's own rate — costing well under 1% of a core. supervisord's startsecs,
// startretries, BACKOFF and FATAL rules are untouched: this only delays EXITED → STARTING.

export const RESTART_WINDOW_MS = 1000;
export const RESTART_DELAY_BASE_MS = 25;
export const RESTART_DELAY_CAP_MS = 1000;

export function nextCrashStreak(streak: number, ranForMs: number): number {
  return ranForMs < RESTART_WINDOW_MS ? streak + 1 : 0;
}

export function restartDelayMs(streak: number): number {
  if (streak <= 1) return 0;
  return Math.min(RESTART_DELAY_CAP_MS, RESTART_DELAY_BASE_MS * 2 ** (streak - 2));
}
