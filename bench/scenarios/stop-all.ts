// stop-all (issue 6): stopping many programs.
//   1. 1000 × `probe sleep` (startsecs=0) with the control socket: `supervisorctl stop all`, timed
//      (must exit 0 and print 1000 `stopped` lines); then, untimed, startAllProcesses, and the raw
//      XML-RPC stopAllProcesses(wait=true) timed (the daemon's part without supervisorctl's start-up).
//   2. The same config on a fresh daemon: SIGTERM → daemon exited (it stops all 1000 first).
//   3. 20 programs that ignore SIGTERM (`streamer ignoreterm`), stopwaitsecs=2: SIGTERM → daemon
//      exited, i.e. stopwaitsecs, then SIGKILL, then exit.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { minfdsFor, renderConfig } from '../lib/config.js';
import { countLines, ctlArgv, describeCtlFailure, runCtl } from '../lib/ctl.js';
import { CONTROL_SOCKET } from '../lib/config.js';
import { launchDaemon, stopNotes, type DaemonKind, type StopReport } from '../lib/daemon.js';
import { UnixRpcClient } from '../lib/rpc-client.js';
import { figure, mapDaemons, type PerDaemon } from '../lib/figures.js';
import { isSuccess } from '../lib/log-lines.js';
import { sleepMs } from '../lib/sleep.js';
import { BENCH_OUT, buildStreamer } from '../lib/streamer.js';
import type { Scenario, ScenarioContext, ScenarioResult } from '../lib/types.js';

const STOP_ALL_GOAL = 0.5;
const SHUTDOWN_GOAL = 0.1;
// See start-1000: tendd installs its SIGTERM handler after its synchronous autostart.
const SETTLE_MS = 1000;
const SIZES = {
  full: { children: 1000, stubborn: 20, stopwaitsecs: 2, readyTimeoutMs: 300_000, settleMs: SETTLE_MS },
  smoke: { children: 10, stubborn: 3, stopwaitsecs: 1, readyTimeoutMs: 30_000, settleMs: 300 },
};
type Sizes = typeof SIZES.full;

interface DaemonRun {
  /** supervisorctl stop all, ms; NaN when it could not be measured. */
  readonly stopAllMs: number;
  /** The same over a raw XML-RPC call (startAllProcesses first, untimed): the daemon's part alone. */
  readonly stopAllRawMs: number;
  readonly stopAllRawFailure: string | null;
  readonly stopAllFailure: string | null;
  readonly stopAllDaemonStop: StopReport;
  readonly shutdown: StopReport;
  readonly stubbornShutdown: StopReport;
}

const cleanStop = (s: StopReport): boolean => !s.forced && s.exit.signal === null && s.exit.code === 0;

async function measure(ctx: ScenarioContext, kind: DaemonKind, streamer: string, sizes: Sizes): Promise<DaemonRun> {
  const minfds = minfdsFor(sizes.children);
  const manyConfig = renderConfig({
    probePath: ctx.probe.path, minfds, control: true,
    programs: [{ name: 'many', probeArgs: ['sleep'], startsecs: 0, autorestart: 'unexpected', numprocs: sizes.children }],
  });
  const start = async (sub: string, configText: string, probePath: string, n: number) => {
    const dir = join(ctx.workDir, `${kind}-${sub}`);
    mkdirSync(dir, { recursive: true });
    const daemon = await launchDaemon({ kind, binaries: ctx.binaries, dir, configText, probePath, nofile: minfds });
    try {
      await daemon.waitLog(isSuccess, n, sizes.readyTimeoutMs, "'success:'");
      await sleepMs(sizes.settleMs);
    } catch (err) {
      await daemon.stop();
      throw err;
    }
    return { daemon, dir };
  };

  // 1. supervisorctl stop all
  let stopAllMs = NaN;
  let stopAllFailure: string | null = null;
  let stopAllRawMs = NaN;
  let stopAllRawFailure: string | null = null;
  const a = await start('stop-all', manyConfig, ctx.probe.path, sizes.children);
  let stopAllDaemonStop: StopReport;
  try {
    const argv = ctlArgv('supervisorctl', ctx.binaries, join(a.dir, 'supervisord.conf'), ['stop', 'all']);
    if (argv === null) stopAllFailure = 'supervisorctl is not available';
    else {
      const r = await runCtl(argv, { cwd: a.dir, timeoutMs: 300_000 });
      const stopped = countLines(r.stdout, /: stopped$/);
      if (r.code !== 0 || stopped !== sizes.children) stopAllFailure = `${describeCtlFailure(r)} (${stopped}/${sizes.children} stopped lines)`;
      else stopAllMs = r.ms;
    }
    // 1b. The same through a raw call, without supervisorctl's start-up: start them all again
    // (untimed; startAllProcesses with wait=true returns once they are RUNNING), then time
    // stopAllProcesses(wait=true) from request write to parsed answer.
    const client = new UnixRpcClient(join(a.dir, CONTROL_SOCKET));
    try {
      const started = await client.call('xmlrpc', 'supervisor.startAllProcesses', [true], 300_000);
      if (!Array.isArray(started.value) || started.value.length !== sizes.children) throw new Error(`startAllProcesses answered ${Array.isArray(started.value) ? started.value.length : typeof started.value} results`);
      await sleepMs(sizes.settleMs);
      const r = await client.call('xmlrpc', 'supervisor.stopAllProcesses', [true], 300_000);
      if (!Array.isArray(r.value) || r.value.length !== sizes.children) throw new Error(`stopAllProcesses answered ${Array.isArray(r.value) ? r.value.length : typeof r.value} results`);
      stopAllRawMs = r.totalMs;
    } catch (err) {
      stopAllRawFailure = (err as Error).message;
    } finally {
      client.close();
    }
  } finally {
    stopAllDaemonStop = await a.daemon.stop();
  }

  // 2. SIGTERM with all of them running
  const b = await start('shutdown', manyConfig, ctx.probe.path, sizes.children);
  const shutdown = await b.daemon.stop();

  // 3. SIGTERM with programs that ignore it
  const stubbornConfig = `${renderConfig({ probePath: ctx.probe.path, programs: [] })}
[program:stubborn]
command=${streamer} ignoreterm
numprocs=${sizes.stubborn}
process_name=%(program_name)s_%(process_num)02d
startsecs=0
autorestart=unexpected
stopwaitsecs=${sizes.stopwaitsecs}
`;
  const c = await start('stubborn', stubbornConfig, streamer, sizes.stubborn);
  const stubbornShutdown = await c.daemon.stop();
  return { stopAllMs, stopAllFailure, stopAllRawMs, stopAllRawFailure, stopAllDaemonStop, shutdown, stubbornShutdown };
}

