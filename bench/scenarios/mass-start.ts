// mass-start (issue 6): how long until N programs are all RUNNING, from the daemon's exec (bench
// clock) to the Nth `success:` line (log clock), for N = 100 and 1000 and startsecs = 0 and 1; and
// whether the control socket answers while the programs are being started: from exec on, a
// `supervisor.getState` call every 50 ms (lib/state-poller.ts), and the first answer's time
// relative to the last `spawned:` line.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { CONTROL_SOCKET, minfdsFor, renderConfig } from '../lib/config.js';
import { launchDaemon, stopNotes, type DaemonKind, type StopReport } from '../lib/daemon.js';
import { figure, mapDaemons, type PerDaemon } from '../lib/figures.js';
import { isSpawned, isSuccess, mustLogTimeMs } from '../lib/log-lines.js';
import { clockTicksPerSecond, readCpuTicks } from '../lib/proc.js';
import { runNodeSpawnLoop } from '../lib/node-spawn-loop.js';
import { sleepMs } from '../lib/sleep.js';
import { StatePoller, type PollResult } from '../lib/state-poller.js';
import type { Figure, Scenario, ScenarioContext, ScenarioResult } from '../lib/types.js';

const GOAL_FRACTION = 0.2;
const POLL_EVERY_MS = 50;
// See start-1000: tendd installs its SIGTERM handler after its synchronous autostart.
const SETTLE_BEFORE_STOP_MS = 1000;
const SMOKE_SETTLE_MS = 300;

interface Case { readonly children: number; readonly startsecs: number }
const CASES: Record<'full' | 'smoke', readonly Case[]> = {
  full: [{ children: 100, startsecs: 0 }, { children: 100, startsecs: 1 }, { children: 1000, startsecs: 0 }, { children: 1000, startsecs: 1 }],
  // Smoke: one case only, to keep the smoke test short.
  smoke: [{ children: 10, startsecs: 0 }],
};
const caseId = (c: Case): string => `n${c.children}-s${c.startsecs}`;

interface CaseRun {
  /** exec → Nth success: line. */
  readonly allRunningMs: number;
  /** exec → last spawned: line. */
  readonly lastSpawnMs: number;
  /** exec → first getState answer (null: none before the deadline). */
  readonly firstAnswerMs: number | null;
  /** When the answered call was sent, from exec. */
  readonly answeredCallSentMs: number | null;
  readonly poll: PollResult;
  readonly cpuSeconds: number;
  readonly stop: StopReport;
}

async function measure(ctx: ScenarioContext, kind: DaemonKind, c: Case): Promise<CaseRun> {
  const settleMs = ctx.smoke ? SMOKE_SETTLE_MS : SETTLE_BEFORE_STOP_MS;
  const dir = join(ctx.workDir, `${kind}-${caseId(c)}`);
  mkdirSync(dir, { recursive: true });
  const minfds = minfdsFor(c.children);
  const configText = renderConfig({
    probePath: ctx.probe.path, minfds, control: true,
    programs: [{ name: 'm', probeArgs: ['sleep'], startsecs: c.startsecs, autorestart: 'unexpected', numprocs: c.children }],
  });
  const readyTimeoutMs = c.children >= 1000 ? 300_000 : 60_000;
  // Started before the exec (launchDaemon spawns synchronously): its first call goes out at exec.
  const poller = new StatePoller(join(dir, CONTROL_SOCKET), POLL_EVERY_MS, readyTimeoutMs);
  let daemon;
  try {
    daemon = await launchDaemon({ kind, binaries: ctx.binaries, dir, configText, probePath: ctx.probe.path, nofile: minfds });
  } catch (err) {
    poller.stop();
    throw err;
  }
  let stop: StopReport;
  let allRunningMs: number;
  let lastSpawnMs: number;
  let cpuSeconds: number;
  let poll: PollResult;
  try {
    const success = await daemon.waitLog(isSuccess, c.children, readyTimeoutMs, "'success:'");
    cpuSeconds = readCpuTicks(daemon.pid).self / clockTicksPerSecond();
    allRunningMs = mustLogTimeMs(success[success.length - 1] ?? '') - daemon.execAtMs;
    const spawned = daemon.log.lines.filter(isSpawned);
    lastSpawnMs = mustLogTimeMs(spawned[spawned.length - 1] ?? '') - daemon.execAtMs;
    poll = await poller.result();
    await sleepMs(settleMs);
  } finally {
    poller.stop();
    stop = await daemon.stop();
  }
  const rel = (t: number | null): number | null => (t === null ? null : t - daemon.execAtMs);
  return {
    allRunningMs, lastSpawnMs, firstAnswerMs: rel(poll.firstAnswerAtMs), answeredCallSentMs: rel(poll.answeredCallSentAtMs),
    poll, cpuSeconds, stop,
  };
}

