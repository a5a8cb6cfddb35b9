// Signals and the final kill against real process trees.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { constants } from 'node:os';
import type { TestContext } from 'node:test';
import { createNodeSpawner } from '../../../../packages/daemon/src/process/spawner.js';
import type { NodeSpawner } from '../../../../packages/daemon/src/process/spawner.js';
import { killTree, scheduleKillTree, signalProcess } from '../../../../packages/daemon/src/process/kill.js';
import { Collected, isAlive, nodeRequest, spawnOk, waitForExit, waitUntilDead } from './spawn-harness.js';

const { SIGKILL, SIGTERM, SIGUSR1 } = constants.signals;

function makeSpawner(t: TestContext): NodeSpawner {
  const spawner = createNodeSpawner();
  t.after(() => spawner.dispose());
  return spawner;
}

test('killTree leaves no survivor: same-group children, setsid escapees and a reparented daemon', async (t) => {
  const spawner = makeSpawner(t);
  const req = nodeRequest('spawn-grandchildren.mjs');
  const child = spawnOk(t, spawner, req);
  const out = new Collected(child.stdout);
  const [line] = await out.waitForLine(/^\{"pids":.*\}$/m);
  const pids = (JSON.parse(line) as { pids: number[] }).pids;
  assert.equal(pids.length, 5);
  assert.equal(pids[0], child.pid);
  assert.ok(pids.every(isAlive), 'all started');
  const stat = (pid: number): number[] => {
    const text = readFileSync(`/proc/${pid}/stat`, 'latin1');
    return text.slice(text.lastIndexOf(')') + 2).split(' ').slice(1, 4).map(Number);
  };
  const [daemonParent] = stat(pids[4] as number);
  assert.ok(!pids.includes(daemonParent as number), 'the daemon was reparented out of the tree');
  assert.equal(stat(pids[2] as number)[2], pids[2], 'an escapee leads its own session');
  // SIGTERM is ignored by every one of them: only the final kill can end them.
  assert.deepEqual(signalProcess(child.pid, SIGTERM, { group: true }), { ok: true });
  const { killed } = killTree(child.pid, req.env['TEND_SPAWN_ID'] as string);
  assert.deepEqual([...killed].sort(), [...pids].sort());
  await waitUntilDead(pids);
  assert.deepEqual(await waitForExit(child), { code: null, signal: 'SIGKILL' });
});

test('killTree after the main process is gone still finds the escapees by their spawn id', async (t) => {
  const spawner = makeSpawner(t);
  const req = nodeRequest('exit-leaving-grandchild.mjs');
  const child = spawnOk(t, spawner, req);
  const out = new Collected(child.stdout);
  await waitForExit(child);
  const [, pid] = await out.waitForLine(/^grandchild (\d+)$/m);
  assert.ok(isAlive(Number(pid)));
  assert.deepEqual(killTree(child.pid, req.env['TEND_SPAWN_ID'] as string).killed, [Number(pid)]);
  await waitUntilDead([Number(pid)]);
});

test('scheduled tree kills asked for in one turn go out together, on the next turn, escapees included', async (t) => {
  const spawner = makeSpawner(t);
  const reqs = [nodeRequest('spawn-grandchildren.mjs'), nodeRequest('spawn-grandchildren.mjs')];
  const trees: number[][] = [];
  const children = reqs.map((req) => spawnOk(t, spawner, req));
  // Both outputs are collected from the spawn on, before either is awaited.
  const outs = children.map((child) => new Collected(child.stdout));
  for (const out of outs) {
    const [line] = await out.waitForLine(/^\{"pids":.*\}$/m);
    trees.push((JSON.parse(line) as { pids: number[] }).pids);
  }
  const all = trees.flat();
  assert.equal(all.length, 10);
  children.forEach((child, i) => scheduleKillTree(child.pid, reqs[i]?.env['TEND_SPAWN_ID'] as string));
  assert.ok(all.every(isAlive), 'nothing is signalled in the turn that asked');
  await waitUntilDead(all);
  for (const child of children) assert.deepEqual(await waitForExit(child), { code: null, signal: 'SIGKILL' });
});

test('killTree touches nothing of another spawn', async (t) => {
  const spawner = makeSpawner(t);
  const a = nodeRequest('sleep-forever.mjs');
  const b = nodeRequest('sleep-forever.mjs');
  const childA = spawnOk(t, spawner, a);
  const childB = spawnOk(t, spawner, b);
  assert.deepEqual(killTree(childA.pid, a.env['TEND_SPAWN_ID'] as string).killed, [childA.pid]);
  await waitForExit(childA);
  assert.ok(isAlive(childB.pid));
  killTree(childB.pid, b.env['TEND_SPAWN_ID'] as string);
  await waitForExit(childB);
});

test('signalProcess reaches only the main pid, or with group the whole process group', async (t) => {
  const spawner = makeSpawner(t);
  const child = spawnOk(t, spawner, nodeRequest('usr1-pair.mjs'));
  const out = new Collected(child.stdout);
  const text = await out.waitFor((s) => (s.match(/^ready \d+$/gm) ?? []).length === 2, 10_000, 'two ready lines');
  const other = Number([...text.matchAll(/^ready (\d+)$/gm)].map((m) => m[1]).find((p) => Number(p) !== child.pid));
  assert.deepEqual(signalProcess(child.pid, SIGUSR1, { group: false }), { ok: true });
  await out.waitForLine(new RegExp(`^usr1 ${child.pid}$`, 'm'));
  assert.doesNotMatch(out.text, new RegExp(`^usr1 ${other}$`, 'm'));
  assert.deepEqual(signalProcess(child.pid, SIGUSR1, { group: true }), { ok: true });
  await out.waitForLine(new RegExp(`^usr1 ${other}$`, 'm'));
  const mainCount = (): number => (out.text.match(new RegExp(`^usr1 ${child.pid}$`, 'gm')) ?? []).length;
  await out.waitFor(() => mainCount() === 2, 10_000, 'the group signal at the main pid too');
  assert.deepEqual(signalProcess(child.pid, SIGKILL, { group: true }), { ok: true });
  await waitUntilDead([child.pid, other]);
});

test('signalProcess reports ESRCH as data with Python\'s text', async (t) => {
  const spawner = makeSpawner(t);
  const child = spawnOk(t, spawner, nodeRequest('print-cwd.mjs'));
  new Collected(child.stdout);
  await waitForExit(child);
  // Reaped: the pid and its group are gone (a recycled pid within the test is vanishingly unlikely).
  const expected = { ok: false, esrch: true, error: '[Errno 3] No such process' };
  assert.deepEqual(signalProcess(child.pid, SIGTERM, { group: false }), expected);
  assert.deepEqual(signalProcess(child.pid, SIGTERM, { group: true }), expected);
});

test('signalProcess refuses pids that would hit init, every process or the daemon itself', () => {
  for (const pid of [0, 1, -5, process.pid, 1.5]) {
    assert.throws(() => signalProcess(pid, SIGTERM, { group: true }), TypeError);
  }
});
