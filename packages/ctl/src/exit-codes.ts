// supervisorctl's exit statuses (supervisorctl.py LSBInitExitStatuses / LSBStatusExitStatuses).
// Scripts test these numbers: never renumber them.

/** LSB init-script codes used by every command. */
export const ExitCode = {
  SUCCESS: 0,
  GENERIC: 1,
  INVALID_ARGS: 2,
  UNIMPLEMENTED_FEATURE: 3,
  INSUFFICIENT_PRIVILEGES: 4,
  NOT_INSTALLED: 5,
  NOT_RUNNING: 7,
} as const;

/** LSB status codes, used only by `status`. */
export const StatusExitCode = {
  NOT_RUNNING: 3,
  UNKNOWN: 4,
} as const;

// supervisorctl keeps one exitstatus that each failure overwrites and no success resets:
// "the last failure wins". Commands fold their item results through this.
export function foldExit(previous: number, next: number): number {
  return next === ExitCode.SUCCESS ? previous : next;
}
