// Where tendd and tendctl are on this machine, for `generate systemd` (an OS edge: PATH, argv).
import { accessSync, constants, existsSync, realpathSync } from 'node:fs';
import { delimiter, dirname, join, resolve } from 'node:path';

export interface ToolPaths {
  readonly tendd: string;
  readonly tendctl: string;
}

function onPath(name: string, path: string): string | null {
  for (const dir of path.split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return null;
}

/** Installed commands on PATH first; else this checkout's scripts run with this node. */
export function findToolPaths(env: NodeJS.ProcessEnv, execPath: string, ctlScript: string): ToolPaths {
  const path = env['PATH'] ?? '';
  const script = realpathSync(ctlScript);
  const sibling = resolve(dirname(script), '../../daemon/bin/tendd.js');
  return {
    tendctl: onPath('tendctl', path) ?? `${execPath} ${script}`,
    tendd: onPath('tendd', path) ?? (existsSync(sibling) ? `${execPath} ${sibling}` : '/usr/bin/env tendd'),
  };
}
