// `npm run bench -- --smoke`: every scenario runs at tiny sizes (3 restarts, 2 s windows, 20
// programs, 5 conf.d files; for issue 6: a 10-program mass start, 8 MiB through rotation, 1 s of
// wrk) against tendd and the real supervisord, and produces a number for each figure for both
// daemons. Proves the benchmark works; the figures themselves are not judged here (except that
// log-throughput must lose no byte). The tendctl / JSON-RPC columns (`extras`) must be a number or
// NaN with a note saying why.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { REPO } from '../../helpers/bins.js';
import { requireTool } from '../../helpers/tools.js';

const SUPERVISORD = process.env['TEND_BENCH_SUPERVISORD'] ?? '/usr/bin/supervisord';
const SCENARIOS = [
  'restart-latency', 'crash-loop-cpu', 'idle-1000', 'start-1000',
  'ctl-status-1000', 'reread-update-add-200', 'update-remove-200',
  // issue 6
  'mass-start', 'idle-0-100', 'log-throughput', 'stop-all', 'restart-under-load',
  // opt-in at full size (an hour); included by --smoke
  'soak-1000',
];
// The ones that drive the daemon through supervisorctl (and tendctl).
const CTL_SCENARIOS = new Set(['ctl-status-1000', 'reread-update-add-200', 'update-remove-200']);

interface FigureJson {
  id: string;
  tend: number | null;
  supervisord: number | null;
  extras?: { label: string; value: number | null }[];
}
interface ScenarioJson {
  name: string;
  error?: string;
  figures?: FigureJson[];
  notes?: string[];
}
interface RunJson {
  smoke: boolean;
  supervisordMissing: string | null;
  scenarios: ScenarioJson[];
}

describe('bench --smoke', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tend-bench-smoke-'));
  const out = join(dir, 'run.json');
  let run: RunJson;
  let stderr = '';

  before(() => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'bench/run.ts', '--smoke', '--out', out, '--supervisord', SUPERVISORD], {
      cwd: REPO, encoding: 'utf8', timeout: 240_000, env: { ...process.env, NODE_TEST_CONTEXT: undefined },
    });
    stderr = r.stderr;
    assert.equal(r.error, undefined, `bench did not finish: ${String(r.error)}\n${stderr}`);
    assert.equal(r.status, 0, `bench exited ${String(r.status)}:\n${r.stdout}\n${stderr}`);
    run = JSON.parse(readFileSync(out, 'utf8')) as RunJson;
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('runs every scenario at smoke sizes', () => {
    assert.equal(run.smoke, true);
    assert.deepEqual(run.scenarios.map((s) => s.name), SCENARIOS);
    for (const s of run.scenarios) assert.equal(s.error, undefined, `${s.name} failed: ${s.error ?? ''}`);
  });

  test('log-throughput: the stream lands byte for byte (0 lost or altered) through both daemons', () => {
    const s = run.scenarios.find((x) => x.name === 'log-throughput');
    const lost = (s?.figures ?? []).filter((f) => f.id.endsWith('-lost'));
    assert.ok(lost.length > 0, 'log-throughput has no -lost figures');
    for (const f of lost) {
      assert.equal(f.tend, 0, `${f.id}: tend lost or altered ${String(f.tend)} bytes`);
      if (f.supervisord !== null) assert.equal(f.supervisord, 0, `${f.id}: supervisord lost or altered ${String(f.supervisord)} bytes`);
    }
  });

  for (const name of SCENARIOS) {
    test(`${name}: a number for every figure from tend`, () => {
      const s = run.scenarios.find((x) => x.name === name);
      assert.ok(s?.figures?.length, `${name} has no figures`);
      for (const f of s.figures) assert.ok(typeof f.tend === 'number' && Number.isFinite(f.tend), `${name} ${f.id}: tend = ${String(f.tend)}`);
    });

    if (CTL_SCENARIOS.has(name)) {
      test(`${name}: the tendctl / JSON-RPC columns are numbers, or n/a with a note`, () => {
        const s = run.scenarios.find((x) => x.name === name);
        const extras = (s?.figures ?? []).flatMap((f) => (f.extras ?? []).map((e) => ({ ...e, id: f.id })));
        assert.ok(extras.length > 0, `${name} has no tendctl / JSON-RPC column`);
        for (const e of extras) {
          // JSON has no NaN: an unmeasured extra is null, and the notes must say why.
          if (typeof e.value === 'number' && Number.isFinite(e.value)) continue;
          assert.ok((s?.notes ?? []).some((n) => n.includes('n/a')), `${name} ${e.id} ${e.label} = ${String(e.value)} with no n/a note`);
        }
      });
    }

    test(`${name}: a number for every figure from supervisord`, (t) => {
      if (!requireTool(t, SUPERVISORD, 'the benchmark compares tend with the real supervisord')) return;
      assert.equal(run.supervisordMissing, null, stderr);
      const s = run.scenarios.find((x) => x.name === name);
      assert.ok(s?.figures?.length, `${name} has no figures`);
      for (const f of s.figures) {
        assert.ok(typeof f.supervisord === 'number' && Number.isFinite(f.supervisord), `${name} ${f.id}: supervisord = ${String(f.supervisord)}`);
      }
    });
  }
});
