// restart against a fake server: its own upcheck, then the stop command, then the start command.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeServer, fault, lines, runCtl } from '../harness.js';

test('restart name: getVersion, getVersion, stopProcess, getVersion, startProcess', async () => {
  const s = new FakeServer().on('supervisor.stopProcess', true).on('supervisor.startProcess', true);
  const r = await runCtl(s, 'restart sleeper');
  assert.deepEqual(r.methods, ['getVersion', 'getVersion', 'stopProcess', 'getVersion', 'startProcess']);
  assert.equal(r.stdout, 'sleeper: stopped\nsleeper: started\n');
  assert.equal(r.status, 0);
  assert.equal(s.connections.length, 1, 'one connection for the whole command');
});

test('restart of a stopped process: not running, then started, exit 0', async () => {
  const s = new FakeServer().on('supervisor.stopProcess', fault(70, 'NOT_RUNNING: sleeper')).on('supervisor.startProcess', true);
  const r = await runCtl(s, 'restart sleeper');
  assert.equal(r.stdout, 'sleeper: ERROR (not running)\nsleeper: started\n');
  assert.equal(r.status, 0);
});

test('restart of an unknown name prints no such process twice, exit 1', async () => {
  const s = new FakeServer().on('supervisor.stopProcess', fault(10, 'BAD_NAME: nosuch')).on('supervisor.startProcess', fault(10, 'BAD_NAME: nosuch'));
  const r = await runCtl(s, 'restart nosuch');
  assert.equal(r.stdout, 'nosuch: ERROR (no such process)\nnosuch: ERROR (no such process)\n');
  assert.equal(r.status, 1);
});

test('restart: a stop failure survives a successful start', async () => {
  const s = new FakeServer().on('supervisor.stopProcess', fault(10, 'BAD_NAME: x')).on('supervisor.startProcess', true);
  const r = await runCtl(s, 'restart x');
  assert.equal(r.status, 1);
});

test('restart with no name: error, help with the Note line, exit 1', async () => {
  const r = await runCtl(new FakeServer(), 'restart');
  assert.deepEqual(lines(r.stdout), [
    'Error: restart requires a process name',
    'restart <name>\t\tRestart a process',
    'restart <gname>:*\tRestart all processes in a group',
    'restart <name> <name>\tRestart multiple processes or groups',
    'restart all\t\tRestart all processes',
    'Note: restart does not reread config files. For that, see reread and update.',
  ]);
  assert.equal(r.status, 1);
});
