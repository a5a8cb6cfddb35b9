// The helper program of log-throughput and stop-all (streamer.c), compiled into bench/out with
// `cc -O2` on every run. There is no sh fallback: a shell cannot write a GiB at disk speed, nor
// check one byte for byte, so without a C compiler these scenarios fail with a clear message.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SOURCE = fileURLToPath(new URL('./streamer.c', import.meta.url));
let built: string | null = null;

/** bench/out/streamer (compiled once per bench run). */
export function buildStreamer(outDir: string): string {
  if (built !== null) return built;
  const path = join(outDir, 'streamer');
  for (const cc of [process.env['CC'], 'cc', 'gcc', 'clang']) {
    if (!cc) continue;
    const r = spawnSync(cc, ['-O2', '-Wall', '-o', path, SOURCE], { encoding: 'utf8' });
    if (r.status === 0) {
      built = path;
      return path;
    }
  }
  throw new Error('bench/lib/streamer.c could not be compiled (no working cc/gcc/clang): log-throughput and stop-all need it');
}

/** The bench's output directory (bench/out), where run.ts also compiles the probe. */
export const BENCH_OUT = fileURLToPath(new URL('../out', import.meta.url));

export interface CheckResult {
  /** Stream offset of the first surviving byte: everything before it was discarded by rotation. */
  readonly start: number;
  /** Bytes in the surviving files. */
  readonly landed: number;
  readonly mismatches: number;
  readonly firstBad: number;
}

/** `streamer check`: the surviving files (oldest first) against the stream, byte for byte. */
export function checkStream(streamer: string, rec: number, total: number, files: readonly string[]): CheckResult {
  const r = spawnSync(streamer, ['check', String(rec), String(total), ...files], { encoding: 'utf8' });
  const m = /start=(\d+) landed=(\d+) mismatches=(\d+) first_bad=(\d+)/.exec(r.stdout);
  if (r.status !== 0 || !m) throw new Error(`streamer check failed (${String(r.status)}): ${r.stderr.trim()} ${r.stdout.trim()}`);
  return { start: Number(m[1]), landed: Number(m[2]), mismatches: Number(m[3]), firstBad: Number(m[4]) };
}
