// The passwd and group databases, read from /etc/passwd and /etc/group (Python's pwd/grp through
// NSS "files"), and supervisor's converters over them: name_to_uid, name_to_gid, gid_for_uid,
// colon_separated_user_group; plus what spawning as `user=` needs later (home, supplementary groups).
import { readFileSync } from 'node:fs';
import { pyInt } from '@tend/protocol';
import type { Converted } from './types.js';

export interface PasswdEntry {
  readonly name: string;
  readonly uid: number;
  readonly gid: number;
  readonly gecos: string;
  readonly home: string;
  readonly shell: string;
}

export interface GroupEntry {
  readonly name: string;
  readonly gid: number;
  readonly members: readonly string[];
}

/** Where the databases are read from; tests point these at fixture files. */
export interface UserDbFiles {
  readonly passwd?: string;
  readonly group?: string;
}

const DEFAULT_PASSWD = '/etc/passwd';
const DEFAULT_GROUP = '/etc/group';
/** (uid_t)-1 is reserved: Python refuses it (and anything larger) before asking the database. */
const MAX_ID = 0xfffffffe;

function readLines(path: string): string[] {
  try {
    return readFileSync(path, 'utf8').split('\n');
  } catch {
    return [];
  }
}

function parseId(field: string | undefined): number | null {
  return field !== undefined && /^[0-9]+$/.test(field) && Number(field) <= MAX_ID ? Number(field) : null;
}

/** Every entry of the passwd file, in file order (comments and malformed lines skipped). */
export function listUsers(files: UserDbFiles = {}): PasswdEntry[] {
  const out: PasswdEntry[] = [];
  for (const line of readLines(files.passwd ?? DEFAULT_PASSWD)) {
    if (line === '' || line.startsWith('#')) continue;
    const f = line.split(':');
    const uid = parseId(f[2]);
    const gid = parseId(f[3]);
    if (f.length < 7 || !f[0] || uid === null || gid === null) continue;
    out.push({ name: f[0], uid, gid, gecos: f[4] ?? '', home: f[5] ?? '', shell: f[6] ?? '' });
  }
  return out;
}

/** Every entry of the group file, in file order (grp.getgrall()). */
export function listGroups(files: UserDbFiles = {}): GroupEntry[] {
  const out: GroupEntry[] = [];
  for (const line of readLines(files.group ?? DEFAULT_GROUP)) {
    if (line === '' || line.startsWith('#')) continue;
    const f = line.split(':');
    const gid = parseId(f[2]);
    if (f.length < 4 || !f[0] || gid === null) continue;
    out.push({ name: f[0], gid, members: f[3] ? f[3].split(',').filter((m) => m !== '') : [] });
  }
  return out;
}

/** pwd.getpwnam: the first entry with this name, or null. */
export function findUserByName(name: string, files: UserDbFiles = {}): PasswdEntry | null {
  return listUsers(files).find((u) => u.name === name) ?? null;
}

/** pwd.getpwuid: the first entry with this uid, or null. */
export function findUserById(uid: number, files: UserDbFiles = {}): PasswdEntry | null {
  return listUsers(files).find((u) => u.uid === uid) ?? null;
}

/** grp.getgrnam: the first group with this name, or null. */
export function findGroupByName(name: string, files: UserDbFiles = {}): GroupEntry | null {
  return listGroups(files).find((g) => g.name === name) ?? null;
}

/** grp.getgrgid: the first group with this gid, or null. */
export function findGroupById(gid: number, files: UserDbFiles = {}): GroupEntry | null {
  return listGroups(files).find((g) => g.gid === gid) ?? null;
}

/** The home directory of a user name (for `~user`), or null when there is no such user. */
export function findUserHome(name: string, files: UserDbFiles = {}): string | null {
  return findUserByName(name, files)?.home ?? null;
}

