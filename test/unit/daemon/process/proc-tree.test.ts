import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { readProcTable, readSpawnId, selectSpawnMembers } from '../../../../packages/daemon/src/process/proc-tree.js';

interface FakeProc {
  readonly pid: number;
  readonly ppid: number;
  readonly pgid?: number;
  readonly sid?: number;
  readonly comm?: string;
  readonly env?: readonly string[] | null;
  /** starttime in ticks (default 1000; the daemon's own default is 500). */
  readonly start?: number;
}

const DAEMON = 100;
const ID = '100-beef-7';

// A fake /proc: <pid>/stat in the kernel's format and <pid>/environ (absent when env is null).
function fakeProc(t: TestContext, procs: readonly FakeProc[]): string {
  const root = mkdtempSync(join(tmpdir(), 'tend-proc-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  mkdirSync(join(root, 'self'));
  for (const p of procs) {
    const dir = join(root, String(p.pid));
    mkdirSync(dir);
    const start = p.start ?? (p.pid === DAEMON ? 500 : 1000);
    // Fields 3–22 of the kernel's format: state ppid pgrp session tty tpgid flags, 4 fault counts,
    // 4 cpu times, priority nice threads itrealvalue starttime.
    writeFileSync(join(dir, 'stat'), `${p.pid} (${p.comm ?? 'node'}) S ${p.ppid} ${p.pgid ?? p.pid} ${p.sid ?? p.pid} 0 -1 4194560 0 0 0 0 1 2 0 0 20 0 1 0 ${start} 1000 10\n`);
    if (p.env !== null) writeFileSync(join(dir, 'environ'), (p.env ?? ['PATH=/bin']).map((e) => `${e}\0`).join(''));
  }
  return root;
}

function members(t: TestContext, procs: readonly FakeProc[], rootPid: number): number[] {
  const procRoot = fakeProc(t, procs);
  return [...selectSpawnMembers(readProcTable(procRoot), rootPid, ID, { daemonPid: DAEMON, procRoot })].sort((a, b) => a - b);
}

test('stat lines are parsed after the last parenthesis, whatever the command name holds', (t) => {
  const root = fakeProc(t, [{ pid: 5, ppid: 1, pgid: 4, sid: 3, comm: 'a) (b c' }]);
  assert.deepEqual([...readProcTable(root).values()], [{ pid: 5, ppid: 1, pgid: 4, sid: 3, state: 'S', start: 1000 }]);
});

test('the spawn id is read only as a whole variable', (t) => {
  const root = fakeProc(t, [
    { pid: 5, ppid: 1, env: ['A=1', `TEND_SPAWN_ID=${ID}`, 'B=2'] },
    { pid: 6, ppid: 1, env: [`XTEND_SPAWN_ID=${ID}`] },
    { pid: 7, ppid: 1, env: null },
  ]);
  assert.equal(readSpawnId(5, root), ID);
  assert.equal(readSpawnId(6, root), null);
  assert.equal(readSpawnId(7, root), undefined);
});

test('the root, its descendants, its session and group, and marked escapees are members', (t) => {
  const spawn = [`TEND_SPAWN_ID=${ID}`];
  assert.deepEqual(members(t, [
    { pid: DAEMON, ppid: 1 },
    { pid: 200, ppid: DAEMON, env: spawn },
    { pid: 201, ppid: 200, pgid: 200, sid: 200, env: spawn },
    { pid: 202, ppid: 201, pgid: 202, sid: 200, env: [] }, // own group, same session, env cleared
    { pid: 203, ppid: 1, pgid: 203, sid: 203, env: spawn }, // setsid + reparented
    { pid: 204, ppid: 203, pgid: 203, sid: 203, env: [] }, // its child, env cleared
    { pid: 205, ppid: 1, pgid: 200, sid: 200, env: [] }, // reparented, still in the group
    { pid: 300, ppid: DAEMON, env: ['TEND_SPAWN_ID=100-beef-8'] }, // another spawn
    { pid: 301, ppid: 1, env: null }, // unreadable stranger
  ], 200), [200, 201, 202, 203, 204, 205]);
});

test('a marked process older than the daemon is not an escapee of its spawns (its environ is not even read)', (t) => {
  const spawn = [`TEND_SPAWN_ID=${ID}`];
  assert.deepEqual(members(t, [
    { pid: DAEMON, ppid: 1, start: 500 },
    { pid: 200, ppid: DAEMON, env: spawn, start: 600 },
    { pid: 203, ppid: 1, pgid: 203, sid: 203, env: spawn, start: 700 }, // escapee, younger
    { pid: 150, ppid: 1, pgid: 150, sid: 150, env: spawn, start: 400 }, // older than the daemon
    { pid: 151, ppid: 1, pgid: 151, sid: 151, env: spawn, start: 500 }, // same tick: kept
  ], 200), [151, 200, 203]);
});

test('a root that is not our child (reaped, pid recycled) contributes nothing but the marked', (t) => {
  assert.deepEqual(members(t, [
    { pid: 200, ppid: 1, env: [] },
    { pid: 201, ppid: 200, pgid: 200, sid: 200, env: [] },
    { pid: 203, ppid: 1, env: [`TEND_SPAWN_ID=${ID}`] },
  ], 200), [203]);
});

test('a root that is our child but carries another spawn\'s id is not this spawn', (t) => {
  assert.deepEqual(members(t, [
    { pid: 200, ppid: DAEMON, env: ['TEND_SPAWN_ID=100-beef-9'] },
    { pid: 201, ppid: 200, env: [] },
  ], 200), []);
});

test('a root whose environ was overwritten (setproctitle) still counts when it is our child', (t) => {
  assert.deepEqual(members(t, [
    { pid: 200, ppid: DAEMON, env: ['nginx: master process'] },
    { pid: 201, ppid: 200, pgid: 200, sid: 200, env: ['nginx: worker process'] },
  ], 200), [200, 201]);
});

test('init, kernel threads and the daemon itself are never members', (t) => {
  const spawn = [`TEND_SPAWN_ID=${ID}`];
  assert.deepEqual(members(t, [
    { pid: 1, ppid: 0, env: spawn },
    { pid: 2, ppid: 0, env: spawn },
    { pid: DAEMON, ppid: 1, env: spawn },
    { pid: 200, ppid: DAEMON, env: spawn },
  ], 200), [200]);
});
