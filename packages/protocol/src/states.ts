// Process and supervisor states, copied from supervisor/states.py (4.2.5).
// The numeric codes are wire values: never renumber them.

/** A managed process's state name, as it appears on the wire (`statename`). */
export const ProcessState = {
  STOPPED: 'STOPPED',
  STARTING: 'STARTING',
  RUNNING: 'RUNNING',
  BACKOFF: 'BACKOFF',
  STOPPING: 'STOPPING',
  EXITED: 'EXITED',
  FATAL: 'FATAL',
  UNKNOWN: 'UNKNOWN',
} as const;
export type ProcessState = (typeof ProcessState)[keyof typeof ProcessState];

/** supervisor/states.py ProcessStates: the `state` field of ProcessInfo. */
export const processStateCode = {
  STOPPED: 0,
  STARTING: 10,
  RUNNING: 20,
  BACKOFF: 30,
  STOPPING: 40,
  EXITED: 100,
  FATAL: 200,
  UNKNOWN: 1000,
} as const satisfies Record<ProcessState, number>;

/** supervisor/states.py STOPPED_STATES. */
export const STOPPED_STATES: readonly ProcessState[] = ['STOPPED', 'EXITED', 'FATAL', 'UNKNOWN'];
/** supervisor/states.py RUNNING_STATES. */
export const RUNNING_STATES: readonly ProcessState[] = ['RUNNING', 'BACKOFF', 'STARTING'];
/** supervisor/states.py SIGNALLABLE_STATES. */
export const SIGNALLABLE_STATES: readonly ProcessState[] = ['RUNNING', 'STARTING', 'STOPPING'];

/** The daemon's own state ("mood"), supervisor/states.py SupervisorStates. */
export const SupervisorState = {
  FATAL: 'FATAL',
  RUNNING: 'RUNNING',
  RESTARTING: 'RESTARTING',
  SHUTDOWN: 'SHUTDOWN',
} as const;
export type SupervisorState = (typeof SupervisorState)[keyof typeof SupervisorState];

export const supervisorStateCode = {
  FATAL: 2,
  RUNNING: 1,
  RESTARTING: 0,
  SHUTDOWN: -1,
} as const satisfies Record<SupervisorState, number>;
