// start against a fake server: calls, every result line of §6.4 and the exit codes of §6.3.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeServer, fault, lines, noSuchFile, refused, result, runCtl } from '../harness.js';

test('start name: getVersion then startProcess(name) without wait, `name: started`', async () => {
  const r = await runCtl(new FakeServer().on('supervisor.startProcess', true), 'start sleeper');
  assert.deepEqual(r.calls, [['supervisor.getVersion'], ['supervisor.startProcess', 'sleeper']]);
  assert.equal(r.stdout, 'sleeper: started\n');
  assert.equal(r.status, 0);
});

test('start several names: one call each, on one connection, in order', async () => {
  const s = new FakeServer().on('supervisor.startProcess', true);
  const r = await runCtl(s, 'start a grp:b');
  assert.deepEqual(r.calls.slice(1), [['supervisor.startProcess', 'a'], ['supervisor.startProcess', 'grp:b']]);
  assert.equal(r.stdout, 'a: started\ngrp:b: started\n');
  assert.equal(s.connections.length, 1);
});

const FAULT_LINES: [number, string, string, number][] = [
  [10, 'BAD_NAME: nosuch', 'nosuch: ERROR (no such process)', 1],
  [20, 'NO_FILE: /x', 'nosuch: ERROR (no such file)', 1],
  [21, 'NOT_EXECUTABLE: /x', 'nosuch: ERROR (file is not executable)', 1],
  [60, 'ALREADY_STARTED: nosuch', 'nosuch: ERROR (already started)', 0],
  [50, 'SPAWN_ERROR: nosuch', 'nosuch: ERROR (spawn error)', 7],
  [40, 'ABNORMAL_TERMINATION: nosuch', 'nosuch: ERROR (abnormal termination)', 7],
];

for (const [code, text, line, status] of FAULT_LINES) {
  test(`start: fault ${code} prints "${line}" and exits ${status}`, async () => {
    const r = await runCtl(new FakeServer().on('supervisor.startProcess', fault(code, text)), 'start nosuch');
    assert.equal(r.stdout, `${line}\n`);
    assert.equal(r.status, status);
  });
}

test('start: an unexpected fault code raises supervisorctl ValueError, exit 1', async () => {
  const r = await runCtl(new FakeServer().on('supervisor.startProcess', fault(30, 'FAILED: x is in an unknown process state')), 'start x');
  assert.match(r.stdout, /^error: <class 'ValueError'>, Unknown result code 30 for x: file: .* line: \d+\n$/);
  assert.equal(r.status, 1);
});

test('start with no name: error, help, exit 2 (and the upcheck ran first)', async () => {
  const r = await runCtl(new FakeServer(), 'start');
  assert.deepEqual(lines(r.stdout), [
    'Error: start requires a process name',
    'start <name>\t\tStart a process',
    'start <gname>:*\t\tStart all processes in a group',
    'start <name> <name>\tStart multiple processes or groups',
    'start all\t\tStart all processes',
  ]);
  assert.equal(r.status, 2);
  assert.deepEqual(r.methods, ['getVersion']);
});

test('start g:* calls startProcessGroup and prints each result; an unknown group exits 2', async () => {
  const s = new FakeServer().on('supervisor.startProcessGroup', (p: readonly unknown[]) => {
    if (p[0] === 'grp') return [result('grp', 'g1', 80), result('grp', 'g2', 50, 'SPAWN_ERROR: g2')];
    throw new (class extends Error {})();
  });
  const r = await runCtl(s, 'start grp:*');
  assert.deepEqual(r.calls.slice(1), [['supervisor.startProcessGroup', 'grp']]);
  assert.equal(r.stdout, 'grp:g1: started\ngrp:g2: ERROR (spawn error)\n');
  assert.equal(r.status, 7);
  const u = await runCtl(new FakeServer().on('supervisor.startProcessGroup', fault(10, 'BAD_NAME: nosuch')), 'start nosuch:*');
  assert.equal(u.stdout, 'nosuch: ERROR (no such group)\n');
  assert.equal(u.status, 2);
});

test('start all calls startAllProcesses; ALREADY_STARTED in results does not fail', async () => {
  const s = new FakeServer().on('supervisor.startAllProcesses', [result('a', 'a', 20, 'NO_FILE: /x'), result('b', 'b', 60), result('grp', 'g1', 80)]);
  const r = await runCtl(s, 'start x all');
  assert.deepEqual(r.calls.slice(1), [['supervisor.startAllProcesses']]);
  assert.equal(r.stdout, 'a: ERROR (no such file)\nb: ERROR (already started)\ngrp:g1: started\n');
  assert.equal(r.status, 1);
});

test('start: the last failure wins the exit status', async () => {
  const s = new FakeServer().on('supervisor.startProcess', fault(50, 'SPAWN_ERROR: a'), fault(10, 'BAD_NAME: b'), true);
  const r = await runCtl(s, 'start a b c');
  assert.equal(r.stdout, 'a: ERROR (spawn error)\nb: ERROR (no such process)\nc: started\n');
  assert.equal(r.status, 1);
});

test('start: refused connection exits 4, missing socket 7, both with the upcheck line', async () => {
  const a = await runCtl(new FakeServer().on('supervisor.getVersion', refused()), 'start x');
  assert.equal(a.stdout, 'unix:///tmp/fake.sock refused connection\n');
  assert.equal(a.status, 4);
  const b = await runCtl(new FakeServer().on('supervisor.getVersion', noSuchFile()), 'start x');
  assert.equal(b.stdout, 'unix:///tmp/fake.sock no such file\n');
  assert.equal(b.status, 7);
});
