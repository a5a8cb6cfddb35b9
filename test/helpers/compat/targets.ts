// The daemons and CLIs a scenario can run against. A comparison is (reference CLI → reference
// daemon) vs (subject CLI → subject daemon); see compare.ts.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { REPO, TENDCTL, TENDD } from '../bins.js';
import { checkExecutable, type ToolCheck } from '../tools.js';

export interface DaemonKind {
  readonly name: 'supervisord' | 'tendd';
  readonly file: string;
  args(conf: string): string[];
  /** Whether it can run at all (a missing reference binary is a tool problem, see tools.ts). */
  check(): ToolCheck;
}

export interface CliKind {
  readonly name: 'supervisorctl' | 'tendctl';
  readonly file: string;
  args(conf: string, words: readonly string[]): string[];
  check(): ToolCheck;
}

export const SUPERVISORD: DaemonKind = {
  name: 'supervisord',
  file: '/usr/bin/supervisord',
  args: (conf) => ['-n', '-c', conf],
  check: () => checkExecutable('/usr/bin/supervisord'),
};

const TENDD_DIST = join(REPO, 'packages/daemon/dist/main.js');
export const TENDD_DAEMON: DaemonKind = {
  name: 'tendd',
  file: process.execPath,
  args: (conf) => [TENDD, '-n', '-c', conf],
  check: () => (existsSync(TENDD_DIST) ? { ok: true } : { ok: false, reason: `${TENDD_DIST} is missing: build first (cd ${REPO} && npx tsc -b)` }),
};

export const SUPERVISORCTL: CliKind = {
  name: 'supervisorctl',
  file: '/usr/bin/supervisorctl',
  args: (conf, words) => ['-c', conf, ...words],
  check: () => checkExecutable('/usr/bin/supervisorctl'),
};

const TENDCTL_DIST = join(REPO, 'packages/ctl/dist/main.js');
export const TENDCTL_CLI: CliKind = {
  name: 'tendctl',
  file: process.execPath,
  args: (conf, words) => [TENDCTL, '-c', conf, ...words],
  check: () => (existsSync(TENDCTL_DIST)
    ? { ok: true }
    : { ok: false, reason: `${TENDCTL_DIST} does not exist: tendctl is not built yet (build with cd ${REPO} && npx tsc -b)` }),
};

export interface Side {
  readonly daemon: DaemonKind;
  readonly cli: CliKind;
}

export function describeSide(side: Side): string {
  return `${side.cli.name} → ${side.daemon.name}`;
}
