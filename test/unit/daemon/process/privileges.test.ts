import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findSetpriv, planUser, wrapWithSetpriv } from '../../../../packages/daemon/src/process/privileges.js';

const WWW = { uid: 33, gid: 33, groups: [33, 110, 33] };
const NOBODY = { uid: 65534, gid: 65534, groups: [65534] };

test('nothing to do without user= or when the daemon already runs as that uid', () => {
  assert.deepEqual(planUser(null, 0, '/usr/bin/setpriv'), { kind: 'keep' });
  assert.deepEqual(planUser(WWW, 33, '/usr/bin/setpriv'), { kind: 'keep' });
});

test('a non-root daemon cannot switch users: supervisor\'s message', () => {
  assert.deepEqual(planUser(WWW, 1000, '/usr/bin/setpriv'), {
    kind: 'refused', error: "couldn't setuid to 33: Can't drop privilege as nonroot user",
  });
});

test('supplementary groups need setpriv; without them, or without setpriv, Node\'s uid/gid do', () => {
  assert.deepEqual(planUser(WWW, 0, '/usr/bin/setpriv'), { kind: 'setpriv', setpriv: '/usr/bin/setpriv', user: WWW });
  assert.deepEqual(planUser(NOBODY, 0, '/usr/bin/setpriv'), { kind: 'native', uid: 65534, gid: 65534 });
  assert.deepEqual(planUser(WWW, 0, null), { kind: 'native', uid: 33, gid: 33 });
});

test('setpriv gets the ids and the deduplicated group list, then the file and the arguments', () => {
  assert.deepEqual(wrapWithSetpriv('/usr/bin/setpriv', WWW, '/srv/app', ['app', '--port', '80']), {
    file: '/usr/bin/setpriv',
    argv: ['/usr/bin/setpriv', '--reuid=33', '--regid=33', '--groups=33,110', '--', '/srv/app', '--port', '80'],
  });
});

test('findSetpriv returns the first candidate that exists', () => {
  assert.equal(findSetpriv(['/nonexistent/setpriv', '/bin/sh']), '/bin/sh');
  assert.equal(findSetpriv(['/nonexistent/setpriv']), null);
});
