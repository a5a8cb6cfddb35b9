// start-1000: how long until N programs with startsecs=0 are all RUNNING, from the daemon's exec
// (bench clock) and from its `supervisord started with pid` line (log clock) to the Nth
// `success:` line; plus the daemon's CPU for that, and how long it takes to stop them all.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { minfdsFor, renderConfig } from '../lib/config.js';
import { launchDaemon, stopNotes, type DaemonKind, type StopReport } from '../lib/daemon.js';
import { figure, mapDaemons, type PerDaemon } from '../lib/figures.js';
import { isSuccess, mustLogTimeMs } from '../lib/log-lines.js';
import { clockTicksPerSecond, readCpuTicks, readMemory, type Memory } from '../lib/proc.js';
import { sleepMs } from '../lib/sleep.js';
import type { Scenario, ScenarioContext, ScenarioResult } from '../lib/types.js';

// A pause between "all RUNNING" and SIGTERM. tendd installs its signal handlers only after its
// synchronous autostart returns, and with startsecs=0 every `success:` line is written inside it:
// a SIGTERM sent the instant the last line appears can hit Node's default action and kill tendd
// without stopping its programs (seen in smoke runs). The pause keeps the shutdown figure about
// shutting down; the race itself is reported, not hidden (stopNotes).
const SETTLE_BEFORE_STOP_MS = 1000;

const SIZES = { full: { children: 1000, readyTimeoutMs: 300_000 }, smoke: { children: 20, readyTimeoutMs: 30_000 } };

interface DaemonRun {
  readonly fromExecMs: number;
  readonly fromStartedLineMs: number;
  /** utime+stime from exec until the Nth success line was seen. */
  readonly cpuSeconds: number;
  readonly memory: Memory;
  readonly stop: StopReport;
}

async function measureDaemon(ctx: ScenarioContext, kind: DaemonKind, children: number, readyTimeoutMs: number): Promise<DaemonRun> {
  const dir = join(ctx.workDir, kind);
  mkdirSync(dir, { recursive: true });
  const minfds = minfdsFor(children);
  const configText = renderConfig({
    probePath: ctx.probe.path, minfds,
    programs: [{ name: 'fast', probeArgs: ['sleep'], startsecs: 0, autorestart: 'unexpected', numprocs: children }],
  });
  const daemon = await launchDaemon({ kind, binaries: ctx.binaries, dir, configText, probePath: ctx.probe.path, nofile: minfds });
  let stop: StopReport;
  let fromExecMs: number;
  let fromStartedLineMs: number;
  let cpuSeconds: number;
  let memory: Memory;
  try {
    const success = await daemon.waitLog(isSuccess, children, readyTimeoutMs, "'success:'");
    cpuSeconds = readCpuTicks(daemon.pid).self / clockTicksPerSecond();
    memory = readMemory(daemon.pid);
    const last = mustLogTimeMs(success[success.length - 1] ?? '');
    fromExecMs = last - daemon.execAtMs;
    fromStartedLineMs = last - mustLogTimeMs(daemon.startedLine);
    await sleepMs(SETTLE_BEFORE_STOP_MS);
  } finally {
    stop = await daemon.stop();
  }
  return { fromExecMs, fromStartedLineMs, cpuSeconds, memory, stop };
}

const cleanStop = (s: StopReport): boolean => !s.forced && s.exit.signal === null && s.exit.code === 0;

export const start1000: Scenario = {
  name: 'start-1000',
  title: 'Starting 1000 programs (startsecs=0)',
  summary: 'numprocs=1000, startsecs=0: daemon start → all RUNNING (log timestamps), CPU spent, and the time to stop them all',
  async run(ctx: ScenarioContext): Promise<ScenarioResult> {
    const { children, readyTimeoutMs } = ctx.smoke ? SIZES.smoke : SIZES.full;
    const runs: PerDaemon<DaemonRun> = {};
    for (const kind of ctx.daemons) {
      ctx.say(`${kind}: start ${children} programs`);
      runs[kind] = await measureDaemon(ctx, kind, children, readyTimeoutMs);
    }
    const notes: string[] = [];
    for (const [kind, r] of Object.entries(runs)) notes.push(...stopNotes(kind as DaemonKind, r.stop));
    return {
      name: this.name,
      title: this.title,
      params: { children, startsecs: 0, minfds: minfdsFor(children), settleBeforeStopMs: SETTLE_BEFORE_STOP_MS },
      figures: [
        figure('from-exec', `exec → ${children}th 'success:'`, 's', 2, mapDaemons(runs, (r) => r.fromExecMs / 1000)),
        figure('from-started', `'started' line → ${children}th 'success:'`, 's', 2, mapDaemons(runs, (r) => r.fromStartedLineMs / 1000)),
        figure('cpu-seconds', 'daemon CPU-seconds, exec → all RUNNING', 's', 2, mapDaemons(runs, (r) => r.cpuSeconds)),
        figure('rss', 'daemon RSS when all RUNNING', 'MiB', 1, mapDaemons(runs, (r) => r.memory.rssKb / 1024)),
        figure('stop', `SIGTERM → daemon exited (stops ${children} programs)`, 's', 2, mapDaemons(runs, (r) => (cleanStop(r.stop) ? r.stop.stopMs / 1000 : NaN))),
      ],
      goal: { text: 'none set in issue 3 (informational)', met: null, detail: '' },
      notes,
      raw: runs,
    };
  },
};
