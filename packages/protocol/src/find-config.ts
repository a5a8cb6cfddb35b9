// Where tendd and tendctl look for a config file without -c: tend's own names first, then
// supervisor's search list (options.py Options.__init__ searchpaths, the same for supervisord and
// supervisorctl), taking the first that exists. The caller passes the existence check (the fs edge).
import { dirname, join } from 'node:path';

/** The candidate paths, in search order; `argv1` is the running script (its ../ is searched first). */
export function configSearchPaths(argv1: string): string[] {
  const here = dirname(dirname(argv1));
  return [
    join(here, 'etc', 'tend.conf'), join(here, 'tend.conf'), 'tend.conf', 'etc/tend.conf', '/etc/tend.conf', '/etc/tend/tend.conf',
    join(here, 'etc', 'supervisord.conf'), join(here, 'supervisord.conf'), 'supervisord.conf', 'etc/supervisord.conf',
    '/etc/supervisord.conf', '/etc/supervisor/supervisord.conf',
  ];
}

/** The first of `paths` that exists, or null. */
export function findConfig(paths: readonly string[], exists: (path: string) => boolean): string | null {
  return paths.find((p) => exists(p)) ?? null;
}
