// Differential acceptance test of the config loader: for every case of the corpus in
// test/fixtures/conf/differential/<NN-slug>/supervisord.conf, tend's resolved config must equal
// supervisord 4.2.5's own reading of the same files, taken from the real supervisor package in
// this same run (test/helpers/supervisor-reference.py). Where supervisord refuses a file, tend
// must refuse it too, with supervisord's error text among its issues.
//
// Corpus conventions: a case whose name contains `-err-` is one supervisord refuses, and its
// supervisord.conf holds a `; expect-error: <text>` line with a part of supervisord's message,
// so a fixture that stops failing for the intended reason is caught here too.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { toComparable } from '../../../../packages/daemon/src/config/comparable.js';
import { loadConfig } from '../../../../packages/daemon/src/config/load.js';
import {
  isReferenceConfig,
  isReferenceError,
  requireSupervisorPython,
  runSupervisorReference,
  type ReferenceResult,
} from '../../../helpers/reference.js';

const CORPUS = fileURLToPath(new URL('../../../fixtures/conf/differential/', import.meta.url));

/** The environment both sides see: ENV_* expansions, `~` (HOME), and the "Available names" lists in errors. */
const CASE_ENV: Readonly<Record<string, string>> = {
  HOME: '/tmp',
  PATH: '/usr/local/bin:/usr/bin:/bin',
  LANG: 'C.UTF-8',
  TEND_PCT: '50%',
};

interface CorpusCase {
  readonly name: string;
  readonly dir: string;
  readonly configFile: string;
  /** Part of supervisord's error text, for `-err-` cases; null for cases supervisord accepts. */
  readonly expectError: string | null;
}

function listCorpus(): CorpusCase[] {
  return readdirSync(CORPUS, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const dir = join(CORPUS, name);
      const configFile = join(dir, 'supervisord.conf');
      const text = readFileSync(configFile).toString('utf8');
      const m = /^; expect-error: (.*?)\r?$/m.exec(text);
      const isErr = name.includes('-err-');
      if (isErr && !m) throw new Error(`corpus case ${name} is named -err- but has no "; expect-error: …" line`);
      if (!isErr && m) throw new Error(`corpus case ${name} has an expect-error line but no -err- in its name`);
      return { name, dir, configFile, expectError: m?.[1] ?? null };
    });
}

const cases = listCorpus();

let referencePromise: Promise<ReferenceResult[]> | undefined;
function reference(): Promise<ReferenceResult[]> {
  referencePromise ??= runSupervisorReference(cases.map((c) => ({ configFile: c.configFile, cwd: c.dir, env: CASE_ENV })));
  return referencePromise;
}

async function referenceFor(index: number): Promise<ReferenceResult> {
  const ref = (await reference())[index];
  assert.ok(ref !== undefined, `no reference result for case #${index}`);
  if ('crash' in ref) assert.fail(`supervisor-reference.py crashed on ${cases[index]?.name ?? index}:\n${ref.crash}`);
  return ref;
}

const WHY = 'the config differential test compares tend with supervisor 4.2.5 reading the same files';

test('corpus: at least 30 cases, and supervisord both accepts and refuses some', async (t) => {
  assert.ok(cases.length >= 30, `the corpus has ${cases.length} cases; at least 30 are required`);
  if (!requireSupervisorPython(t, WHY)) return;
  const refs = await reference();
  const accepted = refs.filter(isReferenceConfig).length;
  const refused = refs.filter(isReferenceError).length;
  assert.ok(accepted > 0, 'supervisord accepted no corpus case');
  assert.ok(refused >= 12, `supervisord refused only ${refused} corpus cases; at least 12 error cases are required`);
  t.diagnostic(`${cases.length} cases: supervisord accepts ${accepted}, refuses ${refused}`);
});

cases.forEach((c, index) => {
  test(c.name, async (t) => {
    if (!requireSupervisorPython(t, WHY)) return;
    const ref = await referenceFor(index);

    // The fixture still tests what it was written for.
    if (c.expectError === null) {
      assert.ok(isReferenceConfig(ref), `corpus fixture ${c.name} is meant to load, but supervisord refuses it:\n  ${isReferenceError(ref) ? ref.error : ''}`);
    } else {
      assert.ok(isReferenceError(ref), `corpus fixture ${c.name} is meant to be refused (${c.expectError}), but supervisord accepts it`);
      assert.ok(ref.error.includes(c.expectError), `corpus fixture ${c.name}: supervisord refuses it, but not for the intended reason.\n  expected a message containing: ${c.expectError}\n  supervisord said: ${ref.error}`);
    }

    const result = loadConfig({ configFile: c.configFile, cwd: c.dir, env: CASE_ENV });

    if (isReferenceError(ref)) {
      if (result.ok) assert.fail(`supervisord refuses this file with\n  Error: ${ref.error}\nbut tend loaded it`);
      const texts = result.issues.map((i) => i.supervisorText);
      assert.ok(texts.includes(ref.error),
        `tend refuses the file, but none of its issues carries supervisord's text.\n  supervisord: ${JSON.stringify(ref.error)}\n  tend: ${texts.map((s) => JSON.stringify(s)).join('\n        ')}`);
      return;
    }
    if (isReferenceConfig(ref)) {
      if (!result.ok) {
        assert.fail(`supervisord loads this file, but tend refuses it:\n  ${result.issues.map((i) => `${i.message}  [supervisorText: ${JSON.stringify(i.supervisorText)}]`).join('\n  ')}`);
      }
      assert.deepStrictEqual(toComparable(result.config), ref.config);
      const tendWarnings = [...new Set(result.warnings.flatMap((w) => (w.supervisorText === undefined ? [] : [w.supervisorText])))].sort();
      assert.deepStrictEqual(tendWarnings, [...new Set(ref.warnings)].sort(), 'parse warnings (supervisorText) differ');
      assert.deepStrictEqual([...result.infos], [...ref.infos], 'parse infos differ');
    }
  });
});
