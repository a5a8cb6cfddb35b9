// CPU time and resident memory of a process and all its descendants, read from /proc on demand.
import { readdirSync, readFileSync } from 'node:fs';

const PAGE_SIZE = 4096;

interface StatLine {
  readonly ppid: number;
  /** utime + stime, in clock ticks. */
  readonly ticks: number;
  readonly rssPages: number;
}

function readStat(pid: number): StatLine | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: split after the last ')'.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]), rssPages: Number(fields[21]) };
  } catch {
    return null;
  }
}

/** One pass over /proc: pid → stat line. */
export function readAllStats(): Map<number, StatLine> {
  const out = new Map<number, StatLine>();
  for (const name of readdirSync('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid)) continue;
    const s = readStat(pid);
    if (s) out.set(pid, s);
  }
  return out;
}

/** Clock ticks (utime+stime) and RSS bytes summed over `root` and its descendants. */
export function treeUsage(stats: ReadonlyMap<number, StatLine>, root: number): { ticks: number; rssBytes: number } {
  const children = new Map<number, number[]>();
  for (const [pid, s] of stats) children.set(s.ppid, [...(children.get(s.ppid) ?? []), pid]);
  let ticks = 0;
  let rss = 0;
  const stack = [root];
  const seen = new Set<number>();
  while (stack.length > 0) {
    const pid = stack.pop()!;
    if (seen.has(pid)) continue;
    seen.add(pid);
    const s = stats.get(pid);
    if (!s) continue;
    ticks += s.ticks;
    rss += s.rssPages * PAGE_SIZE;
    stack.push(...(children.get(pid) ?? []));
  }
  return { ticks, rssBytes: rss };
}
