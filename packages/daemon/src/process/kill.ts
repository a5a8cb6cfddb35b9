// Signal delivery (spec §4.2): one pid or its process group, ESRCH reported rather than
// thrown; and the final kill of a spawn's whole tree.
//
// Why a /proc walk and not the tree-kill package: tree-kill runs `ps --ppid` once per level,
// asynchronously, so it misses anything reparented to PID 1 (double-forked daemons, setsid
// escapees) and races with processes that fork while it walks; killTree freezes every member
// it finds with SIGSTOP, re-scans until the set stops growing, and finds escapees by their
// TEND_SPAWN_ID.
import { constants } from 'node:os';
import { pyOSErrorText } from '../os/errno.js';
import { readProcTable, selectSpawnMembers, spawnIdReader } from './proc-tree.js';

export type SignalResult =
  | { readonly ok: true }
  | { readonly ok: false; readonly esrch: true; readonly error: string }
  | { readonly ok: false; readonly esrch: false; readonly error: string };

/** Python's str(OSError) for the failure, e.g. `[Errno 3] No such process` (supervisor logs it). */
export function signalProcess(pid: number, sig: number, opts: { readonly group: boolean }): SignalResult {
  // kill(-1) would signal every process we may signal; kill(0) our own group.
  if (!Number.isInteger(pid) || pid <= 1 || pid === process.pid) {
    throw new TypeError(`signalProcess: refusing to signal pid ${pid}`);
  }
  try {
    process.kill(opts.group ? -pid : pid, sig);
    return { ok: true };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'UNKNOWN';
    const error = pyOSErrorText(code);
    return code === 'ESRCH' ? { ok: false, esrch: true, error } : { ok: false, esrch: false, error };
  }
}

/** Bound on /proc re-scans while freezing (each pass usually finds nothing new after the 2nd). */
const MAX_PASSES = 16;

function send(pid: number, sig: number): boolean {
  try {
    process.kill(pid, sig);
    return true;
  } catch {
    return false;
  }
}

/**
 * SIGKILL for `pid` and every process of its spawn (proc-tree.ts), leaving no survivor: all
 * members are frozen with SIGSTOP (so none can fork or escape), /proc is re-scanned until no new
 * member appears, then all get SIGKILL (which also ends stopped processes; no SIGCONT needed).
 * Synchronous. Returns the pids SIGKILL was delivered to (they die asynchronously).
 */
export function killTree(pid: number, spawnId: string): { killed: number[] } {
  return killTrees([{ pid, spawnId }]);
}

/** killTree for several spawns at once: each /proc pass (and each environ read) serves them all. */
export function killTrees(targets: readonly { readonly pid: number; readonly spawnId: string }[]): { killed: number[] } {
  const frozen = new Set<number>();
  for (let pass = 0; pass < MAX_PASSES && targets.length > 0; pass++) {
    let fresh = 0;
    const table = readProcTable();
    const spawnIdOf = spawnIdReader();
    for (const { pid, spawnId } of targets) {
      for (const member of selectSpawnMembers(table, pid, spawnId, { spawnIdOf })) {
        if (frozen.has(member)) continue;
        fresh += 1;
        frozen.add(member);
        send(member, constants.signals.SIGSTOP);
      }
    }
    if (fresh === 0) break;
  }
  const killed = [...frozen].filter((member) => send(member, constants.signals.SIGKILL));
  return { killed };
}

const pendingKills: { pid: number; spawnId: string }[] = [];

/**
 * killTree on the next turn of the event loop, together with every other tree kill asked for in
 * this turn: when twenty programs reach stopwaitsecs in the same millisecond, one /proc scan serves
 * them all, instead of one scan (a few ms with a thousand processes) each, one after another.
 */
export function scheduleKillTree(pid: number, spawnId: string): void {
  pendingKills.push({ pid, spawnId });
  if (pendingKills.length === 1) setImmediate(() => killTrees(pendingKills.splice(0)));
}
