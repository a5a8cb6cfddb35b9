// Users and groups from the fixture files test/fixtures/users/{passwd,group} (the real /etc
// files are used by the differential test).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import {
  colonSeparatedUserGroup, findGroupById, findUserById, findUserByName, gidForUid, homeOf, listGroups, listUserGroups,
  nameToGid, nameToUid, type UserDbFiles,
} from '../../../../packages/daemon/src/config/users.js';

const FIXTURES = new URL('../../../fixtures/users/', import.meta.url);
const FILES: UserDbFiles = {
  passwd: fileURLToPath(new URL('passwd', FIXTURES)),
  group: fileURLToPath(new URL('group', FIXTURES)),
};

function withFiles(fn: (files: UserDbFiles) => void): () => void {
  return () => fn(FILES);
}

test('name_to_uid takes a user name or an existing numeric uid', withFiles((files) => {
  assert.deepEqual(nameToUid('web', files), { ok: true, value: 1001 });
  assert.deepEqual(nameToUid('0', files), { ok: true, value: 0 });
  assert.deepEqual(nameToUid(' 1002 ', files), { ok: true, value: 1002 });
}));

test('name_to_uid refuses unknown names and ids with supervisor texts', withFiles((files) => {
  const expected = 'an existing user name or uid';
  assert.deepEqual(nameToUid('nosuch', files), { ok: false, error: 'Invalid user name nosuch', expected });
  assert.deepEqual(nameToUid('4242', files), { ok: false, error: 'Invalid user id 4242', expected });
  assert.deepEqual(nameToUid('-1', files), { ok: false, error: 'Invalid user id -1', expected });
  assert.deepEqual(nameToUid('', files), { ok: false, error: 'Invalid user name ', expected });
  assert.deepEqual(nameToUid('a\0b', files), { ok: false, error: 'embedded null byte', expected });
}));

test('name_to_gid takes a group name or an existing numeric gid', withFiles((files) => {
  assert.deepEqual(nameToGid('users', files), { ok: true, value: 100 });
  assert.deepEqual(nameToGid('2000', files), { ok: true, value: 2000 });
  assert.equal((nameToGid('nosuch', files) as { error: string }).error, 'Invalid group name nosuch');
  assert.equal((nameToGid('4242', files) as { error: string }).error, 'Invalid group id 4242');
}));

test('name_to_gid passes on the OverflowError texts of gids out of range', withFiles((files) => {
  assert.equal((nameToGid('-1', files) as { error: string }).error, 'Invalid group id -1');
  assert.equal((nameToGid('-2', files) as { error: string }).error, 'gid is less than minimum');
  assert.equal((nameToGid('4294967296', files) as { error: string }).error, 'gid is less than minimum');
  assert.equal((nameToGid('9223372036854775808', files) as { error: string }).error, 'gid is greater than maximum');
}));

test('user:group gives [uid, gid], and a lone user gives gid -1', withFiles((files) => {
  assert.deepEqual(colonSeparatedUserGroup('web:users', files), { ok: true, value: [1001, 100] });
  assert.deepEqual(colonSeparatedUserGroup('0:2000', files), { ok: true, value: [0, 2000] });
  assert.deepEqual(colonSeparatedUserGroup('web', files), { ok: true, value: [1001, -1] });
}));

test('user:group refuses any unknown part with one text', withFiles((files) => {
  for (const arg of ['nosuch', 'web:nosuch', 'web:', ':users', 'web:users:x']) {
    assert.equal((colonSeparatedUserGroup(arg, files) as { error: string }).error, `Invalid user:group definition ${arg}`);
  }
}));

test('lookups take the first matching entry and skip comments and broken lines', withFiles((files) => {
  assert.equal(findUserById(1001, files)?.name, 'web');
  assert.equal(findUserByName('alias', files)?.gid, 50);
  assert.equal(findUserByName('broken line', files), null);
  assert.equal(findGroupById(100, files)?.name, 'users');
  assert.deepEqual(listGroups(files).map((g) => g.name), ['root', 'users', 'web', 'deploy', 'other']);
}));

test('gid_for_uid is the primary gid of the uid, or null without a passwd entry', withFiles((files) => {
  assert.equal(gidForUid(1002, files), 100);
  assert.equal(gidForUid(4242, files), null);
}));

test('home directories come from the passwd file', withFiles((files) => {
  assert.equal(homeOf('web', files), '/srv/web/');
  assert.equal(homeOf('nosuch', files), null);
  assert.equal(findUserByName('web', files)?.gecos, 'Web App,,,');
}));

test('a user gets its primary gid first, then every group naming it exactly as a member', withFiles((files) => {
  const web = findUserByName('web', files);
  assert.ok(web);
  assert.deepEqual(listUserGroups(web, files), [1001, 100, 2000]);
}));
