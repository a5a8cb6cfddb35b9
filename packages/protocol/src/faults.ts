// XML-RPC fault codes, copied from supervisor/xmlrpc.py `Faults` (4.2.5).
// These numbers are wire values: never renumber them.
export const Faults = {
  UNKNOWN_METHOD: 1,
  INCORRECT_PARAMETERS: 2,
  BAD_ARGUMENTS: 3,
  SIGNATURE_UNSUPPORTED: 4,
  SHUTDOWN_STATE: 6,
  BAD_NAME: 10,
  BAD_SIGNAL: 11,
  NO_FILE: 20,
  NOT_EXECUTABLE: 21,
  FAILED: 30,
  ABNORMAL_TERMINATION: 40,
  SPAWN_ERROR: 50,
  ALREADY_STARTED: 60,
  NOT_RUNNING: 70,
  SUCCESS: 80,
  ALREADY_ADDED: 90,
  STILL_RUNNING: 91,
  CANT_REREAD: 92,
} as const;
export type FaultName = keyof typeof Faults;

/** An RPC-visible failure. Its wire text is `NAME: detail`, or `NAME` alone, as supervisor formats it. */
export class FaultError extends Error {
  readonly code: number;
  readonly faultName: FaultName;
  readonly detail: string;
  constructor(name: FaultName, detail = '', options?: { cause?: unknown }) {
    super(detail ? `${name}: ${detail}` : name, options);
    this.name = 'FaultError';
    this.faultName = name;
    this.code = Faults[name];
    this.detail = detail;
  }
}
