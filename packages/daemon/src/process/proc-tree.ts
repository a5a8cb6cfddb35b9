// Which processes belong to one spawn, read from /proc (Linux only).
//
// Members are: the main pid and its descendants by ppid; while the main pid is verifiably ours,
// everything in its session or process group (setsid makes it leader of both); and every
// process whose /proc/<pid>/environ carries this spawn's TEND_SPAWN_ID (env.ts), which is how
// descendants that called setsid() and were reparented to PID 1 are found. A descendant that
// both escaped the tree and cleared or overwrote its environment (setproctitle) cannot be seen.
// Unreadable or vanished entries are skipped; nothing is ever matched by name.
import { closeSync, openSync, readdirSync, readFileSync, readSync } from 'node:fs';
import { SPAWN_ID_VAR } from './env.js';

export interface ProcEntry {
  readonly pid: number;
  readonly ppid: number;
  readonly pgid: number;
  readonly sid: number;
  readonly state: string;
  /** Start time, in clock ticks after boot (field 22 of stat). */
  readonly start: number;
}

/** One pass over /proc/<pid>/stat: every process visible now. */
export function readProcTable(procRoot = '/proc'): Map<number, ProcEntry> {
  const table = new Map<number, ProcEntry>();
  let names: string[];
  try {
    names = readdirSync(procRoot);
  } catch {
    return table;
  }
  // One buffer for every read (a stat line is well under 1 KiB); open/read/close without the
  // fstat and allocation readFileSync adds, since a busy machine has thousands of entries.
  const buf = Buffer.allocUnsafe(4096);
  for (const name of names) {
    const c = name.charCodeAt(0);
    if (c < 48 || c > 57 || !/^[0-9]+$/.test(name)) continue;
    let text: string;
    let fd = -1;
    try {
      fd = openSync(`${procRoot}/${name}/stat`, 'r');
      text = buf.toString('latin1', 0, readSync(fd, buf, 0, buf.length, 0));
    } catch {
      continue;
    } finally {
      if (fd >= 0) closeSync(fd);
    }
    // "pid (comm) state ppid pgrp session …"; comm may hold spaces and parentheses.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    const [state, ppid, pgid, sid, start] = [fields[0], Number(fields[1]), Number(fields[2]), Number(fields[3]), Number(fields[19])];
    if (state === undefined || !Number.isInteger(ppid) || !Number.isInteger(pgid) || !Number.isInteger(sid)) continue;
    table.set(Number(name), { pid: Number(name), ppid, pgid, sid, state, start: Number.isInteger(start) ? start : 0 });
  }
  return table;
}

/** The TEND_SPAWN_ID in /proc/<pid>/environ: the id, null when absent, undefined when unreadable. */
export function readSpawnId(pid: number, procRoot = '/proc'): string | null | undefined {
  let environ: Buffer;
  try {
    environ = readFileSync(`${procRoot}/${pid}/environ`);
  } catch {
    return undefined;
  }
  const key = Buffer.from(`${SPAWN_ID_VAR}=`);
  for (let at = environ.indexOf(key); at >= 0; at = environ.indexOf(key, at + 1)) {
    if (at > 0 && environ[at - 1] !== 0) continue;
    const end = environ.indexOf(0, at);
    return environ.subarray(at + key.length, end < 0 ? environ.length : end).toString('latin1');
  }
  return null;
}

/**
 * readSpawnId memoized for one snapshot of the process table, so a batch of tree kills reads each
 * /proc/<pid>/environ once per pass instead of once per kill.
 */
export function spawnIdReader(procRoot = '/proc'): (pid: number) => string | null | undefined {
  const seen = new Map<number, string | null | undefined>();
  return (pid) => {
    if (seen.has(pid)) return seen.get(pid);
    const id = readSpawnId(pid, procRoot);
    seen.set(pid, id);
    return id;
  };
}

/** Pids that must never be signalled by a tree kill: the kernel's, init and ourselves. */
function isProtected(pid: number, daemonPid: number): boolean {
  return pid <= 2 || pid === daemonPid;
}

/**
 * The members of spawn `spawnId` whose main process was `rootPid`. The root (and its session
 * and group) counts only while it is our unreaped child that carries no other spawn's id, so a
 * recycled pid never drags in strangers.
 */
export function selectSpawnMembers(
  table: ReadonlyMap<number, ProcEntry>, rootPid: number, spawnId: string,
  opts: { readonly daemonPid?: number; readonly procRoot?: string; readonly spawnIdOf?: (pid: number) => string | null | undefined } = {},
): Set<number> {
  const daemonPid = opts.daemonPid ?? process.pid;
  const procRoot = opts.procRoot ?? '/proc';
  const spawnIdOf = opts.spawnIdOf ?? ((pid: number) => readSpawnId(pid, procRoot));
  const seeds = new Set<number>();
  const root = table.get(rootPid);
  if (root !== undefined && root.ppid === daemonPid) {
    const rootId = spawnIdOf(rootPid);
    if (rootId === spawnId || rootId === null || rootId === undefined) {
      seeds.add(rootPid);
      for (const e of table.values()) if (e.sid === rootPid || e.pgid === rootPid) seeds.add(e.pid);
    }
  }
  // Escapees carry the spawn id in their environment. Only processes younger than the daemon can
  // be descendants of its spawns, so older ones (most of a busy machine) are not read at all.
  const bornAfter = table.get(daemonPid)?.start ?? 0;
  for (const e of table.values()) {
    if (e.start >= bornAfter && !seeds.has(e.pid) && !isProtected(e.pid, daemonPid) && spawnIdOf(e.pid) === spawnId) seeds.add(e.pid);
  }
  // Close over children by ppid.
  const children = new Map<number, number[]>();
  for (const e of table.values()) {
    const list = children.get(e.ppid);
    if (list) list.push(e.pid);
    else children.set(e.ppid, [e.pid]);
  }
  const members = new Set<number>();
  const queue = [...seeds];
  for (let pid = queue.shift(); pid !== undefined; pid = queue.shift()) {
    if (members.has(pid) || isProtected(pid, daemonPid)) continue;
    members.add(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return members;
}
