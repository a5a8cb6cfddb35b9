// Runs one of the reference scripts in test/helpers/ with /usr/bin/python3: a JSON array of
// cases on stdin, a JSON array of results (one per case) on stdout. One python process per batch.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The Debian python that has the supervisor package (the `python3` on PATH may be another one). */
export const SUPERVISOR_PYTHON = '/usr/bin/python3';

/** Environment for the python process: UTF-8 locale, nothing else inherited. */
export const REFERENCE_PROCESS_ENV: Readonly<Record<string, string>> = {
  PATH: '/usr/bin:/bin',
  LANG: 'C.UTF-8',
  PYTHONDONTWRITEBYTECODE: '1',
  PYTHONIOENCODING: 'utf-8',
};

export interface RunPythonOptions {
  readonly python?: string;
  /** Deadline for the whole batch. */
  readonly timeoutMs?: number;
  /** Environment of the python process itself (its locale decides how files are decoded). */
  readonly env?: Readonly<Record<string, string>>;
}

/** `script` is a file name in test/helpers/, e.g. `expand-reference.py`. */
export function runPythonJson(script: string, cases: readonly unknown[], options: RunPythonOptions = {}): Promise<unknown[]> {
  const path = fileURLToPath(new URL(`./${script}`, import.meta.url));
  const python = options.python ?? SUPERVISOR_PYTHON;
  const timeoutMs = options.timeoutMs ?? 60_000;
  return new Promise((resolve, reject) => {
    const child = spawn(python, [path], { env: { ...(options.env ?? REFERENCE_PROCESS_ENV) }, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let settled = false;
    const finish = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
    };
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      finish(() => reject(new Error(`${script} did not finish within ${timeoutMs} ms`)));
    }, timeoutMs);
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', (e) => finish(() => reject(new Error(`cannot run ${python}: ${e.message}`))));
    child.on('close', (code, signal) => {
      finish(() => {
        const stderr = Buffer.concat(err).toString('utf8');
        if (code !== 0) {
          reject(new Error(`${script} exited with ${code ?? signal}:\n${stderr}`));
          return;
        }
        let parsed: unknown;
        try {
          parsed = JSON.parse(Buffer.concat(out).toString('utf8'));
        } catch (e) {
          reject(new Error(`${script} printed no valid JSON (${(e as Error).message}); stderr:\n${stderr}`));
          return;
        }
        if (!Array.isArray(parsed) || parsed.length !== cases.length) {
          reject(new Error(`${script} returned no array of ${cases.length} results; stderr:\n${stderr}`));
          return;
        }
        resolve(parsed);
      });
    });
    child.stdin.on('error', () => { /* reported through 'close' */ });
    child.stdin.end(JSON.stringify(cases));
  });
}

/** Deterministic PRNG (mulberry32), so a failing generated case can be reproduced from its seed. */
export function createRandom(seed: number): { next(): number; int(n: number): number; pick<T>(items: readonly T[]): T } {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number): number => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => {
    const item = items[int(items.length)];
    if (item === undefined) throw new RangeError('pick from an empty list');
    return item;
  };
  return { next, int, pick };
}
