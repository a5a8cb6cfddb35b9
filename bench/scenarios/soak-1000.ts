// soak-1000: memory and CPU of both daemons watching 1000 idle programs for an hour (issue 6:
// "RSS 70 MiB or less, flat over a one-hour soak"). Not in the default run (it takes an hour):
// `npm run bench -- soak-1000`; `--smoke` runs it for a few seconds.
//
// Unlike the other scenarios, the two daemons run side by side: both are idle, so neither
// disturbs the other's figures, and an hour each one after the other would double the cost.
// Every `pollMs` each daemon is asked for getAllProcessInfo over XML-RPC (what a monitoring
// agent does), so a leak on the request path would show; RSS and CPU are read at each poll.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { CONTROL_SOCKET, minfdsFor, renderConfig } from '../lib/config.js';
import { launchDaemon, stopNotes, type DaemonKind, type RunningDaemon, type StopReport } from '../lib/daemon.js';
import { figure, mapDaemons, type PerDaemon } from '../lib/figures.js';
import { isSuccess } from '../lib/log-lines.js';
import { cpuBetween, readMemory, sampleCpu, type CpuSample } from '../lib/proc.js';
import { processInfos, UnixRpcClient } from '../lib/rpc-client.js';
import { sleepMs } from '../lib/sleep.js';
import type { Scenario, ScenarioContext, ScenarioResult } from '../lib/types.js';

const RSS_LIMIT_MIB = 70;
/** "Flat": the last quarter's mean RSS within this much of the first quarter's. */
const FLAT_MIB = 2;

const SIZES = {
  full: { children: 1000, warmupMs: 5000, soakMs: 3_600_000, pollMs: 10_000, readyTimeoutMs: 300_000 },
  smoke: { children: 10, warmupMs: 200, soakMs: 3000, pollMs: 500, readyTimeoutMs: 30_000 },
};

interface Sample {
  /** ms since the soak began. */
  readonly atMs: number;
  readonly rssKb: number;
  readonly cpuSeconds: number;
  /** getAllProcessInfo wall time; NaN when the call failed. */
  readonly callMs: number;
}

interface DaemonRun {
  readonly samples: Sample[];
  readonly failedCalls: number;
  readonly peakRssKb: number;
  readonly stop: StopReport;
}

const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

function quarterMeans(samples: readonly Sample[]): { first: number; last: number } {
  const q = Math.max(1, Math.floor(samples.length / 4));
  return { first: mean(samples.slice(0, q).map((s) => s.rssKb / 1024)), last: mean(samples.slice(-q).map((s) => s.rssKb / 1024)) };
}

async function start(ctx: ScenarioContext, kind: DaemonKind, sizes: typeof SIZES.full): Promise<RunningDaemon> {
  const dir = join(ctx.workDir, kind);
  mkdirSync(dir, { recursive: true });
  const minfds = minfdsFor(sizes.children);
  const configText = renderConfig({
    probePath: ctx.probe.path, minfds, control: true,
    programs: [{ name: 'idle', probeArgs: ['sleep'], startsecs: 1, autorestart: 'unexpected', numprocs: sizes.children }],
  });
  const daemon = await launchDaemon({ kind, binaries: ctx.binaries, dir, configText, probePath: ctx.probe.path, nofile: minfds });
  await daemon.waitLog(isSuccess, sizes.children, sizes.readyTimeoutMs, "'success:'");
  return daemon;
}

async function soak(daemon: RunningDaemon, sizes: typeof SIZES.full, say: (m: string) => void): Promise<Omit<DaemonRun, 'stop'>> {
  const client = new UnixRpcClient(join(daemon.dir, CONTROL_SOCKET));
  const samples: Sample[] = [];
  let failedCalls = 0;
  const t0 = performance.now();
  const cpu0: CpuSample = sampleCpu(daemon.pid);
  try {
    for (let i = 0; ; i++) {
      const due = i * sizes.pollMs;
      if (due > sizes.soakMs) break;
      await sleepMs(Math.max(0, due - (performance.now() - t0)));
      let callMs = Number.NaN;
      try {
        const r = await client.call('xmlrpc', 'supervisor.getAllProcessInfo');
        if (processInfos(r.value).length === sizes.children) callMs = r.totalMs;
        else failedCalls++;
      } catch {
        failedCalls++;
      }
      samples.push({
        atMs: performance.now() - t0, rssKb: readMemory(daemon.pid).rssKb,
        cpuSeconds: cpuBetween(cpu0, sampleCpu(daemon.pid)).cpuSeconds, callMs,
      });
      if (i > 0 && i % 60 === 0) say(`${daemon.kind}: ${Math.round((performance.now() - t0) / 60_000)} min, RSS ${(samples.at(-1)!.rssKb / 1024).toFixed(1)} MiB`);
    }
  } finally {
    client.close();
  }
  return { samples, failedCalls, peakRssKb: readMemory(daemon.pid).peakRssKb };
}