export const stopAll: Scenario = {
  name: 'stop-all',
  title: 'Stopping 1000 programs (stop all, shutdown) and 20 that ignore SIGTERM',
  summary: '1000 programs: `supervisorctl stop all` and SIGTERM → exit; 20 programs ignoring SIGTERM with stopwaitsecs=2: SIGTERM → exit',
  async run(ctx: ScenarioContext): Promise<ScenarioResult> {
    const sizes = ctx.smoke ? SIZES.smoke : SIZES.full;
    const streamer = buildStreamer(BENCH_OUT);
    const runs: PerDaemon<DaemonRun> = {};
    for (const kind of ctx.daemons) {
      ctx.say(`${kind}: ${sizes.children} programs (stop all, then shutdown), then ${sizes.stubborn} that ignore SIGTERM`);
      runs[kind] = await measure(ctx, kind, streamer, sizes);
    }
    const notes: string[] = [];
    for (const [kind, r] of Object.entries(runs)) {
      if (r.stopAllFailure) notes.push(`${kind}: stop all n/a: ${r.stopAllFailure}`);
      if (r.stopAllRawFailure) notes.push(`${kind}: raw stopAllProcesses n/a: ${r.stopAllRawFailure}`);
      notes.push(...stopNotes(kind as DaemonKind, r.shutdown).map((n) => `shutdown (${sizes.children}): ${n}`));
      notes.push(...stopNotes(kind as DaemonKind, r.stubbornShutdown).map((n) => `shutdown (ignore SIGTERM): ${n}`));
    }
    const sec = (s: StopReport): number => (cleanStop(s) ? s.stopMs / 1000 : NaN);
    const f = {
      stopAll: mapDaemons(runs, (r) => r.stopAllMs / 1000),
      shutdown: mapDaemons(runs, (r) => sec(r.shutdown)),
      stubborn: mapDaemons(runs, (r) => sec(r.stubbornShutdown)),
    };
    const limit = sizes.stopwaitsecs + 0.1;
    const parts: (boolean | null)[] = [
      f.stopAll.tend === undefined || f.stopAll.supervisord === undefined ? null : f.stopAll.tend <= f.stopAll.supervisord * STOP_ALL_GOAL,
      f.shutdown.tend === undefined || f.shutdown.supervisord === undefined ? null : f.shutdown.tend <= f.shutdown.supervisord * SHUTDOWN_GOAL,
      f.stubborn.tend === undefined ? null : f.stubborn.tend <= limit,
    ];
    const t = (v: number | undefined): string => (v === undefined ? '—' : v.toFixed(2));
    return {
      name: this.name,
      title: this.title,
      params: { children: sizes.children, stubborn: sizes.stubborn, stopwaitsecs: sizes.stopwaitsecs, settleMs: sizes.settleMs },
      figures: [
        figure('stop-all', `supervisorctl stop all (${sizes.children} programs)`, 's', 2, f.stopAll),
        figure('stop-all-raw', `raw XML-RPC stopAllProcesses(wait) (${sizes.children} programs; no client start-up)`, 's', 3, mapDaemons(runs, (r) => r.stopAllRawMs / 1000)),
        figure('shutdown', `SIGTERM → daemon exited (${sizes.children} programs running)`, 's', 2, f.shutdown),
        figure('shutdown-stubborn', `SIGTERM → daemon exited (${sizes.stubborn} programs ignoring SIGTERM, stopwaitsecs=${sizes.stopwaitsecs})`, 's', 2, f.stubborn),
      ],
      goal: {
        text: `stop all ≤ 1/2 of supervisord's (≈ 0.56 s), shutdown ≤ 1/10 (≈ 8.4 s), and ignore-SIGTERM shutdown ≤ ${limit.toFixed(1)} s (supervisord ≈ 3.29 s)`,
        met: parts.includes(false) ? false : parts.includes(null) ? null : true,
        detail: `stop all ${t(f.stopAll.tend)} vs ${t(f.stopAll.supervisord)} s: ${String(parts[0])}; shutdown ${t(f.shutdown.tend)} vs ${t(f.shutdown.supervisord)} s: ${String(parts[1])}; ignore-SIGTERM ${t(f.stubborn.tend)} s (limit ${limit.toFixed(1)}): ${String(parts[2])}`,
      },
      notes,
      raw: runs,
    };
  },
};