const secs = (ms: number | null): number => (ms === null ? NaN : ms / 1000);

export const massStart: Scenario = {
  name: 'mass-start',
  title: 'Mass start: N programs to RUNNING, and the control socket meanwhile',
  summary: 'N=100/1000 × startsecs=0/1: exec → all RUNNING, and when the control socket first answers getState (polled every 50 ms)',
  async run(ctx: ScenarioContext): Promise<ScenarioResult> {
    const cases = ctx.smoke ? CASES.smoke : CASES.full;
    const runs: Record<string, PerDaemon<CaseRun>> = {};
    for (const c of cases) {
      const id = caseId(c);
      runs[id] = {};
      for (const kind of ctx.daemons) {
        ctx.say(`${kind}: ${c.children} programs, startsecs=${c.startsecs}`);
        (runs[id] as PerDaemon<CaseRun>)[kind] = await measure(ctx, kind, c);
      }
    }
    // The floor: a bare Node process spawning the same N probes in one loop (lib/node-spawn-loop.ts).
    const floorN = Math.max(...cases.map((c) => c.children));
    ctx.say(`bare Node spawn loop: ${floorN} probes`);
    const floorMs = await runNodeSpawnLoop(join(ctx.workDir, 'node-loop'), ctx.probe.path, floorN, 120_000);
    const figures: Figure[] = [];
    const notes: string[] = [];
    for (const c of cases) {
      const id = caseId(c);
      const r = runs[id] as PerDaemon<CaseRun>;
      const tag = `N=${c.children}, startsecs=${c.startsecs}`;
      const floor = c.children === floorN && c.startsecs === 0 ? { label: 'bare Node spawn loop', value: floorMs / 1000 } : undefined;
      figures.push(
        figure(`${id}-all-running`, `${tag}: exec → ${c.children}th 'success:'`, 's', 2, mapDaemons(r, (x) => x.allRunningMs / 1000), floor),
        figure(`${id}-last-spawn`, `${tag}: exec → last 'spawned:'`, 's', 2, mapDaemons(r, (x) => x.lastSpawnMs / 1000)),
        figure(`${id}-first-answer`, `${tag}: exec → first getState answer`, 's', 2, mapDaemons(r, (x) => secs(x.firstAnswerMs))),
        figure(`${id}-answer-vs-spawn`, `${tag}: first getState answer − last 'spawned:' (negative: answered while spawning)`, 's', 2,
          mapDaemons(r, (x) => (x.firstAnswerMs === null ? NaN : (x.firstAnswerMs - x.lastSpawnMs) / 1000))),
        figure(`${id}-cpu`, `${tag}: daemon CPU-seconds, exec → all RUNNING`, 's', 2, mapDaemons(r, (x) => x.cpuSeconds)),
      );
      for (const [kind, x] of Object.entries(r)) {
        notes.push(`${tag}, ${kind}: ${x.poll.callsSent} getState calls sent (${x.poll.refused} refused: no socket yet); the first answered call was sent ${x.answeredCallSentMs === null ? '—' : `${(x.answeredCallSentMs / 1000).toFixed(3)} s`} after exec`);
        notes.push(...stopNotes(kind as DaemonKind, x.stop).map((n) => `${tag}: ${n}`));
      }
    }
    const goalCase = cases.find((c) => c.startsecs === 0 && c.children === Math.max(...cases.map((k) => k.children))) as Case;
    const g = runs[caseId(goalCase)] as PerDaemon<CaseRun>;
    const tend = g.tend?.allRunningMs ?? null;
    const sd = g.supervisord?.allRunningMs ?? null;
    return {
      name: this.name,
      title: this.title,
      params: { cases: cases.map(caseId).join(' '), pollEveryMs: POLL_EVERY_MS, settleBeforeStopMs: ctx.smoke ? SMOKE_SETTLE_MS : SETTLE_BEFORE_STOP_MS },
      figures,
      goal: {
        text: `N=${goalCase.children}, startsecs=0: tend exec → all RUNNING ≤ 1/5 of supervisord's (issue 6: supervisord ≈ 5.55 s for 1000)`,
        met: tend === null || sd === null ? null : tend <= sd * GOAL_FRACTION,
        detail: tend === null ? 'tend was not measured' : sd === null ? `tend ${(tend / 1000).toFixed(2)} s; supervisord not measured`
          : `tend ${(tend / 1000).toFixed(2)} s vs supervisord ${(sd / 1000).toFixed(2)} s (limit ${(sd * GOAL_FRACTION / 1000).toFixed(2)} s); a bare Node process spawning the same ${floorN} probes takes ${(floorMs / 1000).toFixed(2)} s`,
      },
      notes,
      raw: { runs, nodeSpawnLoopMs: floorMs },
    };
  },
};
