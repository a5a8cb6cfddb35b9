// ctl-status-1000: what `status` costs with 1000 programs RUNNING. For each daemon: the real
// supervisorctl's `status` through the CLI (stdout to a pipe), and the bare
// supervisor.getAllProcessInfo XML-RPC call on the unix socket (one keep-alive connection, timed
// from request write to response parsed). For tend also tendctl's `status` and the same call as
// JSON-RPC 2.0 at /rpc.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { CONTROL_SOCKET, minfdsFor, renderConfig } from '../lib/config.js';
import { countLines, ctlArgv, describeCtlFailure, runCtl, type CtlKind } from '../lib/ctl.js';
import { launchDaemon, stopNotes, type DaemonKind, type RunningDaemon, type StopReport } from '../lib/daemon.js';
import { figure, mapDaemons, type PerDaemon } from '../lib/figures.js';
import { isSuccess } from '../lib/log-lines.js';
import { clockTicksPerSecond, readCpuTicks } from '../lib/proc.js';
import { processInfos, UnixRpcClient, waitForRpc, type RpcProtocol, type TimedCall } from '../lib/rpc-client.js';
import { summarize, type Summary } from '../lib/stats.js';
import type { Extra, Scenario, ScenarioContext, ScenarioResult } from '../lib/types.js';

const CLI_GOAL_FRACTION = 0.2;
const RAW_GOAL_MS = 15;
/** supervisord's CLI figure quoted in issue 4, for a second reading of the CLI goal. */
const ISSUE_SUPERVISORD_CLI_MS = 1180;
// Each series starts with one unmeasured warm-up (page cache, Python's .pyc, V8's code cache).
const SIZES = {
  full: { children: 1000, cliRuns: 7, rawCalls: 15, readyTimeoutMs: 300_000 },
  smoke: { children: 20, cliRuns: 2, rawCalls: 3, readyTimeoutMs: 30_000 },
};
type Sizes = typeof SIZES.full;

/** A series of timed calls of one kind; `failure` says why it could not be measured. */
interface Series<T> {
  readonly samples: readonly T[];
  readonly failure: string | null;
}

/** A timed call without its (large) decoded value. */
type RawSample = Omit<TimedCall, 'value'>;
/** A client run without its (large) output. */
interface CliSample { readonly ms: number; readonly code: number | null; readonly runningLines: number }

interface RawSeries extends Series<RawSample> {
  /** The daemon's utime+stime over the measured calls, per call. */
  readonly daemonCpuMsPerCall: number | null;
  /** Every measured call reused the keep-alive connection. */
  readonly allReused: boolean;
}

interface DaemonRun {
  readonly cli: Series<CliSample>;
  readonly raw: RawSeries;
  /** tend only: tendctl status. */
  readonly tendctl?: Series<CliSample>;
  /** tend only: JSON-RPC at /rpc. */
  readonly jsonrpc?: RawSeries;
  readonly stop: StopReport;
}

const STATUS_LINE = /^\S+\s+RUNNING\s+pid \d+, uptime /;

async function cliSeries(ctx: ScenarioContext, kind: CtlKind, configPath: string, dir: string, sizes: Sizes): Promise<Series<CliSample>> {
  const argv = ctlArgv(kind, ctx.binaries, configPath, ['status']);
  if (argv === null) return { samples: [], failure: `${kind} is not available` };
  const samples: CliSample[] = [];
  for (let i = 0; i <= sizes.cliRuns; i++) {
    const r = await runCtl(argv, { cwd: dir, timeoutMs: 120_000 });
    const lines = countLines(r.stdout, STATUS_LINE);
    if (r.code !== 0 || lines !== sizes.children) {
      return { samples, failure: `${describeCtlFailure(r)} (${lines}/${sizes.children} RUNNING lines)` };
    }
    if (i > 0) samples.push({ ms: r.ms, code: r.code, runningLines: lines });
  }
  return { samples, failure: null };
}

