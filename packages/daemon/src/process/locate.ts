// Finding the executable the way supervisord does before every spawn (spec §3.2):
// Subprocess.get_execv_args + ServerOptions.check_execv_args, with their exact messages.
import { accessSync, constants, statSync } from 'node:fs';
import type { Stats } from 'node:fs';
import { resolve } from 'node:path';
import { pyRepr } from '@tend/protocol';
import { parseCommand } from './command.js';

/**
 * NO_FILE and NOT_EXECUTABLE are the startProcess fault names these map to (spec §3.3):
 * NotFound → NO_FILE; BadCommand, NotExecutable, NoPermission → NOT_EXECUTABLE.
 */
export type LocateResult =
  | { readonly ok: true; readonly file: string; readonly argv: readonly string[] }
  | { readonly ok: false; readonly kind: 'NO_FILE' | 'NOT_EXECUTABLE'; readonly error: string };

/** options.get_path's default when the daemon has no (or an empty) PATH. */
export const DEFAULT_PATH = '/bin:/usr/bin:/usr/local/bin';

// ProcessConfig.get_path: the program's effective PATH if present (even empty), else the
// daemon's PATH if non-empty, else the default.
function searchDirs(env: { readonly PATH?: string | undefined }, daemonPath: string | undefined): string[] {
  if (env.PATH !== undefined) return env.PATH.split(':');
  return (daemonPath ? daemonPath : DEFAULT_PATH).split(':');
}

// os.path.join(dir, name) for a name without '/'.
function pyJoin(dir: string, name: string): string {
  return dir === '' || dir.endsWith('/') ? dir + name : `${dir}/${name}`;
}

function tryStat(path: string, cwd: string): Stats | null {
  if (path.includes('\0')) return null;
  try {
    return statSync(resolve(cwd, path));
  } catch {
    return null;
  }
}

/**
 * argv and the file to exec for `command`, or supervisor's error. Relative paths are stat'ed
 * against `cwd` (the daemon's working directory), exactly as supervisord does, even though the
 * child execs them after chdir(directory) (spec §9 item 17, replicated).
 */
export function locateCommand(
  command: string, env: { readonly PATH?: string | undefined }, daemonPath: string | undefined, cwd: string,
): LocateResult {
  const parsed = parseCommand(command);
  if (!parsed.ok) return { ok: false, kind: 'NOT_EXECUTABLE', error: parsed.error };
  const program = parsed.argv[0] ?? '';
  let filename = program;
  let st: Stats | null = null;
  if (program.includes('/')) {
    st = tryStat(program, cwd);
  } else {
    // The first directory where stat() succeeds wins, even for a directory or a non-executable.
    for (const dir of searchDirs(env, daemonPath)) {
      const candidate = pyJoin(dir, program);
      st = tryStat(candidate, cwd);
      if (st !== null) {
        filename = candidate;
        break;
      }
    }
  }
  if (st === null) return { ok: false, kind: 'NO_FILE', error: `can't find command ${pyRepr(filename)}` };
  if (st.isDirectory()) {
    return { ok: false, kind: 'NOT_EXECUTABLE', error: `command at ${pyRepr(filename)} is a directory` };
  }
  if ((st.mode & 0o111) === 0) {
    return { ok: false, kind: 'NOT_EXECUTABLE', error: `command at ${pyRepr(filename)} is not executable` };
  }
  try {
    accessSync(resolve(cwd, filename), constants.X_OK);
  } catch {
    return { ok: false, kind: 'NOT_EXECUTABLE', error: `no permission to run command ${pyRepr(filename)}` };
  }
  return { ok: true, file: filename, argv: parsed.argv };
}
