// Path-valued options: supervisor's existing_directory, existing_dirpath and logfile_name, with
// os.path.expanduser exactly as Python does it. The file-system checks are synchronous, as in supervisor.
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { pyLower } from '@tend/protocol';
import { pyDirname } from './paths.js';
import type { Converted, LogFile } from './types.js';
import { findUserHome, homeOf, type UserDbFiles } from './users.js';

/** The process state path checks depend on: relative paths resolve against cwd, `~` against env.HOME. */
export interface PathContext {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** The daemon's own cwd and environment, as supervisord uses them. */
export function processPathContext(): PathContext {
  return { cwd: process.cwd(), env: process.env };
}

/**
 * Python os.path.expanduser: `~` → $HOME (else the passwd home of the current uid), `~user` → that
 * user's home, unchanged when unknown. Fails only as Python does, on a NUL in the user name.
 */
export function toExpandedPath(path: string, env: PathContext['env'] = process.env, files: UserDbFiles = {}): Converted<string> {
  if (!path.startsWith('~')) return { ok: true, value: path };
  let i = path.indexOf('/', 1);
  if (i < 0) i = path.length;
  let home: string | null;
  if (i === 1) {
    const envHome = env['HOME'];
    home = envHome !== undefined ? envHome : homeOf(null, files);
  } else {
    const name = path.slice(1, i);
    if (name.includes('\0')) return { ok: false, error: 'embedded null byte', expected: 'a path without NUL characters' };
    home = findUserHome(name, files);
  }
  // Unknown user (or no HOME and no passwd entry): the path is left as it is.
  if (home === null) return { ok: true, value: path };
  return { ok: true, value: home.replace(/\/+$/, '') + path.slice(i) || '/' };
}

/** Python os.path.isdir: follows symlinks; any error (missing, EACCES, NUL in the path) → false. */
export function isDirectory(p: string, cwd: string = process.cwd()): boolean {
  // stat('') fails in Python; Node's resolve(cwd, '') would be cwd itself.
  if (p === '') return false;
  try {
    return statSync(resolve(cwd, p), { throwIfNoEntry: false })?.isDirectory() ?? false;
  } catch {
    return false;
  }
}

/** datatypes.existing_directory: `~` expanded, must name a directory. */
export function toExistingDirectory(v: string, pc: PathContext = processPathContext()): Converted<string> {
  const nv = toExpandedPath(v, pc.env);
  if (!nv.ok) return nv;
  if (isDirectory(nv.value, pc.cwd)) return nv;
  return { ok: false, error: `${v} is not an existing directory`, expected: 'an existing directory' };
}

/** datatypes.existing_dirpath: `~` expanded; a directory part, when there is one, must exist. */
export function toExistingDirpath(v: string, pc: PathContext = processPathContext()): Converted<string> {
  const nv = toExpandedPath(v, pc.env);
  if (!nv.ok) return nv;
  const dir = pyDirname(nv.value);
  if (!dir || isDirectory(dir, pc.cwd)) return nv;
  return {
    ok: false,
    error: `The directory named as part of the path ${v} does not exist`,
    expected: 'a file path in an existing directory',
  };
}

/** The deprecated `*_logfile=syslog` (supervisor's Syslog marker). */
export interface SyslogLogFile {
  readonly kind: 'syslog';
}

/** datatypes.logfile_name: NONE/OFF → none, AUTO → auto, syslog → syslog, else a path in an existing directory. */
export function toLogfileName(val: string, pc: PathContext = processPathContext()): Converted<LogFile | SyslogLogFile> {
  const coerced = pyLower(val);
  if (coerced === 'none' || coerced === 'off') return { ok: true, value: { kind: 'none' } };
  if (coerced === 'auto') return { ok: true, value: { kind: 'auto' } };
  if (coerced === 'syslog') return { ok: true, value: { kind: 'syslog' } };
  const path = toExistingDirpath(val, pc);
  if (!path.ok) return { ...path, expected: 'NONE, OFF, AUTO, syslog, or a file path in an existing directory' };
  return { ok: true, value: { kind: 'file', path: path.value } };
}
