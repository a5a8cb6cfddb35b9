// Reading a daemon's cost from /proc: CPU time in clock ticks (utime+stime of the whole thread
// group, as top and ps count it) and resident memory.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

let ticksPerSecond: number | null = null;

/** sysconf(_SC_CLK_TCK) via getconf; 100 when getconf is unavailable (Linux's USER_HZ). */
export function clockTicksPerSecond(): number {
  if (ticksPerSecond === null) {
    try {
      const n = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
      ticksPerSecond = Number.isInteger(n) && n > 0 ? n : 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

export interface CpuTicks {
  /** utime + stime of the process itself (all its threads). */
  readonly self: number;
  /** cutime + cstime: CPU of children it has reaped (helpers, and the programs it supervises). */
  readonly reapedChildren: number;
}

/** /proc/<pid>/stat fields 14–17; the comm field may hold spaces and parentheses, so split after the last ')'. */
export function readCpuTicks(pid: number): CpuTicks {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // rest[0] is field 3 (state), so field N is rest[N - 3].
  const field = (n: number): number => Number(rest[n - 3]);
  return { self: field(14) + field(15), reapedChildren: field(16) + field(17) };
}

export interface Memory {
  /** VmRSS in KiB. */
  readonly rssKb: number;
  /** VmHWM (peak RSS) in KiB. */
  readonly peakRssKb: number;
}

export function readMemory(pid: number): Memory {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string): number => {
    const m = new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status);
    if (!m) throw new Error(`/proc/${pid}/status has no ${key} line`);
    return Number(m[1]);
  };
  return { rssKb: kb('VmRSS'), peakRssKb: kb('VmHWM') };
}

/** A CPU reading with the wall-clock instant it was taken. */
export interface CpuSample {
  readonly atMs: number;
  readonly ticks: CpuTicks;
}

export function sampleCpu(pid: number): CpuSample {
  return { atMs: Date.now(), ticks: readCpuTicks(pid) };
}

export interface CpuWindow {
  readonly seconds: number;
  readonly cpuSeconds: number;
  /** cpuSeconds / seconds × 100: percent of one core. */
  readonly percentOfCore: number;
  readonly ticks: number;
  readonly reapedChildrenCpuSeconds: number;
}

export function cpuBetween(a: CpuSample, b: CpuSample): CpuWindow {
  const hz = clockTicksPerSecond();
  const ticks = b.ticks.self - a.ticks.self;
  const seconds = (b.atMs - a.atMs) / 1000;
  const cpuSeconds = ticks / hz;
  return {
    seconds, cpuSeconds, ticks, percentOfCore: (cpuSeconds / seconds) * 100,
    reapedChildrenCpuSeconds: (b.ticks.reapedChildren - a.ticks.reapedChildren) / hz,
  };
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The NUL-separated argv of a live process, or null once it is gone (or a zombie with no argv). */
export function readCmdline(pid: number): string[] | null {
  try {
    const raw = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return raw.length === 0 ? null : raw.replace(/\0$/, '').split('\0');
  } catch {
    return null;
  }
}

/** CPU samples every `stepMs` across a window (first = start, last = end), for a per-second timeline. */
export async function sampleWindow(pid: number, windowMs: number, stepMs = 1000): Promise<CpuSample[]> {
  const samples = [sampleCpu(pid)];
  const start = samples[0]?.atMs ?? Date.now();
  for (let next = stepMs; next <= windowMs; next += stepMs) {
    // Aim at start + next each time, so the steps do not drift.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, start + next - Date.now())));
    samples.push(sampleCpu(pid));
  }
  return samples;
}

/** Ticks used in each step of a timeline. */
export function ticksPerStep(samples: readonly CpuSample[]): number[] {
  return samples.slice(1).map((s, i) => s.ticks.self - (samples[i]?.ticks.self ?? s.ticks.self));
}

/** "4 ticks in second 10, 1 in second 22" — the non-idle steps of a timeline. */
export function describeBusySteps(samples: readonly CpuSample[]): string {
  const busy = ticksPerStep(samples).map((t, i) => [t, i + 1] as const).filter(([t]) => t > 0);
  if (busy.length === 0) return 'no CPU tick in any second';
  const shown = busy.slice(0, 8).map(([t, s]) => `${t} in s${s}`).join(', ');
  return `ticks per second: ${shown}${busy.length > 8 ? `, … (${busy.length} busy seconds)` : ''}`;
}
