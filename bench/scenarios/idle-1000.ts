// idle-1000: the cost of watching many programs that do nothing.
// numprocs=N of `probe sleep` (it pause()s), startsecs=1; once all N logged `success:`, a warm-up,
// then the daemon's utime+stime over a window (and over a second, steady-state one), and its RSS.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { minfdsFor, renderConfig } from '../lib/config.js';
import { launchDaemon, stopNotes, type DaemonKind, type StopReport } from '../lib/daemon.js';
import { figure, mapDaemons, type PerDaemon } from '../lib/figures.js';
import { isSuccess, mustLogTimeMs } from '../lib/log-lines.js';
import { clockTicksPerSecond, cpuBetween, describeBusySteps, readMemory, sampleWindow, ticksPerStep, type CpuSample, type CpuWindow, type Memory } from '../lib/proc.js';
import { sleepMs } from '../lib/sleep.js';
import type { Scenario, ScenarioContext, ScenarioResult } from '../lib/types.js';

const GOAL_FRACTION = 0.1;
// Window 1 (the goal) starts warmupMs after the Nth `success:` line; window 2 follows at once.
const SIZES = {
  full: { children: 1000, warmupMs: 2000, windowMs: 30_000, readyTimeoutMs: 300_000 },
  smoke: { children: 20, warmupMs: 500, windowMs: 2000, readyTimeoutMs: 30_000 },
};

interface DaemonRun {
  readonly allRunningAfterMs: number;
  /** The window the goal is judged on: it starts warmupMs after the Nth `success:` line. */
  readonly cpu: CpuWindow;
  /** The next window of the same length, right after: the steady state. */
  readonly cpuNext: CpuWindow;
  readonly timeline: number[];
  readonly timelineNext: number[];
  readonly busy: string;
  readonly busyNext: string;
  readonly memory: Memory;
  readonly stop: StopReport;
}

async function measureDaemon(ctx: ScenarioContext, kind: DaemonKind, sizes: typeof SIZES.full): Promise<DaemonRun> {
  const dir = join(ctx.workDir, kind);
  mkdirSync(dir, { recursive: true });
  const minfds = minfdsFor(sizes.children);
  const configText = renderConfig({
    probePath: ctx.probe.path, minfds,
    programs: [{ name: 'idle', probeArgs: ['sleep'], startsecs: 1, autorestart: 'unexpected', numprocs: sizes.children }],
  });
  const daemon = await launchDaemon({ kind, binaries: ctx.binaries, dir, configText, probePath: ctx.probe.path, nofile: minfds });
  let stop: StopReport;
  let windows: [CpuSample[], CpuSample[]];
  let memory: Memory;
  let allRunningAfterMs: number;
  try {
    const success = await daemon.waitLog(isSuccess, sizes.children, sizes.readyTimeoutMs, "'success:'");
    allRunningAfterMs = mustLogTimeMs(success[success.length - 1] ?? '') - mustLogTimeMs(daemon.startedLine);
    await sleepMs(sizes.warmupMs);
    const first = await sampleWindow(daemon.pid, sizes.windowMs);
    memory = readMemory(daemon.pid);
    windows = [first, await sampleWindow(daemon.pid, sizes.windowMs)];
  } finally {
    stop = await daemon.stop();
  }
  const span = (w: CpuSample[]): CpuWindow => cpuBetween(w[0] as CpuSample, w[w.length - 1] as CpuSample);
  return {
    allRunningAfterMs, cpu: span(windows[0]), cpuNext: span(windows[1]), memory, stop,
    timeline: ticksPerStep(windows[0]), timelineNext: ticksPerStep(windows[1]),
    busy: describeBusySteps(windows[0]), busyNext: describeBusySteps(windows[1]),
  };
}

export const idle1000: Scenario = {
  name: 'idle-1000',
  title: 'Idle cost with 1000 running programs',
  summary: 'numprocs=1000 sleeping programs, all RUNNING: daemon CPU-seconds over a window, and RSS',
  async run(ctx: ScenarioContext): Promise<ScenarioResult> {
    const sizes = ctx.smoke ? SIZES.smoke : SIZES.full;
    const runs: PerDaemon<DaemonRun> = {};
    for (const kind of ctx.daemons) {
      ctx.say(`${kind}: ${sizes.children} programs, then a ${sizes.windowMs} ms idle window`);
      runs[kind] = await measureDaemon(ctx, kind, sizes);
    }
    const notes: string[] = [];
    for (const [kind, r] of Object.entries(runs)) {
      notes.push(`${kind}, window 1: ${r.busy}; window 2: ${r.busyNext}`);
      notes.push(...stopNotes(kind as DaemonKind, r.stop));
    }
    const tend = runs.tend?.cpu.cpuSeconds ?? null;
    const sd = runs.supervisord?.cpu.cpuSeconds ?? null;
    const tendNext = runs.tend?.cpuNext.cpuSeconds ?? null;
    const sdNext = runs.supervisord?.cpuNext.cpuSeconds ?? null;
    const windowS = sizes.windowMs / 1000;
    return {
      name: this.name,
      title: this.title,
      params: { children: sizes.children, warmupMs: sizes.warmupMs, windowMs: sizes.windowMs, startsecs: 1, minfds: minfdsFor(sizes.children) },
      figures: [
        figure('cpu-seconds', `daemon CPU-seconds over ${windowS} s idle`, 's', 2, mapDaemons(runs, (r) => r.cpu.cpuSeconds)),
        figure('cpu-percent', 'daemon CPU, % of one core', '%', 3, mapDaemons(runs, (r) => r.cpu.percentOfCore)),
        figure('cpu-seconds-next', `daemon CPU-seconds over the next ${windowS} s (steady state)`, 's', 2, mapDaemons(runs, (r) => r.cpuNext.cpuSeconds)),
        figure('rss', 'daemon RSS after window 1', 'MiB', 1, mapDaemons(runs, (r) => r.memory.rssKb / 1024)),
        figure('peak-rss', 'daemon peak RSS (VmHWM)', 'MiB', 1, mapDaemons(runs, (r) => r.memory.peakRssKb / 1024)),
        figure('all-running', `'started' line → ${sizes.children}th 'success:' (startsecs=1)`, 's', 2, mapDaemons(runs, (r) => r.allRunningAfterMs / 1000)),
      ],
      goal: {
        text: `tend CPU-seconds ≤ 1/10 of supervisord's over the ${windowS} s idle window (issue figure: supervisord ≈ 0.14 CPU-s / 30 s)`,
        met: tend === null || sd === null ? null : tend <= sd * GOAL_FRACTION,
        detail: tend === null ? 'tend was not measured'
          : sd === null ? `tend ${tend.toFixed(2)} CPU-s; supervisord not measured`
          : `tend ${tend.toFixed(2)} CPU-s vs supervisord ${sd.toFixed(2)} CPU-s (limit ${(sd * GOAL_FRACTION).toFixed(3)}); next window: tend ${tendNext?.toFixed(2) ?? '—'} vs ${sdNext?.toFixed(2) ?? '—'}; CPU time is counted in ${1000 / clockTicksPerSecond()} ms ticks`,
      },
      notes,
      raw: runs,
    };
  },
};
