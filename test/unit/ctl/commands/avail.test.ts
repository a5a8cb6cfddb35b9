// avail against a fake server (no upcheck).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeServer, fault, runCtl } from '../harness.js';

const CONFIG = [
  { autostart: false, group: 'exit0', group_prio: 999, inuse: true, name: 'exit0', process_prio: 999, exitcodes: [0] },
  { autostart: true, group: 'grp', group_prio: 500, inuse: true, name: 'g1', process_prio: 999, exitcodes: [0] },
  { autostart: true, group: 'newone', group_prio: 999, inuse: false, name: 'newone', process_prio: 999, exitcodes: [0] },
];

test('avail: getAllConfigInfo only, one %-32s %-9s %-9s line each', async () => {
  const r = await runCtl(new FakeServer().on('supervisor.getAllConfigInfo', CONFIG), 'avail');
  assert.deepEqual(r.methods, ['getAllConfigInfo']);
  assert.equal(r.stdout, [
    'exit0                            in use    manual    999:999',
    'grp:g1                           in use    auto      500:999',
    'newone                           avail     auto      999:999',
    '',
  ].join('\n'));
  assert.equal(r.status, 0);
});

test('avail with arguments, and during shutdown', async () => {
  const a = await runCtl(new FakeServer(), 'avail x');
  assert.equal(a.stdout, 'Error: avail accepts no arguments\navail\t\t\tDisplay all configured processes\n');
  assert.equal(a.status, 1);
  const b = await runCtl(new FakeServer().on('supervisor.getAllConfigInfo', fault(6, 'SHUTDOWN_STATE')), 'avail');
  assert.equal(b.stdout, 'ERROR: supervisor shutting down\n');
  assert.equal(b.status, 1);
});

test('avail --json: the config structs plus namespec', async () => {
  const r = await runCtl(new FakeServer().on('supervisor.getAllConfigInfo', CONFIG.slice(1, 2)), 'avail', { json: true });
  assert.deepEqual(JSON.parse(r.stdout), [{ namespec: 'grp:g1', ...CONFIG[1] }]);
});
