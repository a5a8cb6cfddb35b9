// reread against a fake server (no upcheck).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeServer, fault, runCtl } from '../harness.js';

test('reread prints the changes sorted by group name', async () => {
  const r = await runCtl(new FakeServer().on('supervisor.reloadConfig', [[['newone', 'alpha'], ['sleeper'], ['talker']]]), 'reread');
  assert.deepEqual(r.methods, ['reloadConfig']);
  assert.equal(r.stdout, 'alpha: available\nnewone: available\nsleeper: changed\ntalker: disappeared\n');
  assert.equal(r.status, 0);
});

test('reread with nothing changed', async () => {
  const r = await runCtl(new FakeServer().on('supervisor.reloadConfig', [[[], [], []]]), 'reread');
  assert.equal(r.stdout, 'No config updates to processes\n');
});

test('reread errors: CANT_REREAD, SHUTDOWN_STATE, arguments', async () => {
  const a = await runCtl(new FakeServer().on('supervisor.reloadConfig', fault(92, "CANT_REREAD: bad thing in 'x'")), 'reread');
  assert.equal(a.stdout, "ERROR: CANT_REREAD: bad thing in 'x'\n");
  assert.equal(a.status, 1);
  const b = await runCtl(new FakeServer().on('supervisor.reloadConfig', fault(6, 'SHUTDOWN_STATE')), 'reread');
  assert.equal(b.stdout, 'ERROR: supervisor shutting down\n');
  assert.equal(b.status, 1);
  const c = await runCtl(new FakeServer(), 'reread x');
  assert.equal(c.stdout, "Error: reread accepts no arguments\nreread \t\t\tReload the daemon's configuration files without add/remove\n");
  assert.equal(c.status, 1);
});

test('reread --json gives the three lists', async () => {
  const r = await runCtl(new FakeServer().on('supervisor.reloadConfig', [[['a'], [], ['b']]]), 'reread', { json: true });
  assert.deepEqual(JSON.parse(r.stdout), { added: ['a'], changed: [], removed: ['b'] });
});
