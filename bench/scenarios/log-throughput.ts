// log-throughput (issue 6): a program writes a deterministic stream to stdout (lib/streamer.c) and
// the daemon logs it through rotation (stdout_logfile_maxbytes=50MB, stdout_logfile_backups=5).
//   bulk:  1 GiB in 64 KiB write(2)s — MB/s (writer's first write → the stream's last record is in
//          the log, polled every 20 ms), the daemon's CPU-seconds, and bytes landed vs written.
//   lines: 5,000,000 lines of 40 bytes, one write(2) per line — the daemon's CPU-seconds.
// Every record names its own stream offset, so after the run the surviving files (.5 … .1, then
// the live file) are checked byte for byte against the stream: the first surviving byte's offset
// is what rotation discarded, and discarded + landed must equal written with 0 bytes differing.
// The physical baseline is the same writer with stdout redirected straight to a file.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, fstatSync, mkdirSync, openSync, readFileSync, readSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { renderConfig } from '../lib/config.js';
import { launchDaemon, stopNotes, type DaemonKind, type StopReport } from '../lib/daemon.js';
import { figure, mapDaemons, type PerDaemon } from '../lib/figures.js';
import { clockTicksPerSecond, readCpuTicks } from '../lib/proc.js';
import { sleepMs } from '../lib/sleep.js';
import { BENCH_OUT, buildStreamer, checkStream, type CheckResult } from '../lib/streamer.js';
import type { Figure, Scenario, ScenarioContext, ScenarioResult } from '../lib/types.js';

const THROUGHPUT_GOAL = 0.9;
const LINES_CPU_GOAL_FRACTION = 1 / 3;
const POLL_MS = 20;

interface Variant { readonly id: 'bulk' | 'lines'; readonly total: number; readonly chunk: number; readonly rec: number }
const SIZES = {
  full: {
    maxbytes: '50MB', backups: 5, timeoutMs: 240_000,
    variants: [{ id: 'bulk', total: 1024 ** 3, chunk: 65536, rec: 64 }, { id: 'lines', total: 5_000_000 * 40, chunk: 40, rec: 40 }] as Variant[],
  },
  smoke: {
    maxbytes: '1MB', backups: 5, timeoutMs: 30_000,
    variants: [{ id: 'bulk', total: 8 * 1024 ** 2, chunk: 65536, rec: 64 }, { id: 'lines', total: 50_000 * 40, chunk: 40, rec: 40 }] as Variant[],
  },
};
type Sizes = typeof SIZES.full;

interface Run {
  /** Writer's first write → mtime of the log file holding the stream's last record. */
  readonly seconds: number;
  readonly mbPerSecond: number;
  /** Writer's first → last write (it blocks while the pipe is full). */
  readonly writerSeconds: number;
  readonly daemonCpuSeconds: number;
  readonly check: CheckResult;
  readonly survivingFiles: number;
  /** written − (discarded by rotation + landed) + bytes that differ. */
  readonly lostOrAltered: number;
  readonly stop?: StopReport;
}

const MB = 1e6;

function times(path: string): { s: number; e: number } {
  const text = readFileSync(path, 'utf8');
  const get = (k: string): number => {
    const m = new RegExp(`^${k} (\\d+) `, 'm').exec(text);
    if (!m) throw new Error(`${path} has no ${k} record:\n${text}`);
    return Number(BigInt(m[1] as string) / 1_000_000n);
  };
  return { s: get('S'), e: get('E') };
}

function lastRecord(v: Variant): Buffer {
  const off = v.total - v.rec;
  return Buffer.from(`${off.toString(16).padStart(15, '0')}${'.'.repeat(v.rec - 16)}\n`, 'latin1');
}

function endsWith(path: string, tail: Buffer): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return false;
  }
  try {
    // fstat, not stat(path): the daemon may rename the file away (rotation) between the open and now.
    const size = fstatSync(fd).size;
    if (size < tail.length) return false;
    const buf = Buffer.alloc(tail.length);
    readSync(fd, buf, 0, tail.length, size - tail.length);
    return buf.equals(tail);
  } finally {
    closeSync(fd);
  }
}

function surviving(log: string, backups: number): string[] {
  const files: string[] = [];
  for (let i = backups; i >= 1; i--) if (existsSync(`${log}.${i}`)) files.push(`${log}.${i}`);
  files.push(log);
  return files;
}

function summarizeCheck(v: Variant, check: CheckResult): number {
  return v.total - (check.start + check.landed) + check.mismatches;
}

