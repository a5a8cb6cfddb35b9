// idle-0-100 (issue 6): the idle cost of a daemon with 0 and with 100 programs (idle-1000 does
// 1000). numprocs=N of `probe sleep`, startsecs=1. "Ready" is the Nth `success:` line (with 0
// programs: the `started` line). Two back-to-back windows of the daemon's utime+stime, both
// labelled by where they start: the startup window opens at ready, the settled one 30 s after it
// (so at least 15 s after the last `success:` line, once startup work such as a first GC is done).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { minfdsFor, renderConfig } from '../lib/config.js';
import { launchDaemon, stopNotes, type DaemonKind, type StopReport } from '../lib/daemon.js';
import { figure, mapDaemons, type PerDaemon } from '../lib/figures.js';
import { isSuccess, mustLogTimeMs } from '../lib/log-lines.js';
import { cpuBetween, describeBusySteps, readMemory, sampleWindow, ticksPerStep, type CpuSample, type CpuWindow, type Memory } from '../lib/proc.js';
import { sleepMs } from '../lib/sleep.js';
import type { Figure, Scenario, ScenarioContext, ScenarioResult } from '../lib/types.js';

const SIZES = {
  full: { counts: [0, 100], windowMs: 30_000, settleMs: 15_000, readyTimeoutMs: 120_000 },
  smoke: { counts: [0, 2], windowMs: 500, settleMs: 0, readyTimeoutMs: 30_000 },
};
type Sizes = typeof SIZES.full;

interface DaemonRun {
  /** The window opening at ready (no warm-up at all). */
  readonly startup: CpuWindow;
  /** The window opening max(windowMs, settleMs) after ready. */
  readonly settled: CpuWindow;
  readonly settledStartsAfterReadyMs: number;
  readonly timelineStartup: number[];
  readonly timelineSettled: number[];
  readonly busyStartup: string;
  readonly busySettled: string;
  readonly memory: Memory;
  readonly stop: StopReport;
}

async function measure(ctx: ScenarioContext, kind: DaemonKind, children: number, sizes: Sizes): Promise<DaemonRun> {
  const dir = join(ctx.workDir, `${kind}-${children}`);
  mkdirSync(dir, { recursive: true });
  const minfds = minfdsFor(children);
  const configText = renderConfig({
    probePath: ctx.probe.path, minfds,
    programs: children === 0 ? [] : [{ name: 'idle', probeArgs: ['sleep'], startsecs: 1, autorestart: 'unexpected', numprocs: children }],
  });
  const daemon = await launchDaemon({ kind, binaries: ctx.binaries, dir, configText, probePath: ctx.probe.path, nofile: minfds });
  let stop: StopReport;
  let startup: CpuSample[];
  let settled: CpuSample[];
  let memory: Memory;
  let settledStartsAfterReadyMs: number;
  try {
    let readyAt = mustLogTimeMs(daemon.startedLine);
    if (children > 0) {
      const success = await daemon.waitLog(isSuccess, children, sizes.readyTimeoutMs, "'success:'");
      readyAt = mustLogTimeMs(success[success.length - 1] ?? '');
    }
    // The log has ms timestamps: the startup window opens as close to ready as we can get.
    // One sample a second (or the whole window when it is shorter, as in smoke runs).
    const stepMs = Math.min(1000, sizes.windowMs);
    startup = await sampleWindow(daemon.pid, sizes.windowMs, stepMs);
    await sleepMs(Math.max(0, readyAt + sizes.settleMs - Date.now()));
    settledStartsAfterReadyMs = Date.now() - readyAt;
    settled = await sampleWindow(daemon.pid, sizes.windowMs, stepMs);
    memory = readMemory(daemon.pid);
  } finally {
    stop = await daemon.stop();
  }
  const span = (w: CpuSample[]): CpuWindow => cpuBetween(w[0] as CpuSample, w[w.length - 1] as CpuSample);
  return {
    startup: span(startup), settled: span(settled), settledStartsAfterReadyMs, memory, stop,
    timelineStartup: ticksPerStep(startup), timelineSettled: ticksPerStep(settled),
    busyStartup: describeBusySteps(startup), busySettled: describeBusySteps(settled),
  };
}

export const idle0100: Scenario = {
  name: 'idle-0-100',
  title: 'Idle cost with 0 and 100 programs (startup window and settled window)',
  summary: '0 and 100 sleeping programs: daemon CPU-seconds over 30 s right after startup and once settled, and RSS',
  async run(ctx: ScenarioContext): Promise<ScenarioResult> {
    const sizes = ctx.smoke ? SIZES.smoke : SIZES.full;
    const windowS = sizes.windowMs / 1000;
    const figures: Figure[] = [];
    const notes: string[] = [];
    const raw: Record<string, PerDaemon<DaemonRun>> = {};
    for (const n of sizes.counts) {
      const runs: PerDaemon<DaemonRun> = {};
      for (const kind of ctx.daemons) {
        ctx.say(`${kind}: ${n} programs, a ${windowS} s window at ready and another once settled`);
        runs[kind] = await measure(ctx, kind, n, sizes);
      }
      raw[String(n)] = runs;
      const ready = n === 0 ? "the 'started' line" : `'success:' line #${n}`;
      const settledAfter = Math.round(Math.max(...Object.values(runs).map((r) => r.settledStartsAfterReadyMs)) / 1000);
      figures.push(
        figure(`n${n}-cpu-startup`, `${n} programs: CPU-seconds over ${windowS} s starting at ${ready} (startup window)`, 's', 2, mapDaemons(runs, (r) => r.startup.cpuSeconds)),
        figure(`n${n}-cpu-settled`, `${n} programs: CPU-seconds over ${windowS} s starting ≈${settledAfter} s after ${ready} (settled window)`, 's', 2, mapDaemons(runs, (r) => r.settled.cpuSeconds)),
        figure(`n${n}-cpu-percent-settled`, `${n} programs: settled CPU, % of one core`, '%', 3, mapDaemons(runs, (r) => r.settled.percentOfCore)),
        figure(`n${n}-rss`, `${n} programs: RSS after the settled window`, 'MiB', 1, mapDaemons(runs, (r) => r.memory.rssKb / 1024)),
        figure(`n${n}-peak-rss`, `${n} programs: peak RSS (VmHWM)`, 'MiB', 1, mapDaemons(runs, (r) => r.memory.peakRssKb / 1024)),
      );
      for (const [kind, r] of Object.entries(runs)) {
        notes.push(`${n} programs, ${kind}: startup window ${r.busyStartup}; settled window (from +${(r.settledStartsAfterReadyMs / 1000).toFixed(1)} s) ${r.busySettled}`);
        notes.push(...stopNotes(kind as DaemonKind, r.stop));
      }
    }
    return {
      name: this.name,
      title: this.title,
      params: { counts: sizes.counts.join('/'), windowMs: sizes.windowMs, settleMs: sizes.settleMs, startsecs: 1 },
      figures,
      goal: { text: 'none set in issue 6 (informational; idle-1000 carries the idle goal)', met: null, detail: '' },
      notes,
      raw,
    };
  },
};