export const soak1000: Scenario = {
  name: 'soak-1000',
  title: 'One-hour soak with 1000 idle programs (RSS and CPU, both daemons side by side)',
  summary: 'numprocs=1000 idle for an hour, getAllProcessInfo every 10 s: RSS flat and ≤ 70 MiB? (opt-in: not in the default run)',
  optIn: true,
  async run(ctx: ScenarioContext): Promise<ScenarioResult> {
    const sizes = ctx.smoke ? SIZES.smoke : SIZES.full;
    const daemons: PerDaemon<RunningDaemon> = {};
    const runs: PerDaemon<DaemonRun> = {};
    try {
      for (const kind of ctx.daemons) {
        ctx.say(`${kind}: starting ${sizes.children} programs`);
        daemons[kind] = await start(ctx, kind, sizes);
      }
      await sleepMs(sizes.warmupMs);
      ctx.say(`soaking for ${sizes.soakMs / 60_000} min, polling every ${sizes.pollMs / 1000} s`);
      const soaked = await Promise.all(ctx.daemons.map(async (kind) => [kind, await soak(daemons[kind]!, sizes, ctx.say)] as const));
      for (const [kind, r] of soaked) runs[kind] = { ...r, stop: await daemons[kind]!.stop() };
    } finally {
      for (const d of Object.values(daemons)) await d.stop();
    }
    const notes: string[] = [];
    for (const [kind, r] of Object.entries(runs)) {
      const q = quarterMeans(r.samples);
      notes.push(`${kind}: ${r.samples.length} samples; RSS first quarter ${q.first.toFixed(1)} MiB, last quarter ${q.last.toFixed(1)} MiB; ${r.failedCalls} failed calls`);
      notes.push(...stopNotes(kind as DaemonKind, r.stop));
    }
    const tend = runs.tend;
    const tendQ = tend ? quarterMeans(tend.samples) : null;
    const tendMax = tend ? Math.max(...tend.samples.map((s) => s.rssKb)) / 1024 : null;
    const hours = sizes.soakMs / 3_600_000;
    return {
      name: this.name,
      title: this.title,
      params: { children: sizes.children, soakMs: sizes.soakMs, pollMs: sizes.pollMs, warmupMs: sizes.warmupMs },
      figures: [
        figure('rss-start', 'RSS at the first poll', 'MiB', 1, mapDaemons(runs, (r) => (r.samples[0]?.rssKb ?? NaN) / 1024)),
        figure('rss-end', 'RSS at the last poll', 'MiB', 1, mapDaemons(runs, (r) => (r.samples.at(-1)?.rssKb ?? NaN) / 1024)),
        figure('rss-max', 'highest RSS over the soak', 'MiB', 1, mapDaemons(runs, (r) => Math.max(...r.samples.map((s) => s.rssKb)) / 1024)),
        figure('rss-drift', 'RSS drift: last quarter mean − first quarter mean', 'MiB', 2, mapDaemons(runs, (r) => { const q = quarterMeans(r.samples); return q.last - q.first; })),
        figure('cpu', `daemon CPU-seconds over the soak (${r2(hours)} h, with the polls)`, 's', 2, mapDaemons(runs, (r) => r.samples.at(-1)?.cpuSeconds ?? NaN)),
        figure('call-ms', 'getAllProcessInfo, median over the soak', 'ms', 1, mapDaemons(runs, (r) => median(r.samples.map((s) => s.callMs).filter((x) => !Number.isNaN(x))))),
      ],
      goal: {
        text: `tend RSS ≤ ${RSS_LIMIT_MIB} MiB at every poll and flat (last-quarter mean within ${FLAT_MIB} MiB of the first quarter's) over ${r2(hours)} h`,
        met: tendQ === null || tendMax === null ? null : tendMax <= RSS_LIMIT_MIB && tendQ.last - tendQ.first <= FLAT_MIB,
        detail: tendQ === null || tendMax === null ? 'tend was not measured'
          : `highest ${tendMax.toFixed(1)} MiB (limit ${RSS_LIMIT_MIB}); first quarter ${tendQ.first.toFixed(1)} → last quarter ${tendQ.last.toFixed(1)} MiB`,
      },
      notes,
      raw: runs,
    };
  },
};

function r2(x: number): string {
  return Number(x.toFixed(2)).toString();
}

function median(xs: readonly number[]): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}