async function baseline(streamer: string, dir: string, v: Variant): Promise<Run> {
  mkdirSync(dir, { recursive: true });
  const out = join(dir, 'baseline.out');
  const timesPath = join(dir, 'times.txt');
  const fd = openSync(out, 'w');
  const child = spawn(streamer, ['write', String(v.total), String(v.chunk), String(v.rec), timesPath], { stdio: ['ignore', fd, 'inherit'] });
  closeSync(fd);
  const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
  if (code !== 0) throw new Error(`baseline writer exited ${String(code)}`);
  const t = times(timesPath);
  const check = checkStream(streamer, v.rec, v.total, [out]);
  rmSync(out, { force: true });
  const seconds = Math.max(1, t.e - t.s) / 1000;
  return { seconds, mbPerSecond: v.total / MB / seconds, writerSeconds: seconds, daemonCpuSeconds: 0, check, survivingFiles: 1, lostOrAltered: summarizeCheck(v, check) };
}

async function measure(ctx: ScenarioContext, kind: DaemonKind, streamer: string, v: Variant, sizes: Sizes): Promise<Run> {
  const dir = join(ctx.workDir, `${kind}-${v.id}`);
  mkdirSync(dir, { recursive: true });
  const configText = `${renderConfig({ probePath: ctx.probe.path, programs: [] })}
[program:w]
command=${streamer} write ${v.total} ${v.chunk} ${v.rec} %(here)s/times.txt
autostart=true
autorestart=false
startsecs=0
stdout_logfile=%(here)s/w.out.log
stdout_logfile_maxbytes=${sizes.maxbytes}
stdout_logfile_backups=${sizes.backups}
stderr_logfile=%(here)s/w.err.log
`;
  const log = join(dir, 'w.out.log');
  const tail = lastRecord(v);
  const daemon = await launchDaemon({ kind, binaries: ctx.binaries, dir, configText, probePath: streamer });
  const cpu0 = readCpuTicks(daemon.pid).self;
  let doneAt: number;
  let cpu1: number;
  let stop: StopReport;
  try {
    const deadline = Date.now() + sizes.timeoutMs;
    let last: string;
    for (;;) {
      // The last record is in the live file, or (if the last write triggered a rollover) in .1.
      if (endsWith(log, tail)) { last = log; break; }
      if (existsSync(log) && statSync(log).size === 0 && endsWith(`${log}.1`, tail)) { last = `${log}.1`; break; }
      if (Date.now() > deadline) throw new Error(`${kind}: the stream's last record did not reach ${log} within ${sizes.timeoutMs} ms`);
      await sleepMs(POLL_MS);
    }
    cpu1 = readCpuTicks(daemon.pid).self;
    // The end is the mtime of that file (its last write), not when the 20 ms poll noticed: at
    // GB/s a poll step would be several percent of the run.
    doneAt = Number(statSync(last, { bigint: true }).mtimeNs / 1_000_000n);
  } finally {
    stop = await daemon.stop();
  }
  const t = times(join(dir, 'times.txt'));
  const files = surviving(log, sizes.backups);
  const check = checkStream(streamer, v.rec, v.total, files);
  const seconds = (doneAt - t.s) / 1000;
  return {
    seconds, mbPerSecond: v.total / MB / seconds, writerSeconds: (t.e - t.s) / 1000,
    daemonCpuSeconds: (cpu1 - cpu0) / clockTicksPerSecond(), check, survivingFiles: files.length,
    lostOrAltered: summarizeCheck(v, check), stop,
  };
}

