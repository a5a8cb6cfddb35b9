// reread-update-add-200: adding programs to a running daemon the way an operator does. The main
// config includes conf.d/*.conf (holding one trivial program); 200 new files, one
// [program:pNNN] each (a sleeping probe, autostart=true, startsecs=0), are dropped in, then
// `supervisorctl reread` and `supervisorctl update` are timed, and the time until all 200 are
// RUNNING (bench clock at the start of reread → the 200th `success:` line's timestamp).
// tend is measured again with tendctl in place of supervisorctl, on a fresh daemon.
import { countLines, ctlArgv, describeCtlFailure, runCtl, type CtlKind } from '../lib/ctl.js';
import { countProcesses, isNumberedSuccess, launchConfd, writeProgramFiles, type ConfdDaemon } from '../lib/confd.js';
import { judgeCtlGoal, ok, runSession, sessionNotes, sessions, type CtlSession } from '../lib/ctl-sessions.js';
import type { DaemonKind } from '../lib/daemon.js';
import { figure, mapDaemons, type PerDaemon } from '../lib/figures.js';
import { mustLogTimeMs } from '../lib/log-lines.js';
import { clockTicksPerSecond, readCpuTicks } from '../lib/proc.js';
import { performance } from 'node:perf_hooks';
import type { Extra, Scenario, ScenarioContext, ScenarioResult } from '../lib/types.js';

/** supervisord's figure quoted in issue 4, for a second reading of the goal. */
const ISSUE_SUPERVISORD_MS = 2100;
const GOAL_FRACTION = 0.2;
const SIZES = {
  full: { programs: 200, readyTimeoutMs: 120_000, ctlTimeoutMs: 300_000 },
  smoke: { programs: 5, readyTimeoutMs: 30_000, ctlTimeoutMs: 60_000 },
};
type Sizes = typeof SIZES.full;

export interface AddSession extends CtlSession {
  readonly rereadMs: number;
  readonly updateMs: number;
  /** reread start → update exited. */
  readonly totalMs: number;
  /** reread start (bench clock) → the last new program's `success:` line (log clock). */
  readonly allRunningMs: number;
  /** The daemon's utime+stime from reread start until update exited and all were RUNNING. */
  readonly daemonCpuSeconds: number;
  readonly rereadAvailable: number;
  readonly updateAdded: number;
  /** getAllProcessInfo afterwards. */
  readonly after: { total: number; running: number } | null;
}

function session(ctx: ScenarioContext, kind: DaemonKind, client: CtlKind, sizes: Sizes): Promise<AddSession> {
  const base: AddSession = {
    daemon: kind, client, failure: null, rereadMs: NaN, updateMs: NaN, totalMs: NaN, allRunningMs: NaN, daemonCpuSeconds: NaN,
    rereadAvailable: 0, updateAdded: 0, after: null, stop: null,
  };
  return runSession(ctx, base, () => launchConfd(ctx, kind, `${kind}-${client}`, 0, sizes.programs, sizes.readyTimeoutMs), (d) => measure(ctx, d, base, sizes));
}

