// How supervisorctl words a per-process result (supervisorctl.py _startresult, _signalresult,
// _stopresult, _clearresult) and folds it into the exit status (set_exitstatus_from_xmlrpc_fault).
import { Faults, makeNamespec } from '@tend/protocol';
import type { ResultStruct } from '@tend/protocol';
import { CtlValueError } from './errors.js';
import { ExitCode } from './exit-codes.js';

const DEAD_PROGRAM_FAULTS: readonly number[] = [Faults.SPAWN_ERROR, Faults.ABNORMAL_TERMINATION, Faults.NOT_RUNNING];

/** The status a result sets: unchanged (0) for SUCCESS and `ignored`, 7 for dead-program faults, else 1. */
export function exitStatusForFault(faultCode: number, ignored?: number): number {
  if (faultCode === Faults.SUCCESS || faultCode === ignored) return ExitCode.SUCCESS;
  if (DEAD_PROGRAM_FAULTS.includes(faultCode)) return ExitCode.NOT_RUNNING;
  return ExitCode.GENERIC;
}

// A result struct's namespec. For a failed single call supervisorctl builds the struct from
// split_namespec, whose process part is None for `g:*`: str(None) shows up as `g:None`.
export function resultName(result: Pick<ResultStruct, 'group' | 'name'>): string {
  return makeNamespec(result.group, result.name);
}

function unknownCode(code: number, name: string): never {
  throw new CtlValueError(`Unknown result code ${code} for ${name}`);
}

export function startResultLine(result: ResultStruct): string {
  const name = resultName(result);
  switch (result.status) {
    case Faults.BAD_NAME: return `${name}: ERROR (no such process)`;
    case Faults.NO_FILE: return `${name}: ERROR (no such file)`;
    case Faults.NOT_EXECUTABLE: return `${name}: ERROR (file is not executable)`;
    case Faults.ALREADY_STARTED: return `${name}: ERROR (already started)`;
    case Faults.SPAWN_ERROR: return `${name}: ERROR (spawn error)`;
    case Faults.ABNORMAL_TERMINATION: return `${name}: ERROR (abnormal termination)`;
    case Faults.SUCCESS: return `${name}: started`;
    default: return unknownCode(result.status, name);
  }
}

export function signalResultLine(result: ResultStruct, success = 'signalled'): string {
  const name = resultName(result);
  switch (result.status) {
    case Faults.BAD_NAME: return `${name}: ERROR (no such process)`;
    case Faults.BAD_SIGNAL: return `${name}: ERROR (bad signal name)`;
    case Faults.NOT_RUNNING: return `${name}: ERROR (not running)`;
    case Faults.SUCCESS: return `${name}: ${success}`;
    case Faults.FAILED: return result.description;
    default: return unknownCode(result.status, name);
  }
}

export function stopResultLine(result: ResultStruct): string {
  return signalResultLine(result, 'stopped');
}

export function clearResultLine(result: ResultStruct): string {
  const name = resultName(result);
  switch (result.status) {
    case Faults.BAD_NAME: return `${name}: ERROR (no such process)`;
    case Faults.FAILED: return `${name}: ERROR (failed)`;
    case Faults.SUCCESS: return `${name}: cleared`;
    default: return unknownCode(result.status, name);
  }
}

/** split_namespec's process part as supervisorctl prints it: None for a whole group. */
export function processPart(process: string | null): string {
  return process ?? 'None';
}
