// Fuzz test of the RPC decoders and dispatch: over 10,000 generated, mutated and hostile
// XML-RPC and JSON-RPC inputs (built in decoder-fuzz-worker.ts) go through decodeMethodCall /
// decodeMethodResponse / decodeJsonRpcRequest, then through dispatch and the encoders. Nothing
// may throw or hang, every answer must be well-formed, every hostile input refused. The loop
// runs in a worker thread that reports before and after each case; a case that does not
// finish within HANG_MS fails the test with its index.
//
// The seed is random unless TEND_FUZZ_SEED is set; it is printed, and a failure names the case,
// so `TEND_FUZZ_SEED=<seed> TEND_FUZZ_CASE=<index>` runs that one case again.
// TEND_FUZZ_CASES sets the number of cases (default 12,000).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Worker } from 'node:worker_threads';
import type { Category, FuzzJob, FuzzMessage } from './decoder-fuzz-worker.js';

/** A case that has not finished after this long counts as a hang. */
const HANG_MS = 10_000;

function envInt(name: string, fallback: number): number {
  const text = process.env[name];
  if (text === undefined || text === '') return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`${name} must be a non-negative integer, got ${JSON.stringify(text)}`);
  return n;
}

// tsx registers its loader only on the main thread under Node 20, so the worker registers it
// itself before importing the TypeScript entry.
function startWorker(job: FuzzJob): Worker {
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const entry = new URL('./decoder-fuzz-worker.ts', import.meta.url).href;
  const boot = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(boot, { eval: true, workerData: { job }, execArgv: [], resourceLimits: { maxOldGenerationSizeMb: 1024 } });
}

interface Report {
  ran: number;
  readonly byCategory: Map<Category, { ran: number; refused: number; dispatched: number }>;
  readonly violations: Extract<FuzzMessage, { kind: 'violation' }>[];
  stop: string | null;
}

function run(job: FuzzJob): Promise<Report> {
  const report: Report = { ran: 0, byCategory: new Map(), violations: [], stop: null };
  return new Promise((resolve) => {
    const worker = startWorker(job);
    let current: { index: number; category: Category } | null = null;
    let settled = false;
    const finish = (stop: string | null): void => {
      if (settled) return;
      settled = true;
      report.stop = stop;
      clearTimeout(timer);
      void worker.terminate().then(() => resolve(report), () => resolve(report));
    };
    const timer = setTimeout(() => finish(current === null ? 'no progress' : `case ${current.index} (${current.category}) hung for ${HANG_MS} ms`), HANG_MS);
    worker.on('message', (m: FuzzMessage) => {
      timer.refresh();
      if (m.kind === 'begin') current = { index: m.index, category: m.category };
      else if (m.kind === 'violation') report.violations.push(m);
      else if (m.kind === 'end') {
        current = null;
        report.ran++;
        const c = report.byCategory.get(m.category) ?? { ran: 0, refused: 0, dispatched: 0 };
        c.ran++;
        if (m.refused) c.refused++;
        if (m.dispatched) c.dispatched++;
        report.byCategory.set(m.category, c);
      } else finish(null);
    });
    worker.on('error', (err) => finish(`the worker crashed${current ? ` in case ${current.index}` : ''}: ${err.stack ?? err.message}`));
    worker.on('exit', (code) => finish(`the worker exited with code ${code}${current ? ` in case ${current.index}` : ''}`));
  });
}

test('over 10,000 XML-RPC and JSON-RPC inputs: no throw, no hang, well-formed answers, hostile ones refused', { timeout: 600_000 }, async (t) => {
  const seedText = process.env['TEND_FUZZ_SEED'];
  const seed = seedText !== undefined && seedText !== '' ? Number(seedText) >>> 0 : (Date.now() ^ (process.pid << 16)) >>> 0;
  const only = process.env['TEND_FUZZ_CASE'];
  const count = envInt('TEND_FUZZ_CASES', 12_000);
  const job: FuzzJob = only !== undefined && only !== '' ? { seed, from: Number(only), to: Number(only) + 1 } : { seed, from: 0, to: count };
  t.diagnostic(`seed ${seed} (TEND_FUZZ_SEED=${seed} to repeat), cases ${job.from}..${job.to - 1}`);
  const started = Date.now();
  const report = await run(job);
  t.diagnostic(`ran ${report.ran} cases in ${Date.now() - started} ms`);
  for (const [category, c] of [...report.byCategory].sort()) t.diagnostic(`  ${category}: ${c.ran} cases, ${c.refused} refused, ${c.dispatched} dispatched`);
  const describe = (v: (typeof report.violations)[number]): string =>
    `case ${v.index} (${v.category}; TEND_FUZZ_SEED=${seed} TEND_FUZZ_CASE=${v.index}): ${v.problem}\n  input: ${JSON.stringify(v.input.slice(0, 300))}`;
  assert.equal(report.stop, null, `seed ${seed}: ${report.stop ?? ''}`);
  assert.deepEqual(report.violations.slice(0, 5).map(describe), [], `${report.violations.length} violations`);
  assert.equal(report.ran, job.to - job.from);
  if (job.to - job.from >= 10_000) {
    // Each kind of input was exercised, and each produced both outcomes where it can.
    const c = (name: Category) => report.byCategory.get(name)!;
    assert.equal(c('xml-hostile').refused, c('xml-hostile').ran);
    assert.ok(c('xml-generated').dispatched > 100 && c('xml-mutated').refused > 100 && c('json-generated').dispatched > 100 && c('json-mutated').refused > 100);
  }
});
