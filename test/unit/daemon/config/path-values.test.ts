// Path-valued converters, checked against directories of this repository (read-only) and the
// fixture passwd file; $HOME is set per test and restored.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import {
  toExistingDirectory, toExistingDirpath, toExpandedPath, toLogfileName,
} from '../../../../packages/daemon/src/config/path-values.js';
import type { UserDbFiles } from '../../../../packages/daemon/src/config/users.js';

const FIXTURES = fileURLToPath(new URL('../../../fixtures/users', import.meta.url));
const FILES: UserDbFiles = { passwd: `${FIXTURES}/passwd`, group: `${FIXTURES}/group` };

function withHome(home: string | undefined, fn: () => void): void {
  const saved = process.env['HOME'];
  if (home === undefined) delete process.env['HOME'];
  else process.env['HOME'] = home;
  try {
    fn();
  } finally {
    if (saved === undefined) delete process.env['HOME'];
    else process.env['HOME'] = saved;
  }
}

function expanded(path: string): string {
  const r = toExpandedPath(path, process.env, FILES);
  assert.ok(r.ok, JSON.stringify(r));
  return r.value;
}

test('~ expands to $HOME, with its trailing slashes dropped', () => {
  withHome('/home/h//', () => {
    assert.equal(expanded('~'), '/home/h');
    assert.equal(expanded('~/x/y'), '/home/h/x/y');
  });
});

test('~ with HOME set to / or to nothing gives / and not //', () => {
  withHome('/', () => assert.equal(expanded('~/x'), '/x'));
  withHome('', () => assert.equal(expanded('~'), '/'));
});

test('~user expands to the home in the passwd file, and an unknown user is left alone', () => {
  assert.equal(expanded('~web/logs'), '/srv/web/logs');
  assert.equal(expanded('~web'), '/srv/web');
  assert.equal(expanded('~nosuch/logs'), '~nosuch/logs');
});

test('only a leading ~ is expanded', () => {
  assert.equal(expanded('/a/~/b'), '/a/~/b');
  assert.equal(expanded(' ~/x'), ' ~/x');
});

test('a NUL in the user name is Python\'s embedded null byte error', () => {
  const r = toExpandedPath("~a\0b/x", process.env, FILES);
  assert.equal(r.ok ? '' : r.error, 'embedded null byte');
});

test('existing directory gives the expanded path of a directory', () => {
  assert.deepEqual(toExistingDirectory(FIXTURES), { ok: true, value: FIXTURES });
  withHome(FIXTURES, () => assert.deepEqual(toExistingDirectory('~'), { ok: true, value: FIXTURES }));
});

test('existing directory refuses files and missing paths, showing the value as written', () => {
  assert.deepEqual(toExistingDirectory(`${FIXTURES}/passwd`), {
    ok: false, error: `${FIXTURES}/passwd is not an existing directory`, expected: 'an existing directory',
  });
  withHome(FIXTURES, () => {
    assert.equal((toExistingDirectory('~/nope') as { error: string }).error, '~/nope is not an existing directory');
  });
});

test('a path in an existing directory needs only its directory part to exist', () => {
  assert.deepEqual(toExistingDirpath(`${FIXTURES}/new.log`), { ok: true, value: `${FIXTURES}/new.log` });
  assert.deepEqual(toExistingDirpath('supervisord.log'), { ok: true, value: 'supervisord.log' });
  assert.deepEqual(toExistingDirpath('/x.log'), { ok: true, value: '/x.log' });
});

test('a path whose directory is missing or a file is refused', () => {
  assert.equal((toExistingDirpath(`${FIXTURES}/nope/x.log`) as { error: string }).error,
    `The directory named as part of the path ${FIXTURES}/nope/x.log does not exist`);
  assert.equal((toExistingDirpath(`${FIXTURES}/passwd/x.log`) as { error: string }).error,
    `The directory named as part of the path ${FIXTURES}/passwd/x.log does not exist`);
});

test('log file NONE and OFF mean no log, AUTO an automatic one, in any case', () => {
  assert.deepEqual(toLogfileName('NONE'), { ok: true, value: { kind: 'none' } });
  assert.deepEqual(toLogfileName('off'), { ok: true, value: { kind: 'none' } });
  assert.deepEqual(toLogfileName('Auto'), { ok: true, value: { kind: 'auto' } });
});

test('log file syslog is the deprecated syslog marker', () => {
  assert.deepEqual(toLogfileName('syslog'), { ok: true, value: { kind: 'syslog' } });
  assert.deepEqual(toLogfileName('SYSLOG'), { ok: true, value: { kind: 'syslog' } });
});

test('any other log file is a path in an existing directory', () => {
  assert.deepEqual(toLogfileName(`${FIXTURES}/out.log`), { ok: true, value: { kind: 'file', path: `${FIXTURES}/out.log` } });
  assert.deepEqual(toLogfileName(' none'), { ok: true, value: { kind: 'file', path: ' none' } });
  const r = toLogfileName('/nope/dir/out.log');
  assert.equal(r.ok ? '' : r.error, 'The directory named as part of the path /nope/dir/out.log does not exist');
});
