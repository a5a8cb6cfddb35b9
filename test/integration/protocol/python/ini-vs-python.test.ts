// Differential test: our INI reader against supervisor's own UnhosedConfigParser (Python 3),
// on seeded random texts full of the dialect's corner cases. All cases go to one Python process.
import { test } from 'node:test';
import type { TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createRawIni, expandHere, parseIniInto, type RawIni, type RawValue } from '../../../../packages/protocol/src/python/ini.js';
import { generateIniCases } from '../../../helpers/ini-grammar.js';
import type { IniFile } from '../../../helpers/ini-grammar.js';

const PYTHON = '/usr/bin/python3';
const SCRIPT = fileURLToPath(new URL('../../../helpers/ini-reference.py', import.meta.url));
const HERE = '/etc/sv dir';
const SEED = 0x5eed1;
const CASES = 640;
const MULTI_EVERY = 8; // every 8th case reads 2–3 files into one parser

type Option = [string, string, number | null];
interface Outcome {
  error: { kind: string; message: string; lines: [number, string][] } | null;
  sections: [string, string | null, number | null, Option[]][];
  defaults: Option[];
  expanded: [string, [string, string][]][] | null;
}

function options(values: ReadonlyMap<string, RawValue>): Option[] {
  return [...values].map(([k, v]) => [k, v.value, v.line]);
}

function dumpSections(ini: RawIni): Outcome['sections'] {
  return [...ini.sections.values()].map((s) => [s.name, s.file, s.line, options(s.values)]);
}

function runOurs(files: readonly IniFile[]): Outcome {
  const ini = createRawIni();
  let error: Outcome['error'] = null;
  for (const file of files) {
    const e = parseIniInto(ini, file.text, file.name);
    if (e !== null) {
      error = { kind: e.kind, message: e.pythonMessage, lines: e.lines.map((l) => [l.line, l.text]) };
      break;
    }
  }
  const sections = dumpSections(ini);
  const defaults = options(ini.defaults);
  let expanded: Outcome['expanded'] = null;
  if (error === null) {
    expandHere(ini, HERE);
    expanded = [...ini.sections.values()].map((s) => [s.name, [...s.values].map(([k, v]) => [k, v.value])]);
  }
  return { error, sections, defaults, expanded };
}

// Python 3 with supervisor importable, or a reason why not.
function findReferenceProblem(): string | null {
  const probe = spawnSync(PYTHON, ['-c', 'import supervisor.options'], { encoding: 'utf8' });
  if (probe.error !== undefined) return `${PYTHON} cannot run (${probe.error.message})`;
  if (probe.status !== 0) return `${PYTHON} cannot import supervisor.options: ${probe.stderr.trim()}`;
  return null;
}

function skipOrFail(t: TestContext, reason: string): void {
  if (process.env['CI'] === 'true') assert.fail(`reference parser unavailable under CI: ${reason}`);
  t.skip(`reference parser unavailable: ${reason}`);
}

function runPython(cases: readonly (readonly IniFile[])[]): Outcome[] {
  const run = spawnSync(PYTHON, [SCRIPT], {
    input: JSON.stringify({ here: HERE, cases }),
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    timeout: 120_000,
  });
  assert.equal(run.status, 0, `ini-reference.py failed: ${run.error?.message ?? ''}${run.stderr}`);
  return JSON.parse(run.stdout) as Outcome[];
}

test('the INI reader matches supervisor UnhosedConfigParser on generated texts', (t) => {
  const problem = findReferenceProblem();
  if (problem !== null) return skipOrFail(t, problem);
  const cases = generateIniCases(SEED, CASES, MULTI_EVERY);
  const expected = runPython(cases);
  assert.equal(expected.length, cases.length);

  const mismatches: string[] = [];
  cases.forEach((files, i) => {
    const ours = runOurs(files);
    try {
      assert.deepStrictEqual(ours, expected[i]);
    } catch (err) {
      const input = files.map((f) => `${f.name}: ${JSON.stringify(f.text)}`).join('\n');
      mismatches.push(`case ${i}\n${input}\n${err instanceof Error ? err.message : String(err)}`);
    }
  });
  assert.deepEqual(mismatches.slice(0, 3), [], `${mismatches.length} of ${cases.length} cases differ`);

  // The grammar must keep reaching every outcome, or the comparison proves little.
  const kinds = expected.map((o) => o.error?.kind ?? 'ok');
  const count = (kind: string): number => kinds.filter((k) => k === kind).length;
  assert.ok(count('ok') >= 100, `only ${count('ok')} cases parse cleanly`);
  assert.ok(count('parsing') >= 100, `only ${count('parsing')} cases have parsing errors`);
  assert.ok(count('no-section-header') >= 10, `only ${count('no-section-header')} cases lack a header`);
  const merged = cases.filter((c, i) => c.length > 1 && expected[i]?.error === null).length;
  assert.ok(merged >= 15, `only ${merged} multi-file cases parse cleanly`);
});
