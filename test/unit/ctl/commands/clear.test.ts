// clear against a fake server: `g:*` is not expanded and prints as `g:None`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeServer, fault, lines, result, runCtl } from '../harness.js';

test('clear name: clearProcessLogs(name), `name: cleared`', async () => {
  const r = await runCtl(new FakeServer().on('supervisor.clearProcessLogs', true), 'clear sleeper grp:g1');
  assert.deepEqual(r.calls.slice(1), [['supervisor.clearProcessLogs', 'sleeper'], ['supervisor.clearProcessLogs', 'grp:g1']]);
  assert.equal(r.stdout, 'sleeper: cleared\ngrp:g1: cleared\n');
});

test('clear g:* is BAD_NAME on the server and prints `g:None: ERROR (no such process)`', async () => {
  const r = await runCtl(new FakeServer().on('supervisor.clearProcessLogs', fault(10, 'BAD_NAME: grp:*')), 'clear grp:*');
  assert.equal(r.stdout, 'grp:None: ERROR (no such process)\n');
  assert.equal(r.status, 1);
});

test('clear all: clearAllProcessLogs results; FAILED → `ERROR (failed)` exit 1', async () => {
  const r = await runCtl(new FakeServer().on('supervisor.clearAllProcessLogs', [result('a', 'a', 80), result('grp', 'g1', 30, 'FAILED: x')]), 'clear all');
  assert.equal(r.stdout, 'a: cleared\ngrp:g1: ERROR (failed)\n');
  assert.equal(r.status, 1);
});

test('clear with no name: error, help, exit 1', async () => {
  const r = await runCtl(new FakeServer(), 'clear');
  assert.deepEqual(lines(r.stdout), [
    'Error: clear requires a process name',
    "clear <name>\t\tClear a process' log files.",
    "clear <name> <name>\tClear multiple process' log files",
    "clear all\t\tClear all process' log files",
  ]);
  assert.equal(r.status, 1);
});
