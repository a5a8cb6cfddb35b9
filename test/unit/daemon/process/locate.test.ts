import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { DEFAULT_PATH, locateCommand } from '../../../../packages/daemon/src/process/locate.js';

const IS_ROOT = process.getuid?.() === 0;

// bin1/tool (executable), bin2/tool (executable), bin2/only2, dir/ (a directory named `sub`),
// plain (mode 644), rel/run (executable, reached as ./rel/run from the root).
function tree(t: TestContext): string {
  const root = mkdtempSync(join(tmpdir(), 'tend-locate-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  for (const d of ['bin1', 'bin2', 'bin3/sub', 'rel']) mkdirSync(join(root, d), { recursive: true });
  const exe = (p: string, mode = 0o755): void => {
    writeFileSync(join(root, p), '#!/bin/sh\n');
    chmodSync(join(root, p), mode);
  };
  exe('bin1/tool');
  exe('bin2/tool');
  exe('bin2/only2');
  exe('bin2/plain', 0o644);
  exe('bin2/sub');
  exe('rel/run');
  exe('rel/ownerx', 0o100);
  return root;
}

test('a name is searched along the program PATH; the first directory where stat succeeds wins', (t) => {
  const root = tree(t);
  const env = { PATH: `${root}/missing:${root}/bin1:${root}/bin2` };
  assert.deepEqual(locateCommand('tool -x "a b"', env, '/usr/bin', '/'), { ok: true, file: `${root}/bin1/tool`, argv: ['tool', '-x', 'a b'] });
  assert.deepEqual(locateCommand('only2', env, undefined, '/'), { ok: true, file: `${root}/bin2/only2`, argv: ['only2'] });
});

test('the first stat-able entry wins even when it is a directory or not executable', (t) => {
  const root = tree(t);
  const env = { PATH: `${root}/bin3:${root}/bin2` };
  assert.deepEqual(locateCommand('sub', env, undefined, '/'), {
    ok: false, kind: 'NOT_EXECUTABLE', error: `command at '${root}/bin3/sub' is a directory`,
  });
  assert.deepEqual(locateCommand('plain', { PATH: `${root}/bin2:${root}/bin1` }, undefined, '/'), {
    ok: false, kind: 'NOT_EXECUTABLE', error: `command at '${root}/bin2/plain' is not executable`,
  });
});

test('without a program PATH the daemon PATH is used, and without that the default', (t) => {
  const root = tree(t);
  assert.deepEqual(locateCommand('tool', {}, `${root}/bin2`, '/'), { ok: true, file: `${root}/bin2/tool`, argv: ['tool'] });
  assert.equal(DEFAULT_PATH, '/bin:/usr/bin:/usr/local/bin');
  assert.deepEqual(locateCommand('sh', {}, undefined, '/'), { ok: true, file: '/bin/sh', argv: ['sh'] });
  // An empty daemon PATH counts as none (options.get_path's `if p:`).
  assert.deepEqual(locateCommand('sh', {}, '', '/'), { ok: true, file: '/bin/sh', argv: ['sh'] });
});

test('a program PATH is used even when empty: its one entry is the current directory', (t) => {
  const root = tree(t);
  assert.deepEqual(locateCommand('tool', { PATH: '' }, '/usr/bin', `${root}/bin1`), { ok: true, file: 'tool', argv: ['tool'] });
  assert.deepEqual(locateCommand('sh', { PATH: '' }, '/bin', root), { ok: false, kind: 'NO_FILE', error: "can't find command 'sh'" });
});

test('a name that is found nowhere is reported as written', (t) => {
  const root = tree(t);
  assert.deepEqual(locateCommand('nosuch arg', { PATH: `${root}/bin1` }, undefined, '/'), {
    ok: false, kind: 'NO_FILE', error: "can't find command 'nosuch'",
  });
});

test('a path with a slash is used as is, and a relative one is stat\'ed from the daemon\'s cwd', (t) => {
  const root = tree(t);
  assert.deepEqual(locateCommand('./rel/run a', {}, undefined, root), { ok: true, file: './rel/run', argv: ['./rel/run', 'a'] });
  assert.deepEqual(locateCommand('rel/run', {}, undefined, root), { ok: true, file: 'rel/run', argv: ['rel/run'] });
  assert.deepEqual(locateCommand('./rel/run', {}, undefined, '/'), { ok: false, kind: 'NO_FILE', error: "can't find command './rel/run'" });
  assert.deepEqual(locateCommand(`${root}/rel`, {}, undefined, '/'), {
    ok: false, kind: 'NOT_EXECUTABLE', error: `command at '${root}/rel' is a directory`,
  });
});

test('symlinks are followed', (t) => {
  const root = tree(t);
  symlinkSync(join(root, 'bin1/tool'), join(root, 'rel/link'));
  symlinkSync(join(root, 'nowhere'), join(root, 'rel/dangling'));
  assert.deepEqual(locateCommand(`${root}/rel/link`, {}, undefined, '/'), { ok: true, file: `${root}/rel/link`, argv: [`${root}/rel/link`] });
  assert.deepEqual(locateCommand(`${root}/rel/dangling`, {}, undefined, '/'), {
    ok: false, kind: 'NO_FILE', error: `can't find command '${root}/rel/dangling'`,
  });
});

test('an execute bit that does not apply to us is a permission problem', { skip: IS_ROOT && 'root may exec any file with an x bit' }, (t) => {
  const root = tree(t);
  chmodSync(join(root, 'rel/ownerx'), 0o010);
  assert.deepEqual(locateCommand(`${root}/rel/ownerx`, {}, undefined, '/'), {
    ok: false, kind: 'NOT_EXECUTABLE', error: `no permission to run command '${root}/rel/ownerx'`,
  });
});

test('command parse errors are NOT_EXECUTABLE with supervisor\'s BadCommand texts', () => {
  assert.deepEqual(locateCommand('  ', {}, undefined, '/'), { ok: false, kind: 'NOT_EXECUTABLE', error: 'command is empty' });
  assert.deepEqual(locateCommand('echo "x', {}, undefined, '/'), {
    ok: false, kind: 'NOT_EXECUTABLE', error: `can't parse command 'echo "x': No closing quotation`,
  });
});

test('names are quoted with Python repr', (t) => {
  const root = tree(t);
  assert.deepEqual(locateCommand(`"it's"`, { PATH: `${root}/bin1` }, undefined, '/'), {
    ok: false, kind: 'NO_FILE', error: `can't find command "it's"`,
  });
});
