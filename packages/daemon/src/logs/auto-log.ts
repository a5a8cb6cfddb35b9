// AUTO child log files (spec §5.2, options.py get_autochildlog_name / clear_autochildlogdir):
// `<childlogdir>/<name>-<channel>---<identifier>-<8 random chars>.log`, created like Python's
// tempfile.mkstemp (O_EXCL, mode 0600, a new name on EEXIST), and the startup cleanup that
// deletes every file in childlogdir whose name matches supervisor's regex.
import { randomInt } from 'node:crypto';
import { closeSync, constants, openSync, readdirSync, unlinkSync } from 'node:fs';
import { resolve } from 'node:path';
import { pyRepr } from '@tend/protocol';
import { errnoOf } from './log-file-error.js';

/** Python's tempfile._RandomNameSequence alphabet; names have 8 of these. */
export const AUTO_NAME_CHARACTERS = 'abcdefghijklmnopqrstuvwxyz0123456789_';
/** tempfile.TMP_MAX on Python 3.11: how many names mkstemp tries before giving up. */
const TMP_MAX = 238328;
// mkstemp adds O_CLOEXEC; libuv sets it on every fd it opens.
const EXCLUSIVE = constants.O_RDWR | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW;

export type AutoLogChannel = 'stdout' | 'stderr';

// Python's os.path.join(dir, name) for a plain name: no normalisation, one separator.
function joinPath(dir: string, name: string): string {
  return dir === '' || dir.endsWith('/') ? `${dir}${name}` : `${dir}/${name}`;
}

export function randomAutoLogChars(): string {
  let out = '';
  for (let i = 0; i < 8; i++) out += AUTO_NAME_CHARACTERS[randomInt(AUTO_NAME_CHARACTERS.length)];
  return out;
}

export interface CreateAutoLogOptions {
  readonly childlogdir: string;
  readonly processName: string;
  readonly channel: AutoLogChannel;
  readonly identifier: string;
  /** The 8-character part; injectable so tests can force a collision. */
  readonly randomChars?: () => string;
}

export type CreateAutoLogResult =
  | { readonly ok: true; readonly path: string }
  | { readonly ok: false; readonly code: string; readonly message: string };

// Creates the empty file (mode 0600) and returns its absolute path; the caller later opens it
// for append with a RotatingFile, as supervisor's FileHandler reopens the mkstemp name.
export function createAutoLogFile(options: CreateAutoLogOptions): CreateAutoLogResult {
  const prefix = `${options.processName}-${options.channel}---${options.identifier}-`;
  const randomChars = options.randomChars ?? randomAutoLogChars;
  let lastError: unknown = null;
  for (let attempt = 0; attempt < TMP_MAX; attempt++) {
    const path = joinPath(resolve(options.childlogdir), `${prefix}${randomChars()}.log`);
    try {
      closeSync(openSync(path, EXCLUSIVE, 0o600));
      return { ok: true, path };
    } catch (err) {
      lastError = err;
      if (errnoOf(err) !== 'EEXIST') break;
    }
  }
  const code = errnoOf(lastError) ?? 'EEXIST';
  const detail = lastError instanceof Error ? lastError.message : 'no usable temporary name found';
  return { ok: false, code, message: `cannot create AUTO log file for ${options.processName} ${options.channel} in ${options.childlogdir}: ${detail}` };
}

// Python `re` classes spelled for a JS regex without the u flag: `.` is anything but \n, and
// `\S` excludes exactly what Python's str `\s` matches (which adds \x1c-\x1f and \x85 to JS's
// \s and lacks \ufeff).
const PY_DOT = '[^\\n]';
const PY_NON_SPACE = '[^\\t-\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

// supervisor's `re.compile(r'.+?---%s-\S+\.log\.{0,1}\d{0,4}' % identifier).match(name)`. The
// identifier is pasted in unescaped, as supervisor does, so its regex characters act as regex
// (`a.b` also matches `aXb`). An identifier that is not a valid pattern (supervisor then dies
// with re.error) is matched literally instead. match() anchors only at the start: the trailing
// optional parts never change the outcome, so `x---id-y.logZZ` matches too.
export function autoLogCleanupPattern(identifier: string): RegExp {
  const tail = `-${PY_NON_SPACE}+\\.log\\.{0,1}\\d{0,4}`;
  try {
    // The group keeps `^` over the whole pattern when the identifier has a top-level `|`.
    return new RegExp(`^(?:${PY_DOT}+?---${identifier}${tail})`);
  } catch {
    return new RegExp(`^${PY_DOT}+?---${escapeRegExp(identifier)}${tail}`);
  }
}

export interface AutoLogCleanup {
  /** Paths deleted (childlogdir joined with the name, as supervisor joins them). */
  readonly removed: readonly string[];
  /** WARN messages for the main log, in supervisor's words. */
  readonly warnings: readonly string[];
}

// Startup cleanup (unless nocleanup): deletes AUTO logs of previous runs, rotated backups
// included. Names are read as bytes so an undecodable name is still deleted by its real name.
export function clearAutoLogDir(childlogdir: string, identifier: string): AutoLogCleanup {
  const pattern = autoLogCleanupPattern(identifier);
  let names: Buffer[];
  try {
    names = readdirSync(childlogdir, { encoding: 'buffer' });
  } catch {
    return { removed: [], warnings: ['Could not clear childlog dir'] };
  }
  const removed: string[] = [];
  const warnings: string[] = [];
  for (const name of names) {
    const text = name.toString('utf8');
    if (!pattern.test(text)) continue;
    const path = joinPath(childlogdir, text);
    try {
      unlinkSync(Buffer.concat([Buffer.from(joinPath(childlogdir, '')), name]));
      removed.push(path);
    } catch {
      warnings.push(`Failed to clean up ${pyRepr(path)}`);
    }
  }
  return { removed, warnings };
}
