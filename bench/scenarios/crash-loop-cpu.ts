// crash-loop-cpu: what a program that exits the moment it starts costs the daemon.
// startsecs=0, autorestart=true; after a warm-up, the daemon's utime+stime over a window, as a
// percentage of one core, and how many times the program was started in that window.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { renderConfig } from '../lib/config.js';
import { launchDaemon, stopNotes, type DaemonKind, type StopReport } from '../lib/daemon.js';
import { figure, mapDaemons, type PerDaemon } from '../lib/figures.js';
import { isSpawned } from '../lib/log-lines.js';
import { parseRecords, recordMs } from '../lib/probe-records.js';
import { cpuBetween, readMemory, sampleWindow, ticksPerStep, type CpuSample, type CpuWindow, type Memory } from '../lib/proc.js';
import { sleepMs } from '../lib/sleep.js';
import type { Scenario, ScenarioContext, ScenarioResult } from '../lib/types.js';

const GOAL_PERCENT = 1;
const SIZES = { full: { warmupMs: 2000, windowMs: 30_000 }, smoke: { warmupMs: 1000, windowMs: 2000 } };

interface DaemonRun {
  readonly cpu: CpuWindow;
  readonly spawnsInWindow: number;
  readonly memory: Memory;
  readonly stop: StopReport;
  /** Ticks used in each second of the window. */
  readonly timeline: number[];
}

async function measureDaemon(ctx: ScenarioContext, kind: DaemonKind, warmupMs: number, windowMs: number): Promise<DaemonRun> {
  const dir = join(ctx.workDir, kind);
  mkdirSync(dir, { recursive: true });
  const configText = renderConfig({
    probePath: ctx.probe.path,
    programs: [{ name: 'crashloop', probeArgs: ['exit', '1', '%(here)s/times.txt'], startsecs: 0, autorestart: 'true', startretries: 1000 }],
  });
  const daemon = await launchDaemon({ kind, binaries: ctx.binaries, dir, configText, probePath: ctx.probe.path });
  let stop: StopReport;
  let cpu: CpuWindow;
  let memory: Memory;
  let window: [number, number];
  let timeline: number[];
  const times = daemon.follow(join(dir, 'times.txt'));
  try {
    await daemon.waitLog(isSpawned, 1, 30_000, "'spawned:'");
    await sleepMs(warmupMs);
    const samples = await sampleWindow(daemon.pid, windowMs);
    memory = readMemory(daemon.pid);
    const a = samples[0] as CpuSample;
    const b = samples[samples.length - 1] as CpuSample;
    cpu = cpuBetween(a, b);
    timeline = ticksPerStep(samples);
    window = [a.atMs, b.atMs];
  } finally {
    stop = await daemon.stop();
  }
  // stop() closed the tail after a last read, so its lines cover the whole window.
  const records = parseRecords(times.lines);
  const spawnsInWindow = records.filter((r) => r.kind === 'S' && recordMs(r) >= window[0] && recordMs(r) < window[1]).length;
  return { cpu, spawnsInWindow, memory, stop, timeline };
}

export const crashLoopCpu: Scenario = {
  name: 'crash-loop-cpu',
  title: 'Daemon CPU while a program crash-loops',
  summary: 'a program that exits at once (startsecs=0, autorestart=true): daemon CPU % of a core over a window, and spawns in it',
  async run(ctx: ScenarioContext): Promise<ScenarioResult> {
    const { warmupMs, windowMs } = ctx.smoke ? SIZES.smoke : SIZES.full;
    const runs: PerDaemon<DaemonRun> = {};
    for (const kind of ctx.daemons) {
      ctx.say(`${kind}: ${warmupMs} ms warm-up, ${windowMs} ms window`);
      runs[kind] = await measureDaemon(ctx, kind, warmupMs, windowMs);
    }
    const tend = runs.tend?.cpu.percentOfCore ?? null;
    const notes: string[] = [];
    for (const [kind, r] of Object.entries(runs)) notes.push(...stopNotes(kind as DaemonKind, r.stop));
    return {
      name: this.name,
      title: this.title,
      params: { warmupMs, windowMs, startsecs: 0, autorestart: 'true', startretries: 1000 },
      figures: [
        figure('cpu-percent', 'daemon CPU, % of one core', '%', 2, mapDaemons(runs, (r) => r.cpu.percentOfCore)),
        figure('cpu-seconds', `daemon CPU-seconds in the ${windowMs / 1000} s window`, 's', 2, mapDaemons(runs, (r) => r.cpu.cpuSeconds)),
        figure('spawns', 'spawns in the window', '', 0, mapDaemons(runs, (r) => r.spawnsInWindow)),
        figure('cpu-ms-per-spawn', 'daemon CPU per spawn', 'ms', 2, mapDaemons(runs, (r) => (r.spawnsInWindow === 0 ? NaN : (r.cpu.cpuSeconds * 1000) / r.spawnsInWindow))),
        figure('rss', 'daemon RSS at the end', 'MiB', 1, mapDaemons(runs, (r) => r.memory.rssKb / 1024)),
      ],
      goal: {
        text: `tend < ${GOAL_PERCENT}% of one core`,
        met: tend === null ? null : tend < GOAL_PERCENT,
        detail: tend === null ? 'tend was not measured' : `tend ${tend.toFixed(2)}% of a core (${runs.tend?.spawnsInWindow ?? 0} spawns in ${windowMs / 1000} s)`,
      },
      notes,
      raw: runs,
    };
  },
};
