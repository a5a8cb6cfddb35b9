// [supervisord] autoupdate=true (tend extension): watch what [include] files= matches and run
// reread + update by itself when a file is added, changed or removed. Changes are debounced; a
// broken file is logged with file:line and changes nothing.
import type { FSWatcher } from 'chokidar';
import { fnmatchToRegExp } from '../config/glob.js';
import type { GroupConfig } from '../config/types.js';
import type { LogLevel } from '../process/snapshot.js';

export const AUTOUPDATE_DEBOUNCE_MS = 300;
const MAGIC = /[*?[]/;

/** The deepest directory of a glob pattern that holds no wildcard: where to watch. */
export function watchRoot(pattern: string): string {
  const parts = pattern.split('/');
  const i = parts.findIndex((p) => MAGIC.test(p));
  const fixed = i === -1 ? parts.slice(0, -1) : parts.slice(0, i);
  return fixed.join('/') || '/';
}

/** Whether `path` is matched by any of the include patterns (Python fnmatch per path component). */
export function matchesInclude(patterns: readonly string[], path: string): boolean {
  return patterns.some((pattern) => {
    const pp = pattern.split('/');
    const xp = path.split('/');
    if (pp.length !== xp.length) return false;
    return pp.every((part, i) => {
      const name = xp[i]!;
      if (!MAGIC.test(part)) return part === name;
      if (name.startsWith('.') && !part.startsWith('.')) return false;
      try {
        return fnmatchToRegExp(part).test(name);
      } catch {
        return false;
      }
    });
  });
}

export interface AutoUpdateDeps {
  readonly mainFile: string;
  readonly patterns: readonly string[];
  /** Re-read the whole config; the error lines are tend's file:line messages. */
  readonly reread: () => { ok: true; groups: readonly GroupConfig[]; patterns: readonly string[] } | { ok: false; errors: readonly string[] };
  readonly apply: (groups: readonly GroupConfig[]) => Promise<{ added: readonly string[]; changed: readonly string[]; removed: readonly string[] }>;
  readonly log: (level: LogLevel, message: string) => void;
}

export function startAutoUpdate(deps: AutoUpdateDeps): { close(): Promise<void> } {
  let patterns = deps.patterns;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let again = false;
  const touched = new Set<string>();

  // quiet: the catch-up check when the watcher becomes ready, which logs only if something changed.
  const run = async (quiet = false): Promise<void> => {
    const files = [...touched].sort();
    touched.clear();
    if (!quiet) deps.log('INFO', `autoupdate: ${files.join(', ')} changed; rereading the configuration`);
    const r = deps.reread();
    if (!r.ok) {
      deps.log('ERRO', `autoupdate: the configuration has ${r.errors.length} problem${r.errors.length === 1 ? '' : 's'}; nothing was changed`);
      for (const e of r.errors) deps.log('ERRO', `autoupdate: ${e}`);
      return;
    }
    patterns = r.patterns;
    const d = await deps.apply(r.groups);
    const parts = [['added', d.added], ['changed', d.changed], ['removed', d.removed]] as const;
    const said = parts.filter(([, names]) => names.length > 0).map(([what, names]) => `${what} ${names.join(', ')}`);
    if (quiet && said.length === 0) return;
    deps.log('INFO', `autoupdate: ${said.length > 0 ? said.join('; ') : 'no process group changed'}`);
  };

  const schedule = (path: string): void => {
    if (path !== deps.mainFile && !matchesInclude(patterns, path)) return;
    touched.add(path);
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      if (running) {
        again = true;
        return;
      }
      running = run().finally(() => {
        running = null;
        if (again) {
          again = false;
          schedule(deps.mainFile);
        }
      });
    }, AUTOUPDATE_DEBOUNCE_MS);
  };

  const roots = [...new Set([deps.mainFile, ...deps.patterns.map(watchRoot)])];
  // chokidar is loaded only here, so a daemon without autoupdate never pays for its modules at
  // start-up (scripts/bundle.mjs leaves it out of tendd's bundle).
  const watching: Promise<FSWatcher | null> = import('chokidar').then(({ watch }) => {
    const watcher = watch(roots, { ignoreInitial: true, depth: 8, awaitWriteFinish: false });
    for (const event of ['add', 'change', 'unlink'] as const) watcher.on(event, schedule);
    watcher.on('error', (err) => deps.log('ERRO', `autoupdate: watching failed: ${String(err)}`));
    // Files changed between loading the config and the end of the watcher's first scan raise no
    // event (they look like they were there all along), so check once when the watcher is ready.
    watcher.on('ready', () => {
      if (running || timer) return;
      running = run(true).finally(() => {
        running = null;
      });
    });
    return watcher;
  }, (err: unknown) => {
    deps.log('ERRO', `autoupdate: cannot load chokidar: ${String(err)}`);
    return null;
  });
  return {
    async close() {
      if (timer) clearTimeout(timer);
      await (await watching)?.close();
      await running;
    },
  };
}
