// `npm run bench -- --smoke`: every scenario runs at tiny sizes (3 restarts, 2 s windows, 20
// programs) against tendd and the real supervisord, and produces a number for each figure for
// both daemons. Proves the benchmark works; the figures themselves are not judged here.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { REPO } from '../../helpers/bins.js';
import { requireTool } from '../../helpers/tools.js';

const SUPERVISORD = process.env['TEND_BENCH_SUPERVISORD'] ?? '/usr/bin/supervisord';
const SCENARIOS = ['restart-latency', 'crash-loop-cpu', 'idle-1000', 'start-1000'];

interface FigureJson {
  id: string;
  tend: number | null;
  supervisord: number | null;
}
interface ScenarioJson {
  name: string;
  error?: string;
  figures?: FigureJson[];
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
      cwd: REPO, encoding: 'utf8', timeout: 150_000, env: { ...process.env, NODE_TEST_CONTEXT: undefined },
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

  for (const name of SCENARIOS) {
    test(`${name}: a number for every figure from tend`, () => {
      const s = run.scenarios.find((x) => x.name === name);
      assert.ok(s?.figures?.length, `${name} has no figures`);
      for (const f of s.figures) assert.ok(typeof f.tend === 'number' && Number.isFinite(f.tend), `${name} ${f.id}: tend = ${String(f.tend)}`);
    });

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
