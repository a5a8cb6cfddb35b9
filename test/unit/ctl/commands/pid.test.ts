// pid against a fake server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeServer, fault, info, runCtl } from '../harness.js';

test('pid alone prints the daemon pid from getPID', async () => {
  const r = await runCtl(new FakeServer().on('supervisor.getPID', 9989), 'pid');
  assert.deepEqual(r.methods, ['getVersion', 'getPID']);
  assert.equal(r.stdout, '9989\n');
  assert.equal(r.status, 0);
});

test('pid all prints one pid per process (0 when stopped), exit 0', async () => {
  const r = await runCtl(new FakeServer().on('supervisor.getAllProcessInfo', [info('a', 'a', 'RUNNING'), info('b', 'b', 'STOPPED')]), 'pid all');
  assert.equal(r.stdout, '4242\n0\n');
  assert.equal(r.status, 0);
});

test('pid name: getProcessInfo per name; unknown → `No such process`, exit 1; pid 0 → exit 7', async () => {
  const s = new FakeServer().on('supervisor.getProcessInfo', (p: readonly unknown[]) => {
    if (p[0] === 'sleeper') return info('sleeper', 'sleeper', 'RUNNING');
    if (p[0] === 'quick') return info('quick', 'quick', 'FATAL');
    throw fault(10, `BAD_NAME: ${String(p[0])}`)();
  });
  const a = await runCtl(s, 'pid quick');
  assert.equal(a.stdout, '0\n');
  assert.equal(a.status, 7);
  const b = await runCtl(s, 'pid sleeper grp:*');
  assert.equal(b.stdout, '4242\nNo such process grp:*\n');
  assert.equal(b.status, 1);
});

test('pid --json shapes', async () => {
  const s = new FakeServer().on('supervisor.getPID', 12).on('supervisor.getAllProcessInfo', [info('grp', 'g1', 'RUNNING')])
    .on('supervisor.getProcessInfo', fault(10, 'BAD_NAME: x'));
  assert.deepEqual(JSON.parse((await runCtl(s, 'pid', { json: true })).stdout), { pid: 12 });
  assert.deepEqual(JSON.parse((await runCtl(s, 'pid all', { json: true })).stdout), { processes: [{ name: 'grp:g1', pid: 4242 }] });
  const r = await runCtl(s, 'pid x', { json: true });
  assert.deepEqual(JSON.parse(r.stdout), { processes: [{ name: 'x', error: 'no such process' }] });
  assert.equal(r.status, 1);
});
