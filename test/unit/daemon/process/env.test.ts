import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildChildEnv, createSpawnIds, SPAWN_ID_VAR } from '../../../../packages/daemon/src/process/env.js';
import type { ChildEnvInput } from '../../../../packages/daemon/src/process/env.js';

const BASE: ChildEnvInput = {
  daemonEnv: { PATH: '/usr/bin', HOME: '/root', LANG: 'C.UTF-8', GONE: undefined },
  serverUrl: 'unix:///run/supervisor.sock', processName: 'web_01', groupName: 'web', programEnv: {}, user: null, spawnId: '7-ab-1',
};

test('the daemon environment plus the SUPERVISOR_* variables and the spawn id', () => {
  assert.deepEqual(buildChildEnv(BASE), {
    PATH: '/usr/bin', HOME: '/root', LANG: 'C.UTF-8',
    SUPERVISOR_ENABLED: '1', SUPERVISOR_SERVER_URL: 'unix:///run/supervisor.sock',
    SUPERVISOR_PROCESS_NAME: 'web_01', SUPERVISOR_GROUP_NAME: 'web', TEND_SPAWN_ID: '7-ab-1',
  });
});

test('SUPERVISOR_SERVER_URL is left out when there is no URL or it is empty', () => {
  assert.ok(!('SUPERVISOR_SERVER_URL' in buildChildEnv({ ...BASE, serverUrl: null })));
  assert.ok(!('SUPERVISOR_SERVER_URL' in buildChildEnv({ ...BASE, serverUrl: '' })));
});

test('user= sets HOME, USER and LOGNAME of that user (supervisor leaves root\'s)', () => {
  const env = buildChildEnv({ ...BASE, user: { name: 'www-data', home: '/var/www' } });
  assert.equal(env['HOME'], '/var/www');
  assert.equal(env['USER'], 'www-data');
  assert.equal(env['LOGNAME'], 'www-data');
});

test('the program environment overrides everything before it', () => {
  const env = buildChildEnv({
    ...BASE, user: { name: 'www-data', home: '/var/www' },
    programEnv: { HOME: '/srv', SUPERVISOR_ENABLED: '0', SUPERVISOR_PROCESS_NAME: 'x', PATH: '/opt/bin', NEW: 'v' },
  });
  assert.equal(env['HOME'], '/srv');
  assert.equal(env['SUPERVISOR_ENABLED'], '0');
  assert.equal(env['SUPERVISOR_PROCESS_NAME'], 'x');
  assert.equal(env['PATH'], '/opt/bin');
  assert.equal(env['NEW'], 'v');
  assert.equal(env['USER'], 'www-data');
});

test('the spawn id cannot be overridden, by the daemon environment or the program', () => {
  const env = buildChildEnv({ ...BASE, daemonEnv: { [SPAWN_ID_VAR]: 'outer' }, programEnv: { [SPAWN_ID_VAR]: 'mine' } });
  assert.equal(env[SPAWN_ID_VAR], '7-ab-1');
});

test('spawn ids are <daemon pid>-<nonce>-<serial>, unique per call', () => {
  const ids = createSpawnIds(42, 'cafe');
  assert.deepEqual([ids.next(), ids.next(), ids.next()], ['42-cafe-1', '42-cafe-2', '42-cafe-3']);
  const a = createSpawnIds().next();
  const b = createSpawnIds().next();
  assert.match(a, new RegExp(`^${process.pid}-[0-9a-f]{8}-1$`));
  assert.notEqual(a, b);
});