async function rawSeries(client: UnixRpcClient, protocol: RpcProtocol, pid: number, sizes: Sizes): Promise<RawSeries> {
  const samples: RawSample[] = [];
  try {
    await client.call(protocol, 'supervisor.getAllProcessInfo'); // warm-up
    const before = readCpuTicks(pid).self;
    for (let i = 0; i < sizes.rawCalls; i++) {
      const r = await client.call(protocol, 'supervisor.getAllProcessInfo');
      const infos = processInfos(r.value);
      const running = infos.filter((p) => p.statename === 'RUNNING').length;
      if (running !== sizes.children) throw new Error(`getAllProcessInfo over ${protocol}: ${running}/${sizes.children} RUNNING`);
      const { value: _value, ...slim } = r;
      samples.push(slim);
    }
    const ticks = readCpuTicks(pid).self - before;
    return {
      samples, failure: null, allReused: samples.every((s) => s.reusedSocket),
      daemonCpuMsPerCall: ((ticks / clockTicksPerSecond()) * 1000) / sizes.rawCalls,
    };
  } catch (err) {
    return { samples, failure: (err as Error).message, allReused: false, daemonCpuMsPerCall: null };
  }
}

async function measureDaemon(ctx: ScenarioContext, kind: DaemonKind, sizes: Sizes): Promise<DaemonRun> {
  const dir = join(ctx.workDir, kind);
  mkdirSync(dir, { recursive: true });
  const minfds = minfdsFor(sizes.children);
  const configText = renderConfig({
    probePath: ctx.probe.path, minfds, control: true,
    programs: [{ name: 'prog', probeArgs: ['sleep'], startsecs: 0, autorestart: 'unexpected', numprocs: sizes.children }],
  });
  const configPath = join(dir, 'supervisord.conf');
  const daemon: RunningDaemon = await launchDaemon({ kind, binaries: ctx.binaries, dir, configText, probePath: ctx.probe.path, nofile: minfds });
  const client = new UnixRpcClient(join(dir, CONTROL_SOCKET));
  try {
    await daemon.waitLog(isSuccess, sizes.children, sizes.readyTimeoutMs, "'success:'");
    const allRunning = (v: unknown): boolean => processInfos(v).filter((p) => p.statename === 'RUNNING').length === sizes.children;
    await waitForRpc(client, 'supervisor.getAllProcessInfo', allRunning, 60_000, `all ${sizes.children} RUNNING`);
    ctx.say(`${kind}: all ${sizes.children} RUNNING; raw getAllProcessInfo ×${sizes.rawCalls} (XML-RPC)`);
    const raw = await rawSeries(client, 'xmlrpc', daemon.pid, sizes);
    let jsonrpc: RawSeries | undefined;
    if (kind === 'tend') {
      ctx.say(`${kind}: raw getAllProcessInfo ×${sizes.rawCalls} (JSON-RPC /rpc)`);
      jsonrpc = await rawSeries(client, 'jsonrpc', daemon.pid, sizes);
    }
    client.close();
    ctx.say(`${kind}: supervisorctl status ×${sizes.cliRuns}`);
    const cli = await cliSeries(ctx, 'supervisorctl', configPath, dir, sizes);
    let tendctl: Series<CliSample> | undefined;
    if (kind === 'tend') {
      ctx.say(`${kind}: tendctl status ×${sizes.cliRuns}`);
      tendctl = await cliSeries(ctx, 'tendctl', configPath, dir, sizes);
    }
    return { cli, raw, ...(tendctl ? { tendctl } : {}), ...(jsonrpc ? { jsonrpc } : {}), stop: await daemon.stop() };
  } finally {
    client.close();
    await daemon.stop();
  }
}

const median = (s: Series<{ ms: number }> | undefined): number => (s && !s.failure && s.samples.length ? summarize(s.samples.map((x) => x.ms)).median : NaN);
const cliStat = (s: Series<CliSample> | undefined, pick: (x: Summary) => number): number =>
  (s && !s.failure && s.samples.length ? pick(summarize(s.samples.map((x) => x.ms))) : NaN);
