// Where tendctl looks for a config file without -c: tend's own names first, then supervisorctl's
// search list (supervisor options.py Options.__init__), taking the first that exists.
// Same list as packages/daemon/src/cli/find-config.ts (DUPLICATED; should be shared).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

export function configSearchPaths(argv1: string): string[] {
  const here = dirname(dirname(argv1));
  return [
    join(here, 'etc', 'tend.conf'), join(here, 'tend.conf'), 'tend.conf', 'etc/tend.conf', '/etc/tend.conf', '/etc/tend/tend.conf',
    join(here, 'etc', 'supervisord.conf'), join(here, 'supervisord.conf'), 'supervisord.conf', 'etc/supervisord.conf',
    '/etc/supervisord.conf', '/etc/supervisor/supervisord.conf',
  ];
}

export function findConfig(paths: readonly string[], exists: (p: string) => boolean = existsSync): string | null {
  return paths.find((p) => exists(p)) ?? null;
}
