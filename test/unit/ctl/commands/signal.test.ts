// signal against a fake server: every fault counts for the exit status.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeServer, fault, lines, result, runCtl } from '../harness.js';

test('signal HUP name: signalProcess(name, HUP), `name: signalled`', async () => {
  const r = await runCtl(new FakeServer().on('supervisor.signalProcess', true), 'signal HUP sleeper');
  assert.deepEqual(r.calls, [['supervisor.getVersion'], ['supervisor.signalProcess', 'sleeper', 'HUP']]);
  assert.equal(r.stdout, 'sleeper: signalled\n');
  assert.equal(r.status, 0);
});

test('signal to a stopped process exits 7; a bad signal name exits 1', async () => {
  const a = await runCtl(new FakeServer().on('supervisor.signalProcess', fault(70, 'NOT_RUNNING: quick')), 'signal HUP quick');
  assert.equal(a.stdout, 'quick: ERROR (not running)\n');
  assert.equal(a.status, 7);
  const b = await runCtl(new FakeServer().on('supervisor.signalProcess', fault(11, 'BAD_SIGNAL: BOGUS')), 'signal BOGUS sleeper');
  assert.equal(b.stdout, 'sleeper: ERROR (bad signal name)\n');
  assert.equal(b.status, 1);
});

test('signal with fewer than two arguments: error, help, exit 1', async () => {
  const r = await runCtl(new FakeServer(), 'signal HUP');
  assert.deepEqual(lines(r.stdout), [
    'Error: signal requires a signal name and a process name',
    'signal <signal name> <name>\t\tSignal a process',
    'signal <signal name> <gname>:*\t\tSignal all processes in a group',
    'signal <signal name> <name> <name>\tSignal multiple processes or groups',
    'signal <signal name> all\t\tSignal all processes',
  ]);
  assert.equal(r.status, 1);
});

test('signal g:* and all: the group/all calls; an unknown group exits 1', async () => {
  const s = new FakeServer()
    .on('supervisor.signalProcessGroup', [result('grp', 'g1', 11, 'BAD_SIGNAL: BAD')])
    .on('supervisor.signalAllProcesses', [result('grp', 'g1', 80)]);
  const a = await runCtl(s, 'signal BAD grp:*');
  assert.deepEqual(a.calls.slice(1), [['supervisor.signalProcessGroup', 'grp', 'BAD']]);
  assert.equal(a.stdout, 'grp:g1: ERROR (bad signal name)\n');
  assert.equal(a.status, 1);
  const b = await runCtl(s, 'signal USR1 x all');
  assert.deepEqual(b.calls.at(-1), ['supervisor.signalAllProcesses', 'USR1']);
  assert.equal(b.stdout, 'grp:g1: signalled\n');
  const c = await runCtl(new FakeServer().on('supervisor.signalProcessGroup', fault(10, 'BAD_NAME: x')), 'signal HUP x:*');
  assert.equal(c.stdout, 'x: ERROR (no such group)\n');
  assert.equal(c.status, 1);
});

test('signal: FAILED prints the raw fault string', async () => {
  const r = await runCtl(new FakeServer().on('supervisor.signalProcess', fault(30, 'FAILED: boom')), 'signal HUP x');
  assert.equal(r.stdout, 'FAILED: boom\n');
  assert.equal(r.status, 1);
});
