// Where tendd looks for its config without -c: tend's own names first, then supervisord's
// search list (supervisor options.py Options.__init__ searchpaths), taking the first that exists.
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

export function findConfig(paths: readonly string[]): string | null {
  return paths.find((p) => existsSync(p)) ?? null;
}
