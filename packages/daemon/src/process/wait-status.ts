// supervisor's options.decode_wait_status, from what Node reports for an exited child.
//
// Node hands over (code, signal) rather than the raw wait status, so two things cannot be
// reproduced: the " (core dumped)" suffix (Node has no WCOREDUMP flag), and death by a signal
// Node has no name for (real-time signals such as SIGRTMIN): Node then reports code 0 and no
// signal, so it reads as `exit status 0`.
import { constants } from 'node:os';
import { signame } from '../config/signals.js';

export interface ExitStatus {
  /** Exit code when the process exited, else null. */
  readonly code: number | null;
  /** Node's signal name (`SIGTERM`) when a signal killed the process, else null. */
  readonly signal: string | null;
}

function signalNumber(name: string): number | undefined {
  return (constants.signals as Readonly<Record<string, number>>)[name];
}

/** `exit status 1`, `terminated by SIGTERM` (Python's names: 29 is SIGPOLL), else `unknown termination cause`. */
export function describeExitStatus(status: ExitStatus): string {
  if (status.signal !== null) {
    const num = signalNumber(status.signal);
    return `terminated by ${num === undefined ? status.signal : signame(num)}`;
  }
  if (status.code !== null) return `exit status ${status.code & 0xffff}`;
  return 'unknown termination cause';
}

/** supervisor's `exitstatus`: the exit code, or -1 when a signal killed the process. */
export function exitStatusCode(status: ExitStatus): number {
  return status.signal === null && status.code !== null ? status.code & 0xffff : -1;
}

/** Whether the exit code is one of `exitcodes`; death by a signal is never expected. */
export function isExpectedExit(status: ExitStatus, exitCodes: readonly number[]): boolean {
  return exitCodes.includes(exitStatusCode(status)) && status.signal === null && status.code !== null;
}