const rawStat = (s: RawSeries | undefined, get: (c: RawSample) => number, pick: (x: Summary) => number = (x) => x.median): number =>
  (s && !s.failure && s.samples.length ? pick(summarize(s.samples.map(get))) : NaN);

export const ctlStatus1000: Scenario = {
  name: 'ctl-status-1000',
  title: '`status` with 1000 RUNNING programs: CLI and the raw getAllProcessInfo call',
  summary: 'numprocs=1000 RUNNING: supervisorctl/tendctl `status` wall time (CLI, to a pipe) and raw getAllProcessInfo over the unix socket (XML-RPC; JSON-RPC for tend)',
  async run(ctx: ScenarioContext): Promise<ScenarioResult> {
    const sizes = ctx.smoke ? SIZES.smoke : SIZES.full;
    const runs: PerDaemon<DaemonRun> = {};
    for (const kind of ctx.daemons) {
      ctx.say(`${kind}: start ${sizes.children} programs`);
      runs[kind] = await measureDaemon(ctx, kind, sizes);
    }
    const tend = runs.tend;
    const notes: string[] = [];
    for (const [kind, r] of Object.entries(runs) as [DaemonKind, DaemonRun][]) {
      notes.push(...stopNotes(kind, r.stop));
      if (r.cli.failure) notes.push(`${kind}: supervisorctl status not measured: ${r.cli.failure}`);
      if (r.raw.failure) notes.push(`${kind}: raw XML-RPC call not measured: ${r.raw.failure}`);
      else if (!r.raw.allReused) notes.push(`${kind}: the server did not keep the connection alive between calls (each call paid a connect)`);
    }
    if (tend?.tendctl?.failure) notes.push(`tendctl status: n/a — ${tend.tendctl.failure}`);
    if (tend?.jsonrpc?.failure) notes.push(`JSON-RPC /rpc: n/a — ${tend.jsonrpc.failure}`);

    const ctlX = (v: number): Extra[] => (tend ? [{ label: 'tendctl → tend', value: v }] : []);
    const jsonX = (v: number): Extra[] => (tend ? [{ label: 'JSON-RPC /rpc (tend)', value: v }] : []);
    const figures = [
      figure('cli-median', `\`supervisorctl status\`, median of ${sizes.cliRuns} (CLI, ${sizes.children} lines to a pipe)`, 'ms', 1,
        mapDaemons(runs, (r) => median(r.cli)), undefined, ctlX(median(tend?.tendctl))),
      figure('cli-min', '`status` CLI, fastest run', 'ms', 1, mapDaemons(runs, (r) => cliStat(r.cli, (x) => x.min)), undefined, ctlX(cliStat(tend?.tendctl, (x) => x.min))),
      figure('cli-max', '`status` CLI, slowest run', 'ms', 1, mapDaemons(runs, (r) => cliStat(r.cli, (x) => x.max)), undefined, ctlX(cliStat(tend?.tendctl, (x) => x.max))),
      figure('raw-median', `raw getAllProcessInfo, median of ${sizes.rawCalls} (request written → response parsed)`, 'ms', 2,
        mapDaemons(runs, (r) => rawStat(r.raw, (c) => c.totalMs)), undefined, jsonX(rawStat(tend?.jsonrpc, (c) => c.totalMs))),
      figure('raw-p90', 'raw call, p90', 'ms', 2, mapDaemons(runs, (r) => rawStat(r.raw, (c) => c.totalMs, (x) => x.p90)), undefined, jsonX(rawStat(tend?.jsonrpc, (c) => c.totalMs, (x) => x.p90))),
      figure('raw-min', 'raw call, fastest', 'ms', 2, mapDaemons(runs, (r) => rawStat(r.raw, (c) => c.totalMs, (x) => x.min)), undefined, jsonX(rawStat(tend?.jsonrpc, (c) => c.totalMs, (x) => x.min))),
      figure('raw-headers', 'raw call: request written → response headers, median', 'ms', 2,
        mapDaemons(runs, (r) => rawStat(r.raw, (c) => c.headersMs)), undefined, jsonX(rawStat(tend?.jsonrpc, (c) => c.headersMs))),
      figure('raw-parse', 'raw call: the bench client parsing the body, median', 'ms', 2,
        mapDaemons(runs, (r) => rawStat(r.raw, (c) => c.parseMs)), undefined, jsonX(rawStat(tend?.jsonrpc, (c) => c.parseMs))),
      figure('raw-bytes', 'response body size', 'KiB', 1,
        mapDaemons(runs, (r) => rawStat(r.raw, (c) => c.bytes / 1024)), undefined, jsonX(rawStat(tend?.jsonrpc, (c) => c.bytes / 1024))),
      figure('raw-daemon-cpu', 'daemon CPU per raw call (utime+stime over the series ÷ calls)', 'ms', 1,
        mapDaemons(runs, (r) => r.raw.daemonCpuMsPerCall ?? NaN), undefined, jsonX(tend?.jsonrpc?.daemonCpuMsPerCall ?? NaN)),
    ];

    const sdCli = runs.supervisord ? median(runs.supervisord.cli) : NaN;
    const tdCli = tend ? median(tend.cli) : NaN;
    const tdRaw = tend ? rawStat(tend.raw, (c) => c.totalMs) : NaN;
    const cliMet = Number.isFinite(sdCli) && Number.isFinite(tdCli) ? tdCli <= sdCli * CLI_GOAL_FRACTION : null;
    const rawMet = Number.isFinite(tdRaw) ? tdRaw <= RAW_GOAL_MS : null;
    const tendctlCli = tend ? median(tend.tendctl) : NaN;
    const msText = (v: number, digits: number): string => (Number.isFinite(v) ? `${v.toFixed(digits)} ms` : 'n/a');
    const verdict = (m: boolean | null): string => (m === null ? 'not judged' : m ? 'met' : 'MISSED');
    const cliLimit = sdCli * CLI_GOAL_FRACTION;
    const parts = [
      `CLI: supervisorctl → tend ${msText(tdCli, 1)} vs → supervisord ${msText(sdCli, 1)}${Number.isFinite(sdCli) ? ` (limit ${msText(cliLimit, 1)})` : ''} ${verdict(cliMet)}`,
      `raw XML-RPC call: tend ${msText(tdRaw, 2)} (limit ${RAW_GOAL_MS} ms) ${verdict(rawMet)}`,
      `tendctl → tend ${msText(tendctlCli, 1)}${Number.isFinite(tendctlCli) && Number.isFinite(sdCli) ? ` (${tendctlCli <= cliLimit ? 'within' : 'over'} the CLI limit)` : ''}`,
      `against the issue's ${ISSUE_SUPERVISORD_CLI_MS} ms instead (limit ${ISSUE_SUPERVISORD_CLI_MS * CLI_GOAL_FRACTION} ms): supervisorctl → tend ${Number.isFinite(tdCli) ? (tdCli <= ISSUE_SUPERVISORD_CLI_MS * CLI_GOAL_FRACTION ? 'within' : 'over') : 'n/a'}, tendctl → tend ${Number.isFinite(tendctlCli) ? (tendctlCli <= ISSUE_SUPERVISORD_CLI_MS * CLI_GOAL_FRACTION ? 'within' : 'over') : 'n/a'}`,
    ];
    const met = cliMet === null || rawMet === null ? (cliMet === false || rawMet === false ? false : null) : cliMet && rawMet;
    return {
      name: this.name,
      title: this.title,
      params: {
        children: sizes.children, startsecs: 0, cliRuns: sizes.cliRuns, rawCalls: sizes.rawCalls,
        warmups: '1 per series, not counted', minfds: minfdsFor(sizes.children),
      },
      figures,
      goal: {
        text: `CLI \`status\` ≤ ${CLI_GOAL_FRACTION === 0.2 ? '1/5' : String(CLI_GOAL_FRACTION)} of supervisord's and raw getAllProcessInfo ≤ ${RAW_GOAL_MS} ms (issue 4 figures: supervisord ≈ 1.18 s CLI, ≈ 706 ms raw)`,
        met,
        detail: parts.join('; '),
      },
      notes,
      raw: runs,
    };
  },
};
