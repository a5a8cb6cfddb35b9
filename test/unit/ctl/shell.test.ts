// The interactive shell loop and its history file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runShell } from '../../../packages/ctl/src/shell.js';
import { loadHistory, saveHistory } from '../../../packages/ctl/src/history.js';
import { FakeServer, FakeTerminal, info, runCtl } from './harness.js';

test('the shell runs status first, then prompts `<prompt>> ` until quit; the exit status stays out of it', async () => {
  const s = new FakeServer().on('supervisor.getAllProcessInfo', [info('a', 'a', 'STOPPED')]).on('supervisor.getPID', 5);
  const term = new FakeTerminal();
  term.answers.push('pid', 'foo', 'quit', 'never read');
  const { controller } = await runCtl(s, [], { term, interactive: true });
  await runShell(controller, term, 'mine');
  assert.deepEqual(term.prompts, ['mine> ', 'mine> ', 'mine> ']);
  assert.equal(term.out, 'a                                STOPPED   Not started\n5\n*** Unknown syntax: foo\n\n');
});

test('EOF or Ctrl-C at the prompt prints an empty line and ends the shell', async () => {
  const term = new FakeTerminal();
  const s = new FakeServer().on('supervisor.getAllProcessInfo', []);
  const { controller } = await runCtl(s, [], { term, interactive: true });
  await runShell(controller, term, 'supervisor');
  assert.equal(term.out, '\n');
});

test('history: oldest first on disk, newest first in memory; unwritable files are ignored', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'tendctl-hist-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'h');
  writeFileSync(file, 'status\npid all\n');
  assert.deepEqual(loadHistory(file), ['pid all', 'status']);
  saveHistory(file, ['version', 'pid all', 'status']);
  assert.equal(readFileSync(file, 'utf8'), 'status\npid all\nversion\n');
  assert.deepEqual(loadHistory(join(dir, 'missing')), []);
  saveHistory(join(dir, 'no/such/dir/h'), ['x']);
});
