// add and remove against a fake server (no upcheck).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeServer, fault, runCtl } from '../harness.js';

test('add: addProcessGroup per name with supervisorctl lines and exit codes', async () => {
  const s = new FakeServer().on('supervisor.addProcessGroup', true, fault(90, 'ALREADY_ADDED: b'), fault(10, 'BAD_NAME: c'));
  const r = await runCtl(s, 'add a b c');
  assert.deepEqual(r.calls, [['supervisor.addProcessGroup', 'a'], ['supervisor.addProcessGroup', 'b'], ['supervisor.addProcessGroup', 'c']]);
  assert.equal(r.stdout, 'a: added process group\nERROR: process group already active\nERROR: no such process/group: c\n');
  assert.equal(r.status, 1);
});

test('add of an active group alone exits 0; during shutdown exits 1', async () => {
  const a = await runCtl(new FakeServer().on('supervisor.addProcessGroup', fault(90, 'ALREADY_ADDED: a')), 'add a');
  assert.equal(a.status, 0);
  const b = await runCtl(new FakeServer().on('supervisor.addProcessGroup', fault(6, 'SHUTDOWN_STATE')), 'add a');
  assert.equal(b.stdout, 'ERROR: shutting down\n');
  assert.equal(b.status, 1);
});

test('add and remove with no names do nothing', async () => {
  for (const verb of ['add', 'remove']) {
    const r = await runCtl(new FakeServer(), verb);
    assert.equal(r.stdout, '');
    assert.deepEqual(r.calls, []);
    assert.equal(r.status, 0);
  }
});

test('remove: removed, still running, no such group', async () => {
  const s = new FakeServer().on('supervisor.removeProcessGroup', true, fault(91, 'STILL_RUNNING: b'), fault(10, 'BAD_NAME: c'));
  const r = await runCtl(s, 'remove a b c');
  assert.equal(r.stdout, 'a: removed process group\nERROR: process/group still running: b\nERROR: no such process/group: c\n');
  assert.equal(r.status, 1);
});

test('add without a server: the raw exception line (no upcheck), exit 1', async () => {
  const r = await runCtl(new FakeServer().on('supervisor.addProcessGroup', () => {
    throw new (class extends Error {})();
  }), 'add a');
  assert.match(r.stdout, /^error: </);
  assert.equal(r.status, 1);
});
