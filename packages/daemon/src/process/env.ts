// The environment a child starts with (spec §3.4 step 4), plus tend's per-spawn marker.
//
// TEND_SPAWN_ID=<daemon pid>-<daemon nonce>-<serial> is set in every child's environment and is
// unique per spawn. Descendants inherit it even when they leave the process group or session
// (setsid, double fork) or are reparented to PID 1, so kill.ts finds them through
// /proc/<pid>/environ when it kills a program's whole tree. It is set after the program's own
// `environment`, so a program cannot override it. The nonce keeps markers distinct across daemon
// restarts that reuse the daemon's pid (tendd as PID 1 in a container).
import { randomBytes } from 'node:crypto';

export const SPAWN_ID_VAR = 'TEND_SPAWN_ID';

export interface ChildEnvInput {
  /** The daemon's environment as it was at startup (supervisord copies os.environ). */
  readonly daemonEnv: Readonly<Record<string, string | undefined>>;
  /** SUPERVISOR_SERVER_URL; null or '' leaves it unset (supervisor's `if serverurl:`). */
  readonly serverUrl: string | null;
  readonly processName: string;
  readonly groupName: string;
  /** The program's `environment` merged over [supervisord] environment. */
  readonly programEnv: Readonly<Record<string, string>>;
  /** The passwd entry of `user=`, if set. */
  readonly user: { readonly name: string; readonly home: string } | null;
  /** From SpawnIds.next(); one per spawn attempt. */
  readonly spawnId: string;
}

/**
 * supervisor's child environment: daemon env + SUPERVISOR_ENABLED/SERVER_URL/PROCESS_NAME/
 * GROUP_NAME, then HOME/USER/LOGNAME of `user=` (tend fixes spec §9 item 34: supervisor leaves
 * root's HOME), then the program's environment, which can override all of these; finally
 * TEND_SPAWN_ID.
 */
export function buildChildEnv(input: ChildEnvInput): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(input.daemonEnv)) {
    if (value !== undefined) env[key] = value;
  }
  env['SUPERVISOR_ENABLED'] = '1';
  if (input.serverUrl) env['SUPERVISOR_SERVER_URL'] = input.serverUrl;
  env['SUPERVISOR_PROCESS_NAME'] = input.processName;
  env['SUPERVISOR_GROUP_NAME'] = input.groupName;
  if (input.user !== null) {
    env['HOME'] = input.user.home;
    env['USER'] = input.user.name;
    env['LOGNAME'] = input.user.name;
  }
  Object.assign(env, input.programEnv);
  env[SPAWN_ID_VAR] = input.spawnId;
  return env;
}

export interface SpawnIds {
  /** A fresh `<daemon pid>-<nonce>-<serial>` token. */
  next(): string;
}

/** One source per daemon (created in main.ts); serials start at 1. */
export function createSpawnIds(daemonPid: number = process.pid, nonce: string = randomBytes(4).toString('hex')): SpawnIds {
  let serial = 0;
  return { next: () => `${daemonPid}-${nonce}-${++serial}` };
}