export const logThroughput: Scenario = {
  name: 'log-throughput',
  title: 'Log throughput through rotation (1 GiB in 64 KiB writes; 5 M lines of 40 bytes)',
  summary: '1 GiB to stdout through 50MB × 5 rotation: MB/s vs a plain file, daemon CPU, bytes lost/altered; and 5M 40-byte lines: daemon CPU',
  async run(ctx: ScenarioContext): Promise<ScenarioResult> {
    const sizes = ctx.smoke ? SIZES.smoke : SIZES.full;
    const streamer = buildStreamer(BENCH_OUT);
    const figures: Figure[] = [];
    const notes: string[] = [];
    const raw: Record<string, { baseline: Run; runs: PerDaemon<Run> }> = {};
    for (const v of sizes.variants) {
      ctx.say(`${v.id}: baseline (writer → file)`);
      const base = await baseline(streamer, join(ctx.workDir, `baseline-${v.id}`), v);
      const runs: PerDaemon<Run> = {};
      for (const kind of ctx.daemons) {
        ctx.say(`${kind}: ${v.id}, ${(v.total / MB).toFixed(0)} MB in ${v.chunk}-byte writes`);
        runs[kind] = await measure(ctx, kind, streamer, v, sizes);
      }
      raw[v.id] = { baseline: base, runs };
      const what = v.id === 'bulk' ? `${(v.total / 1024 ** 3).toFixed(3)} GiB in ${v.chunk / 1024} KiB writes` : `${v.total / v.rec} lines of ${v.rec} bytes, one write each`;
      figures.push(
        figure(`${v.id}-mbps`, `${what}: MB/s (first write → mtime of the log holding the last record)`, 'MB/s', 0, mapDaemons(runs, (r) => r.mbPerSecond), { label: 'writer → file', value: base.mbPerSecond }),
        figure(`${v.id}-cpu`, `${what}: daemon CPU-seconds`, 's', 2, mapDaemons(runs, (r) => r.daemonCpuSeconds)),
        figure(`${v.id}-discarded`, `${what}: bytes discarded by rotation (offset of the first surviving byte)`, 'MB', 1, mapDaemons(runs, (r) => r.check.start / MB)),
        figure(`${v.id}-landed`, `${what}: bytes in the surviving files`, 'MB', 1, mapDaemons(runs, (r) => r.check.landed / MB)),
        figure(`${v.id}-lost`, `${what}: bytes lost or altered (written − discarded − landed + differing)`, 'B', 0, mapDaemons(runs, (r) => r.lostOrAltered), { label: 'writer → file', value: base.lostOrAltered }),
      );
      for (const [kind, r] of Object.entries(runs)) {
        notes.push(`${v.id}, ${kind}: ${r.survivingFiles} surviving files; ${r.check.mismatches} differing bytes${r.check.mismatches ? ` (first at surviving byte ${r.check.firstBad})` : ''}; the writer itself took ${r.writerSeconds.toFixed(2)} s (blocked on the pipe)`);
        if (r.stop) notes.push(...stopNotes(kind as DaemonKind, r.stop));
      }
    }
    const bulk = raw['bulk'] as { baseline: Run; runs: PerDaemon<Run> };
    const lines = raw['lines'] as { baseline: Run; runs: PerDaemon<Run> };
    const tendMbps = bulk.runs.tend?.mbPerSecond ?? null;
    const lost = [bulk.runs.tend?.lostOrAltered, lines.runs.tend?.lostOrAltered];
    const tendCpu = lines.runs.tend?.daemonCpuSeconds ?? null;
    const sdCpu = lines.runs.supervisord?.daemonCpuSeconds ?? null;
    const parts = [
      tendMbps === null ? null : tendMbps >= bulk.baseline.mbPerSecond * THROUGHPUT_GOAL,
      lost.some((x) => x === undefined) ? null : lost.every((x) => x === 0),
      tendCpu === null || sdCpu === null ? null : tendCpu <= sdCpu * LINES_CPU_GOAL_FRACTION,
    ];
    return {
      name: this.name,
      title: this.title,
      params: { maxbytes: sizes.maxbytes, backups: sizes.backups, variants: sizes.variants.map((v) => `${v.id}:${v.total}B/${v.chunk}B`).join(' ') },
      figures,
      goal: {
        text: 'tend ≥ 90 % of the writer → file throughput, 0 bytes lost or altered, and lines CPU ≤ 1/3 of supervisord\'s (issue 6: ≈ 3.47 CPU-s)',
        met: parts.includes(false) ? false : parts.includes(null) ? null : true,
        detail: `throughput ${tendMbps?.toFixed(0) ?? '—'} MB/s vs baseline ${bulk.baseline.mbPerSecond.toFixed(0)} MB/s (need ${(bulk.baseline.mbPerSecond * THROUGHPUT_GOAL).toFixed(0)}): ${String(parts[0])}; `
          + `lost/altered ${lost.map(String).join(' + ')} B: ${String(parts[1])}; lines CPU tend ${tendCpu?.toFixed(2) ?? '—'} s vs supervisord ${sdCpu?.toFixed(2) ?? '—'} s (limit ${sdCpu === null ? '—' : (sdCpu * LINES_CPU_GOAL_FRACTION).toFixed(2)}): ${String(parts[2])}`,
      },
      notes,
      raw,
    };
  },
};
