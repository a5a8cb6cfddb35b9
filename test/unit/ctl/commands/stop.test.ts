// stop against a fake server: calls, result lines, NOT_RUNNING ignored for the exit status.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeServer, fault, lines, result, runCtl } from '../harness.js';

test('stop name: stopProcess(name), `name: stopped`, exit 0', async () => {
  const r = await runCtl(new FakeServer().on('supervisor.stopProcess', true), 'stop sleeper');
  assert.deepEqual(r.calls, [['supervisor.getVersion'], ['supervisor.stopProcess', 'sleeper']]);
  assert.equal(r.stdout, 'sleeper: stopped\n');
  assert.equal(r.status, 0);
});

test('stop of a process that is not running: `ERROR (not running)` but exit 0', async () => {
  const r = await runCtl(new FakeServer().on('supervisor.stopProcess', fault(70, 'NOT_RUNNING: sleeper')), 'stop sleeper');
  assert.equal(r.stdout, 'sleeper: ERROR (not running)\n');
  assert.equal(r.status, 0);
});

test('stop: BAD_NAME exits 1, BAD_SIGNAL has its own line, FAILED prints the fault text', async () => {
  const s = new FakeServer().on('supervisor.stopProcess',
    fault(10, 'BAD_NAME: nosuch'), fault(11, 'BAD_SIGNAL: x'), fault(30, "FAILED: attempted to kill x with sig SIGTERM but it wasn't running"));
  const r = await runCtl(s, 'stop nosuch g:x x');
  assert.deepEqual(lines(r.stdout), [
    'nosuch: ERROR (no such process)',
    'g:x: ERROR (bad signal name)',
    "FAILED: attempted to kill x with sig SIGTERM but it wasn't running",
  ]);
  assert.equal(r.status, 1);
});

test('stop with no name: error, help, exit 1', async () => {
  const r = await runCtl(new FakeServer(), 'stop');
  assert.deepEqual(lines(r.stdout), [
    'Error: stop requires a process name',
    'stop <name>\t\tStop a process',
    'stop <gname>:*\t\tStop all processes in a group',
    'stop <name> <name>\tStop multiple processes or groups',
    'stop all\t\tStop all processes',
  ]);
  assert.equal(r.status, 1);
});

test('stop g:*: stopProcessGroup; none running prints nothing; unknown group exits 1', async () => {
  const a = await runCtl(new FakeServer().on('supervisor.stopProcessGroup', []), 'stop grp:*');
  assert.deepEqual(a.calls.slice(1), [['supervisor.stopProcessGroup', 'grp']]);
  assert.equal(a.stdout, '');
  assert.equal(a.status, 0);
  const b = await runCtl(new FakeServer().on('supervisor.stopProcessGroup', fault(10, 'BAD_NAME: nosuch')), 'stop nosuch:*');
  assert.equal(b.stdout, 'nosuch: ERROR (no such group)\n');
  assert.equal(b.status, 1);
});

test('stop all: stopAllProcesses, results in server order', async () => {
  const r = await runCtl(new FakeServer().on('supervisor.stopAllProcesses', [result('multi', 'multi_02', 80), result('grp', 'g1', 80)]), 'stop all');
  assert.deepEqual(r.calls.slice(1), [['supervisor.stopAllProcesses']]);
  assert.equal(r.stdout, 'multi:multi_02: stopped\ngrp:g1: stopped\n');
});

test('stop: an unexpected result code raises ValueError', async () => {
  const r = await runCtl(new FakeServer().on('supervisor.stopAllProcesses', [result('a', 'a', 99)]), 'stop all');
  assert.match(r.stdout, /^error: <class 'ValueError'>, Unknown result code 99 for a: file: /);
  assert.equal(r.status, 1);
});
