// supervisord's own reading of config files, for differential tests: runs
// test/helpers/supervisor-reference.py (supervisor 4.2.5's ServerOptions.realize) once for a
// batch of cases in ONE /usr/bin/python3 process and returns typed results.
import type { TestContext } from 'node:test';
import type { ComparableConfig } from '../../packages/daemon/src/config/comparable.js';
import { checkExecutable, checkPython, requireTool, type ToolCheck } from './tools.js';

/** The interpreter the Debian supervisor package is installed for (the `python3` on PATH may lack it). */
export { REFERENCE_PROCESS_ENV, SUPERVISOR_PYTHON } from './python-json.js';
import { runPythonJson, SUPERVISOR_PYTHON } from './python-json.js';
/** The real daemon, for tests that run it. */
export const SUPERVISORD = '/usr/bin/supervisord';


export interface ReferenceCase {
  /** Passed to supervisord as `-c configFile`. */
  readonly configFile: string;
  /** The working directory supervisord runs in (relative logfile/pidfile/socket paths resolve against it). */
  readonly cwd: string;
  /** Replaces os.environ for this case (ENV_* expansions, `~`, TMPDIR). Default: the python process's own environment. */
  readonly env?: Readonly<Record<string, string>>;
}

/** supervisord refused the file: the text it prints after `Error: `. */
export interface ReferenceError {
  readonly error: string;
}

/** supervisord accepted the file. */
export interface ReferenceConfig {
  readonly config: ComparableConfig;
  /** options.parse_warnings (logged as WARN at startup). */
  readonly warnings: readonly string[];
  /** options.parse_infos (`Included extra file "…" during parsing`). */
  readonly infos: readonly string[];
}

/** The reference script itself failed on this case (a bug in the script, not a config error). */
export interface ReferenceCrash {
  readonly crash: string;
}

export type ReferenceResult = ReferenceError | ReferenceConfig | ReferenceCrash;

export function isReferenceError(r: ReferenceResult): r is ReferenceError {
  return 'error' in r;
}
export function isReferenceConfig(r: ReferenceResult): r is ReferenceConfig {
  return 'config' in r;
}

/** Is /usr/bin/python3 with the supervisor package there? */
export function checkSupervisorPython(): ToolCheck {
  return checkPython(SUPERVISOR_PYTHON, 'import supervisor.options, supervisor.xmlrpc', 'import supervisor');
}

/** requireTool for the reference: /usr/bin/python3 that can import supervisor. */
export function requireSupervisorPython(t: TestContext, why: string): boolean {
  return requireTool(t, `${SUPERVISOR_PYTHON} (with the supervisor package)`, why, checkSupervisorPython());
}

/** requireTool for the real daemon. */
export function requireSupervisord(t: TestContext, why: string): boolean {
  return requireTool(t, SUPERVISORD, why, checkExecutable(SUPERVISORD)) && requireSupervisorPython(t, why);
}

export interface RunReferenceOptions {
  readonly python?: string;
  /** Deadline for the whole batch. */
  readonly timeoutMs?: number;
  /** Environment of the python process itself (its locale decides how files are decoded). */
  readonly processEnv?: Readonly<Record<string, string>>;
}


/** Read every case with supervisor's own ServerOptions, all in one python process. */
export async function runSupervisorReference(cases: readonly ReferenceCase[], options: RunReferenceOptions = {}): Promise<ReferenceResult[]> {
  const results = await runPythonJson('supervisor-reference.py', cases, {
    ...(options.python !== undefined ? { python: options.python } : {}),
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.processEnv !== undefined ? { env: options.processEnv } : {}),
  });
  return results as ReferenceResult[];
}