async function measure(ctx: ScenarioContext, d: ConfdDaemon, base: AddSession, sizes: Sizes): Promise<AddSession> {
  const n = sizes.programs;
  const { daemon: kind, client } = base;
  const argv = (cmd: string): string[] => ctlArgv(client, ctx.binaries, d.configPath, [cmd]) ?? [];
  writeProgramFiles(ctx, d.confd, n);
  ctx.say(`${kind} via ${client}: ${n} files in conf.d; reread + update`);
  const cpu0 = readCpuTicks(d.daemon.pid).self;
  const t0 = Date.now();
  const p0 = performance.now();
  const r1 = await runCtl(argv('reread'), { cwd: d.dir, timeoutMs: sizes.ctlTimeoutMs });
  const rereadAvailable = countLines(r1.stdout, /^p\d{3,}: available$/);
  let result: AddSession = { ...base, rereadMs: r1.ms, rereadAvailable };
  if (r1.code !== 0 || rereadAvailable !== n) {
    return { ...result, failure: `${describeCtlFailure(r1)} (${rereadAvailable}/${n} 'available' lines)` };
  }
  const r2 = await runCtl(argv('update'), { cwd: d.dir, timeoutMs: sizes.ctlTimeoutMs });
  const totalMs = performance.now() - p0;
  const updateAdded = countLines(r2.stdout, /^p\d{3,}: added process group$/);
  result = { ...result, updateMs: r2.ms, totalMs, updateAdded };
  if (r2.code !== 0 || updateAdded !== n) {
    return { ...result, failure: `${describeCtlFailure(r2)} (${updateAdded}/${n} 'added process group' lines)` };
  }
  const success = await d.daemon.waitLog(isNumberedSuccess, n, sizes.readyTimeoutMs, "'success:' of a new program");
  const daemonCpuSeconds = (readCpuTicks(d.daemon.pid).self - cpu0) / clockTicksPerSecond();
  const allRunningMs = Math.max(...success.map(mustLogTimeMs)) - t0;
  const after = await countProcesses(d.socketPath);
  return {
    ...result, allRunningMs, daemonCpuSeconds, after,
    failure: after.running === n + 1 ? null : `afterwards getAllProcessInfo shows ${after.running}/${n + 1} RUNNING`,
  };
}

export const rereadUpdateAdd200: Scenario = {
  name: 'reread-update-add-200',
  title: 'Adding 200 programs: conf.d files, then `reread` + `update`',
  summary: 'main config includes conf.d/*.conf; drop 200 [program:pNNN] files, time `reread` + `update` (CLI) and until all 200 are RUNNING; tendctl too',
  async run(ctx: ScenarioContext): Promise<ScenarioResult> {
    const sizes = ctx.smoke ? SIZES.smoke : SIZES.full;
    const n = sizes.programs;
    const { runs, tendctl } = await sessions(ctx, (kind, client) => session(ctx, kind, client, sizes));
    const x = (pick: (s: AddSession) => number): Extra[] => (tendctl ? [{ label: 'tendctl → tend', value: ok(pick(tendctl), tendctl) }] : []);
    const each = (pick: (s: AddSession) => number): PerDaemon<number> => mapDaemons(runs, (s) => ok(pick(s), s));
    const figures = [
      figure('reread-update', '`reread` + `update` (CLI wall time, until update exits)', 's', 3, each((s) => s.totalMs / 1000), undefined, x((s) => s.totalMs / 1000)),
      figure('reread', '`reread` alone', 's', 3, each((s) => s.rereadMs / 1000), undefined, x((s) => s.rereadMs / 1000)),
      figure('update', '`update` alone', 's', 3, each((s) => s.updateMs / 1000), undefined, x((s) => s.updateMs / 1000)),
      figure('all-running', `reread start → ${n}th new program RUNNING ('success:' line)`, 's', 3, each((s) => s.allRunningMs / 1000), undefined, x((s) => s.allRunningMs / 1000)),
      figure('daemon-cpu', 'daemon CPU-seconds, reread start → all RUNNING', 's', 2, each((s) => s.daemonCpuSeconds), undefined, x((s) => s.daemonCpuSeconds)),
    ];
    const goal = judgeCtlGoal('`reread` + `update` ≤ 1/5 of supervisord\'s (issue 4 figure: supervisord ≈ 2.1 s)',
      runs, tendctl, (s) => s.totalMs, GOAL_FRACTION, ISSUE_SUPERVISORD_MS);
    return {
      name: this.name,
      title: this.title,
      params: { programs: n, startsecs: 0, autostart: 'true', include: 'conf.d/*.conf', 'conf.d at start': 'base.conf (one program)' },
      figures,
      goal,
      notes: sessionNotes(runs, tendctl),
      raw: { runs, tendctl },
    };
  },
};
