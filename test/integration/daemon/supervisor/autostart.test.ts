// Autostart in slices (supervisor.ts, AUTOSTART_SLICE): order, yielding, and the queue's life
// across groups added and removed while it drains.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AUTOSTART_SLICE } from '../../../../packages/daemon/src/supervisor/supervisor.js';
import { startEngine } from '../../../helpers/daemon.js';

const HEAD = `[supervisord]
logfile=%(here)s/supervisord.log
pidfile=%(here)s/supervisord.pid
childlogdir=%(here)s
`;

/** `n` groups p00, p01, … of one sleeping program each, startsecs=0, no log files. */
function sleepers(n: number): string {
  const programs = Array.from({ length: n }, (_, i) =>
    `[program:p${String(i).padStart(2, '0')}]\ncommand=/bin/sleep 1000\nstartsecs=0\nstdout_logfile=NONE\nstderr_logfile=NONE\n`);
  return [HEAD, ...programs].join('\n');
}

const names = (e: { spawns: readonly { name: string }[] }): string[] => e.spawns.map((s) => s.name);

test('autostart starts one slice at once and the rest in later turns, in order', async (t) => {
  const n = AUTOSTART_SLICE * 2 + 5;
  const e = startEngine(t, sleepers(n), { autostart: false });
  const done = e.supervisor.autostartAll();
  assert.equal(e.spawns.length, AUTOSTART_SLICE, 'the first slice starts before autostartAll returns');
  assert.equal(e.supervisor.autostartPending, n - AUTOSTART_SLICE);
  await new Promise((r) => setImmediate(r));
  assert.equal(e.spawns.length, AUTOSTART_SLICE * 2, 'one more slice per turn of the event loop');
  await done;
  assert.equal(e.supervisor.autostartPending, 0);
  assert.deepEqual(names(e), Array.from({ length: n }, (_, i) => `p${String(i).padStart(2, '0')}`));
});

test('a group added after an earlier autostart has drained is started too (even after an empty one)', async (t) => {
  const e = startEngine(t, sleepers(2), { autostart: false });
  const configs = e.supervisor.groups.map((g) => g.config);
  for (const c of configs) e.supervisor.removeGroup(c.name);
  await e.supervisor.autostartAll();
  for (const c of configs) {
    assert.equal(e.supervisor.addGroup(c), true);
    await e.supervisor.autostartGroup(c.name);
  }
  assert.deepEqual(names(e), ['p00', 'p01']);
  assert.equal(e.proc('p01').state, 'RUNNING');
});

test('a group removed while waiting for its turn is never started', async (t) => {
  const n = AUTOSTART_SLICE + 3;
  const e = startEngine(t, sleepers(n), { autostart: false });
  const last = `p${String(n - 1).padStart(2, '0')}`;
  const done = e.supervisor.autostartAll();
  assert.equal(e.supervisor.removeGroup(last), true);
  await done;
  assert.equal(e.spawns.length, n - 1);
  assert.ok(!names(e).includes(last));
});
