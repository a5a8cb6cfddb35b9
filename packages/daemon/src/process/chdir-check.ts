// Checking `directory=` before spawning, so a bad one is a spawn error naming the errno
// (supervisor's child writes `supervisor: couldn't chdir to /x: ENOENT` to its stderr and exits
// 127; tend reports the same text as the spawn error instead). libuv chdirs before it drops
// privileges, so the user's search permission is checked here from the mode bits of every
// path component (ACLs are not consulted), matching supervisor, which chdirs as the user.
import { statSync } from 'node:fs';
import type { Stats } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { SpawnUser } from './privileges.js';

function canSearch(st: Stats, user: SpawnUser): boolean {
  if (user.uid === 0) return true;
  if (st.uid === user.uid) return (st.mode & 0o100) !== 0;
  if (st.gid === user.gid || user.groups.includes(st.gid)) return (st.mode & 0o010) !== 0;
  return (st.mode & 0o001) !== 0;
}

/** The errno name chdir(dir) would fail with for `user` (null: the daemon's own user), or null. */
export function checkDirectory(dir: string, user: SpawnUser | null): string | null {
  const full = resolve(dir);
  let st: Stats;
  try {
    st = statSync(full);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code ?? 'UNKNOWN';
  }
  if (!st.isDirectory()) return 'ENOTDIR';
  if (user === null) return null;
  for (let p = full; ; p = dirname(p)) {
    try {
      if (!canSearch(statSync(p), user)) return 'EACCES';
    } catch (err) {
      return (err as NodeJS.ErrnoException).code ?? 'UNKNOWN';
    }
    if (p === dirname(p)) return null;
  }
}