/** The home of a user name, or with null of the current uid (expanduser without $HOME); null when unknown. */
export function homeOf(name: string | null, files: UserDbFiles = {}): string | null {
  if (name !== null) return findUserHome(name, files);
  const uid = process.getuid?.();
  return uid === undefined ? null : (findUserById(uid, files)?.home ?? null);
}

/**
 * The groups supervisor gives a process it runs as `user` (options.drop_privileges): the primary
 * gid first, then every group listing the user as a member, in group-file order.
 */
export function listUserGroups(user: PasswdEntry, files: UserDbFiles = {}): number[] {
  return [user.gid, ...listGroups(files).filter((g) => g.members.includes(user.name)).map((g) => g.gid)];
}

/** Python's "embedded null byte" when a name with NUL reaches getpwnam/getgrnam. */
const EMBEDDED_NUL = 'embedded null byte';

function toId(
  name: string, kind: 'user' | 'group', expected: string, findByName: (n: string) => number | undefined,
  existsById: (id: number) => boolean,
): Converted<number> {
  const asInt = pyInt(name);
  if (!asInt.ok) {
    if (name.includes('\0')) return { ok: false, error: EMBEDDED_NUL, expected };
    const id = findByName(name);
    if (id === undefined) return { ok: false, error: `Invalid ${kind} name ${name}`, expected };
    return { ok: true, value: id };
  }
  const id = asInt.value;
  // grp.getgrgid lets _Py_Gid_Converter's OverflowError through (pwd.getpwuid turns it into
  // KeyError); only colon_separated_user_group calls name_to_gid, and it hides the text again.
  const overflow = kind === 'group' ? gidOverflow(id) : null;
  if (overflow !== null) return { ok: false, error: overflow, expected };
  if (id < 0n || id > BigInt(MAX_ID) || !existsById(Number(id))) {
    return { ok: false, error: `Invalid ${kind} id ${name}`, expected };
  }
  return { ok: true, value: Number(id) };
}

// CPython's _Py_Gid_Converter with a 64-bit long and a 32-bit gid_t: -1 passes (as (gid_t)-1).
function gidOverflow(id: bigint): string | null {
  if (id === -1n) return null;
  if (id >= 2n ** 63n) return 'gid is greater than maximum';
  if (id < 0n || id >= 2n ** 32n) return 'gid is less than minimum';
  return null;
}

/** datatypes.name_to_uid: a user name or numeric uid that exists in the passwd database. */
export function nameToUid(name: string, files: UserDbFiles = {}): Converted<number> {
  return toId(name, 'user', 'an existing user name or uid', (n) => findUserByName(n, files)?.uid,
    (id) => findUserById(id, files) !== null);
}

/** datatypes.name_to_gid: a group name or numeric gid that exists in the group database. */
export function nameToGid(name: string, files: UserDbFiles = {}): Converted<number> {
  return toId(name, 'group', 'an existing group name or gid', (n) => findGroupByName(n, files)?.gid,
    (id) => findGroupById(id, files) !== null);
}

/** datatypes.gid_for_uid: the primary gid of a uid, or null when the uid has no passwd entry. */
export function gidForUid(uid: number, files: UserDbFiles = {}): number | null {
  return findUserById(uid, files)?.gid ?? null;
}

/** datatypes.colon_separated_user_group: `user` → [uid, -1]; `user:group` → [uid, gid]. */
export function colonSeparatedUserGroup(arg: string, files: UserDbFiles = {}): Converted<readonly [number, number]> {
  const colon = arg.indexOf(':');
  const uid = nameToUid(colon < 0 ? arg : arg.slice(0, colon), files);
  const gid = colon < 0 ? ({ ok: true, value: -1 } as const) : nameToGid(arg.slice(colon + 1), files);
  if (!uid.ok || !gid.ok) {
    return {
      ok: false,
      error: `Invalid user:group definition ${arg}`,
      expected: 'user or user:group naming an existing user and group',
    };
  }
  return { ok: true, value: [uid.value, gid.value] };
}
