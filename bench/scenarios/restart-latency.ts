// restart-latency: how long a program that crashed after reaching RUNNING stays down.
// The probe runs RUN_MS (past startsecs=1), exits 1, and is restarted (autorestart=true);
// latency = start_{n+1} − exit_n from the probe's own CLOCK_REALTIME stamps. The same probe in a
// bare shell loop is the floor any supervisor can reach.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { renderConfig } from '../lib/config.js';
import { launchDaemon, stopNotes, type DaemonKind, type StopReport } from '../lib/daemon.js';
import { figure, mapDaemons, type PerDaemon } from '../lib/figures.js';
import { isSuccess } from '../lib/log-lines.js';
import { isStartRecord, parseRecords, restartLatenciesMs } from '../lib/probe-records.js';
import { runShellLoop } from '../lib/shell-loop.js';
import { summarize, type Summary } from '../lib/stats.js';
import type { Scenario, ScenarioContext, ScenarioResult } from '../lib/types.js';

const GOAL_MS = 3;
const SIZES = { full: { restarts: 15, runMs: 1500 }, smoke: { restarts: 3, runMs: 1500 } };

interface DaemonRun {
  readonly latenciesMs: number[];
  readonly summary: Summary;
  readonly successLines: number;
  readonly stop: StopReport;
}

async function measureDaemon(ctx: ScenarioContext, kind: DaemonKind, restarts: number, runMs: number): Promise<DaemonRun> {
  const dir = join(ctx.workDir, kind);
  mkdirSync(dir, { recursive: true });
  const configText = renderConfig({
    probePath: ctx.probe.path,
    programs: [{ name: 'crasher', probeArgs: ['run', String(runMs), '1', '%(here)s/times.txt'], startsecs: 1, autorestart: 'true', startretries: 3 }],
  });
  const daemon = await launchDaemon({ kind, binaries: ctx.binaries, dir, configText, probePath: ctx.probe.path });
  let lines: string[];
  let stop: StopReport;
  try {
    const times = daemon.follow(join(dir, 'times.txt'));
    await times.waitFor(isStartRecord, restarts + 1, (restarts + 1) * (runMs + 3000) + 10_000, `${restarts + 1} probe starts under ${kind}`);
    lines = [...times.lines];
  } finally {
    stop = await daemon.stop();
  }
  const latenciesMs = restartLatenciesMs(parseRecords(lines), restarts);
  const successLines = daemon.log.lines.filter(isSuccess).length;
  return { latenciesMs, summary: summarize(latenciesMs), successLines, stop };
}

export const restartLatency: Scenario = {
  name: 'restart-latency',
  title: 'Restart latency after a crash from RUNNING',
  summary: 'time from a RUNNING program\'s exit to its next start (probe timestamps), median over N restarts; plus a bare shell loop',
  async run(ctx: ScenarioContext): Promise<ScenarioResult> {
    const { restarts, runMs } = ctx.smoke ? SIZES.smoke : SIZES.full;
    ctx.say(`shell loop: ${restarts} restarts of a ${runMs} ms run`);
    const loopLines = await runShellLoop(join(ctx.workDir, 'shell-loop'), ctx.probe.path, ['run', String(runMs), '1', 'times.txt'], restarts + 1, (restarts + 1) * (runMs + 3000));
    const loop = summarize(restartLatenciesMs(parseRecords(loopLines), restarts));

    const runs: PerDaemon<DaemonRun> = {};
    for (const kind of ctx.daemons) {
      ctx.say(`${kind}: ${restarts} restarts of a ${runMs} ms run`);
      runs[kind] = await measureDaemon(ctx, kind, restarts, runMs);
    }
    const notes: string[] = [];
    for (const [kind, r] of Object.entries(runs)) {
      if (r.successLines < restarts) notes.push(`${kind}: only ${r.successLines} of ${restarts} runs reached RUNNING before exiting (crashes from STARTING take the BACKOFF path)`);
      notes.push(...stopNotes(kind as DaemonKind, r.stop));
    }
    const s = (pick: (x: Summary) => number): PerDaemon<number> => mapDaemons(runs, (r) => pick(r.summary));
    const tend = runs.tend?.summary.median ?? null;
    return {
      name: this.name,
      title: this.title,
      params: { restarts, runMs, startsecs: 1, autorestart: 'true', probe: ctx.probe.kind },
      figures: [
        figure('median', 'restart latency, median', 'ms', 2, s((x) => x.median), { label: 'shell loop', value: loop.median }),
        figure('p90', 'restart latency, p90', 'ms', 2, s((x) => x.p90), { label: 'shell loop', value: loop.p90 }),
        figure('min', 'restart latency, min', 'ms', 2, s((x) => x.min), { label: 'shell loop', value: loop.min }),
        figure('max', 'restart latency, max', 'ms', 2, s((x) => x.max), { label: 'shell loop', value: loop.max }),
      ],
      goal: {
        text: `tend median ≤ ${GOAL_MS} ms (issue figures: supervisord ≈ 1008 ms, PM2 6.75 ms, shell loop 1.7 ms)`,
        met: tend === null ? null : tend <= GOAL_MS,
        detail: tend === null ? 'tend was not measured' : `tend median ${tend.toFixed(2)} ms; shell loop ${loop.median.toFixed(2)} ms in this run`,
      },
      notes,
      raw: { shellLoop: { summary: loop, lines: loopLines }, daemons: runs },
    };
  },
};
