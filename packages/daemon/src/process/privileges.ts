// How a child becomes `user=` (options.drop_privileges, spec §3.4 step 3).
//
// Node's uid/gid options make libuv call setgroups(0, NULL), which drops every supplementary
// group. When the user has groups beyond its primary one, tend execs util-linux `setpriv`
// (--reuid/--regid/--groups), which sets them and execs the program in place, so the pid is
// the program's. Costs of that path: the program's argv[0] is the resolved file rather than
// the word as written, and exec failures are printed by setpriv on stderr (exit 126/127)
// instead of being reported as spawn errors. Without supplementary groups, or without setpriv,
// Node's own uid/gid are used (the process then has an empty supplementary list; supervisor
// gives it [gid], which grants the same access).
import { existsSync } from 'node:fs';

export interface SpawnUser {
  readonly uid: number;
  readonly gid: number;
  /** supervisor's list: the primary gid first, then every group listing the user. */
  readonly groups: readonly number[];
}

export type UserPlan =
  | { readonly kind: 'keep' }
  | { readonly kind: 'native'; readonly uid: number; readonly gid: number }
  | { readonly kind: 'setpriv'; readonly setpriv: string; readonly user: SpawnUser }
  | { readonly kind: 'refused'; readonly error: string };

export const SETPRIV_CANDIDATES: readonly string[] = ['/usr/bin/setpriv', '/bin/setpriv'];

/** The setpriv binary, or null when util-linux's setpriv is not installed. */
export function findSetpriv(candidates: readonly string[] = SETPRIV_CANDIDATES): string | null {
  return candidates.find((p) => existsSync(p)) ?? null;
}

export function planUser(user: SpawnUser | null, currentUid: number, setpriv: string | null): UserPlan {
  // supervisor does nothing at all when it already runs as that uid.
  if (user === null || user.uid === currentUid) return { kind: 'keep' };
  if (currentUid !== 0) {
    return { kind: 'refused', error: `couldn't setuid to ${user.uid}: Can't drop privilege as nonroot user` };
  }
  const needsGroups = user.groups.some((g) => g !== user.gid);
  if (needsGroups && setpriv !== null) return { kind: 'setpriv', setpriv, user };
  return { kind: 'native', uid: user.uid, gid: user.gid };
}

/** file/argv that exec `file` through setpriv with the user's ids and groups. */
export function wrapWithSetpriv(setpriv: string, user: SpawnUser, file: string, argv: readonly string[]): { file: string; argv: string[] } {
  const groups = [...new Set(user.groups)].join(',');
  return {
    file: setpriv,
    argv: [setpriv, `--reuid=${user.uid}`, `--regid=${user.gid}`, `--groups=${groups}`, '--', file, ...argv.slice(1)],
  };
}
