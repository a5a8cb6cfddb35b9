// transition() edge by edge, with plain values (no timers, no processes).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { transition } from '../../../../packages/daemon/src/process/transition.js';
import { INITIAL_SNAPSHOT, type Effect, type ProcessInput, type ProcessPolicy, type ProcessSnapshot } from '../../../../packages/daemon/src/process/snapshot.js';
import { restartDelayMs } from '../../../../packages/daemon/src/process/restart-delay.js';

const POLICY: ProcessPolicy = {
  name: 'web', autostart: true, autorestart: 'unexpected', startSecs: 1, startRetries: 3, exitCodes: [0],
  stopSignal: 15, stopWaitSecs: 10, stopAsGroup: false, killAsGroup: false,
};
const SIGNAMES: Record<number, string> = { 9: 'SIGKILL', 15: 'SIGTERM', 1: 'SIGHUP' };

function step(s: ProcessSnapshot, input: ProcessInput, opts: { now?: number; policy?: Partial<ProcessPolicy>; mayStart?: boolean } = {}) {
  const r = transition(s, input, {
    policy: { ...POLICY, ...opts.policy }, now: opts.now ?? 10_000, mayStart: opts.mayStart ?? true,
    signame: (n) => SIGNAMES[n] ?? `signal ${n}`,
  });
  assert.ok(r.ok, `rejected: ${r.ok ? '' : r.message}`);
  return r;
}

function states(effects: readonly Effect[]): string[] {
  return effects.filter((e) => e.type === 'state').map((e) => (e.type === 'state' ? `${e.from}->${e.to}` : ''));
}
function logs(effects: readonly Effect[]): string[] {
  return effects.filter((e) => e.type === 'log').map((e) => (e.type === 'log' ? `${e.level} ${e.message}` : ''));
}
const snap = (p: Partial<ProcessSnapshot>): ProcessSnapshot => ({ ...INITIAL_SNAPSHOT, ...p });
const running = snap({ state: 'RUNNING', pid: 42, lastStart: 1_000 });

test('STOPPED → STARTING when autostart is set, the process never started and the daemon runs', () => {
  const r = step(INITIAL_SNAPSHOT, { type: 'autostart' });
  assert.deepEqual(states(r.effects), ['STOPPED->STARTING']);
  assert.ok(r.effects.some((e) => e.type === 'spawn'));
  assert.equal(r.next.lastStart, 10_000);
});

test('STOPPED stays STOPPED on autostart when autostart=false, when it ran before, or while the daemon stops', () => {
  assert.deepEqual(step(INITIAL_SNAPSHOT, { type: 'autostart' }, { policy: { autostart: false } }).effects, []);
  assert.deepEqual(step(snap({ lastStart: 5 }), { type: 'autostart' }).effects, []);
  assert.deepEqual(step(INITIAL_SNAPSHOT, { type: 'autostart' }, { mayStart: false }).effects, []);
});

test('STARTING stays STARTING when spawned, and schedules the startsecs timer', () => {
  const r = step(snap({ state: 'STARTING', lastStart: 10_000 }), { type: 'spawned', pid: 77 });
  assert.equal(r.next.pid, 77);
  assert.deepEqual(logs(r.effects), ["INFO spawned: 'web' with pid 77"]);
  assert.deepEqual(r.effects.find((e) => e.type === 'schedule'), { type: 'schedule', timer: 'startsecs', ms: 1000 });
});

test('STARTING → RUNNING at once when spawned with startsecs=0', () => {
  const r = step(snap({ state: 'STARTING', lastStart: 10_000 }), { type: 'spawned', pid: 77 }, { policy: { startSecs: 0 } });
  assert.deepEqual(states(r.effects), ['STARTING->RUNNING']);
  assert.match(logs(r.effects)[1]!, /^INFO success: web entered RUNNING state, process has stayed up for > than 0 seconds \(startsecs\)$/);
});

test('STARTING → RUNNING when the startsecs timer fires, and the retry counter resets', () => {
  const r = step(snap({ state: 'STARTING', pid: 77, backoff: 2 }), { type: 'timer', timer: 'startsecs' });
  assert.deepEqual(states(r.effects), ['STARTING->RUNNING']);
  assert.equal(r.next.backoff, 0);
});

test('STARTING → BACKOFF when the spawn fails, with spawnerr and a 1 s retry', () => {
  const r = step(snap({ state: 'STARTING', lastStart: 10_000 }), { type: 'spawn-failed', error: "can't find command 'nope'" });
  assert.deepEqual(states(r.effects), ['STARTING->BACKOFF']);
  assert.equal(r.next.spawnErr, "can't find command 'nope'");
  assert.equal(r.next.backoff, 1);
  assert.deepEqual(logs(r.effects), ["INFO spawnerr: can't find command 'nope'"]);
  assert.deepEqual(r.effects.find((e) => e.type === 'schedule'), { type: 'schedule', timer: 'backoff', ms: 1000 });
});

test('STARTING → BACKOFF when it exits before startsecs, even with an expected exit code', () => {
  const r = step(snap({ state: 'STARTING', pid: 77, lastStart: 9_500 }), { type: 'exited', code: 0, signal: null });
  assert.deepEqual(states(r.effects), ['STARTING->BACKOFF']);
  assert.equal(r.next.exitStatus, null);
  assert.equal(r.next.spawnErr, 'Exited too quickly (process log may have details)');
  assert.deepEqual(logs(r.effects), ['WARN exited: web (exit status 0; not expected)']);
});

test('BACKOFF retries wait 1 s, 2 s, 3 s: the delay is the retry count in seconds', () => {
  let s = snap({ state: 'STARTING', pid: 77, lastStart: 10_000, backoff: 2 });
  const r = step(s, { type: 'exited', code: 1, signal: null }, { now: 10_100 });
  assert.deepEqual(r.effects.find((e) => e.type === 'schedule'), { type: 'schedule', timer: 'backoff', ms: 3000 });
  s = r.next;
  assert.equal(s.backoff, 3);
});

test('BACKOFF → FATAL when retries are exhausted: startretries+1 attempts in all', () => {
  const r = step(snap({ state: 'STARTING', pid: 77, lastStart: 10_000, backoff: 3 }), { type: 'exited', code: 1, signal: null }, { now: 10_100 });
  assert.deepEqual(states(r.effects), ['STARTING->BACKOFF', 'BACKOFF->FATAL']);
  assert.equal(r.next.backoff, 0);
  assert.ok(logs(r.effects).includes('INFO gave up: web entered FATAL state, too many start retries too quickly'));
  assert.equal(r.effects.some((e) => e.type === 'schedule'), false);
});

test('BACKOFF → FATAL at the first failure when startretries=0', () => {
  const r = step(snap({ state: 'STARTING', lastStart: 10_000 }), { type: 'spawn-failed', error: 'x' }, { policy: { startRetries: 0 } });
  assert.deepEqual(states(r.effects), ['STARTING->BACKOFF', 'BACKOFF->FATAL']);
});

test('BACKOFF → STARTING when the backoff timer fires and the daemon runs', () => {
  const r = step(snap({ state: 'BACKOFF', backoff: 1 }), { type: 'timer', timer: 'backoff' });
  assert.deepEqual(states(r.effects), ['BACKOFF->STARTING']);
  assert.equal(step(snap({ state: 'BACKOFF', backoff: 1 }), { type: 'timer', timer: 'backoff' }, { mayStart: false }).effects.length, 0);
});

test('RUNNING → EXITED with an expected code, and no restart when autorestart=unexpected', () => {
  const r = step(running, { type: 'exited', code: 0, signal: null });
  assert.deepEqual(states(r.effects), ['RUNNING->EXITED']);
  assert.deepEqual(r.effects.find((e) => e.type === 'state'), { type: 'state', from: 'RUNNING', to: 'EXITED', expected: true });
  assert.deepEqual(logs(r.effects), ['INFO exited: web (exit status 0; expected)']);
  assert.equal(r.next.exitStatus, 0);
  assert.equal(r.next.pid, 0);
});

test('RUNNING → EXITED → STARTING at once when it crashes with an unexpected code', () => {
  const r = step(running, { type: 'exited', code: 2, signal: null });
  assert.deepEqual(states(r.effects), ['RUNNING->EXITED', 'EXITED->STARTING']);
  assert.deepEqual(logs(r.effects), ['WARN exited: web (exit status 2; not expected)']);
  assert.ok(r.effects.some((e) => e.type === 'spawn'));
});

test('RUNNING → EXITED → STARTING when killed by a signal, which is never expected', () => {
  const r = step(running, { type: 'exited', code: null, signal: 'SIGKILL' });
  assert.deepEqual(states(r.effects), ['RUNNING->EXITED', 'EXITED->STARTING']);
  assert.deepEqual(logs(r.effects), ['WARN exited: web (terminated by SIGKILL; not expected)']);
});

test('EXITED stays EXITED when autorestart=false, or while the daemon stops', () => {
  assert.deepEqual(states(step(running, { type: 'exited', code: 2, signal: null }, { policy: { autorestart: 'false' } }).effects), ['RUNNING->EXITED']);
  assert.deepEqual(states(step(running, { type: 'exited', code: 2, signal: null }, { mayStart: false }).effects), ['RUNNING->EXITED']);
});

test('EXITED → STARTING even after an expected exit when autorestart=true', () => {
  assert.deepEqual(states(step(running, { type: 'exited', code: 0, signal: null }, { policy: { autorestart: 'true' } }).effects), ['RUNNING->EXITED', 'EXITED->STARTING']);
});

test('STARTING → RUNNING → EXITED when it exits after startsecs before the promotion ran', () => {
  const r = step(snap({ state: 'STARTING', pid: 5, lastStart: 8_000 }), { type: 'exited', code: 0, signal: null }, { now: 10_000 });
  assert.deepEqual(states(r.effects), ['STARTING->RUNNING', 'RUNNING->EXITED']);
});

test('EXITED waits before STARTING when runs keep ending quickly, and the wait is capped at 1 s', () => {
  const quick = snap({ state: 'RUNNING', pid: 9, lastStart: 9_900, crashStreak: 1 });
  const r = step(quick, { type: 'exited', code: 1, signal: null });
  assert.deepEqual(states(r.effects), ['RUNNING->EXITED']);
  assert.equal(r.next.restartPending, true);
  assert.deepEqual(r.effects.find((e) => e.type === 'schedule'), { type: 'schedule', timer: 'restart', ms: 25 });
  assert.deepEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 20].map(restartDelayMs), [0, 0, 25, 50, 100, 200, 400, 800, 1000, 1000]);
  const fired = step(r.next, { type: 'timer', timer: 'restart' });
  assert.deepEqual(states(fired.effects), ['EXITED->STARTING']);
});

test('a run longer than the window resets the crash streak, so the next crash restarts at once', () => {
  const r = step(snap({ state: 'RUNNING', pid: 9, lastStart: 1_000, crashStreak: 7 }), { type: 'exited', code: 1, signal: null }, { now: 60_000 });
  assert.equal(r.next.crashStreak, 0);
  assert.deepEqual(states(r.effects), ['RUNNING->EXITED', 'EXITED->STARTING']);
});

test('RUNNING → STOPPING when stopped: stopsignal to the process, stopwaitsecs timer', () => {
  const r = step(running, { type: 'stop-requested' });
  assert.deepEqual(states(r.effects), ['RUNNING->STOPPING']);
  assert.ok(r.next.killing);
  assert.deepEqual(r.effects.filter((e) => e.type === 'signal' || e.type === 'schedule'), [
    { type: 'signal', signal: 15, group: false }, { type: 'schedule', timer: 'stopwait', ms: 10_000 },
  ]);
});

test('STARTING → STOPPING when stopped, signalling the group with stopasgroup', () => {
  const r = step(snap({ state: 'STARTING', pid: 3 }), { type: 'stop-requested' }, { policy: { stopAsGroup: true, killAsGroup: true } });
  assert.deepEqual(states(r.effects), ['STARTING->STOPPING']);
  assert.deepEqual(r.effects.find((e) => e.type === 'signal'), { type: 'signal', signal: 15, group: true });
});

test('STOPPING → STOPPING with a tree kill every stopwaitsecs until the process is reaped', () => {
  const r = step(snap({ state: 'STOPPING', pid: 42, killing: true }), { type: 'timer', timer: 'stopwait' });
  assert.deepEqual(states(r.effects), []);
  assert.deepEqual(logs(r.effects), ["WARN killing 'web' (42) with SIGKILL"]);
  assert.ok(r.effects.some((e) => e.type === 'kill-tree'));
  assert.deepEqual(r.effects.find((e) => e.type === 'schedule'), { type: 'schedule', timer: 'stopwait', ms: 10_000 });
});

test('STOPPING → STOPPED when reaped: INFO for an expected code, WARN for a signal', () => {
  const stopping = snap({ state: 'STOPPING', pid: 42, killing: true });
  const a = step(stopping, { type: 'exited', code: 0, signal: null });
  assert.deepEqual(states(a.effects), ['STOPPING->STOPPED']);
  assert.deepEqual(logs(a.effects), ['INFO stopped: web (exit status 0)']);
  const b = step(stopping, { type: 'exited', code: null, signal: 'SIGTERM' });
  assert.deepEqual(logs(b.effects), ['WARN stopped: web (terminated by SIGTERM)']);
  assert.equal(b.next.exitStatus, -1);
  assert.equal(b.next.killing, false);
});

test('BACKOFF → STOPPED when stopped, without signalling anything', () => {
  const r = step(snap({ state: 'BACKOFF', backoff: 2 }), { type: 'stop-requested' });
  assert.deepEqual(states(r.effects), ['BACKOFF->STOPPED']);
  assert.equal(r.effects.some((e) => e.type === 'signal'), false);
  assert.deepEqual(logs(r.effects), ['DEBG Attempted to kill web, which is in BACKOFF state.']);
});

test('a manual start resets the retry counter after a stop from BACKOFF (fix of weak point 7)', () => {
  const stopped = step(snap({ state: 'BACKOFF', backoff: 2 }), { type: 'stop-requested' }).next;
  assert.equal(stopped.backoff, 2);
  const started = step(stopped, { type: 'start-requested' });
  assert.equal(started.next.backoff, 0);
  assert.deepEqual(states(started.effects), ['STOPPED->STARTING']);
});

test('FATAL → STARTING and EXITED → STARTING on a manual start', () => {
  assert.deepEqual(states(step(snap({ state: 'FATAL' }), { type: 'start-requested' }).effects), ['FATAL->STARTING']);
  assert.deepEqual(states(step(snap({ state: 'EXITED' }), { type: 'start-requested' }).effects), ['EXITED->STARTING']);
});

test('EXITED → STOPPED when a stop cancels a delayed autorestart (tend only)', () => {
  const r = step(snap({ state: 'EXITED', restartPending: true }), { type: 'stop-requested' });
  assert.deepEqual(states(r.effects), ['EXITED->STOPPED']);
  assert.ok(r.effects.some((e) => e.type === 'cancel-timer'));
});

test('BACKOFF → FATAL when the daemon gives up on it at shutdown', () => {
  assert.deepEqual(states(step(snap({ state: 'BACKOFF', backoff: 1 }), { type: 'give-up' }).effects), ['BACKOFF->FATAL']);
  assert.deepEqual(step(running, { type: 'give-up' }).effects, []);
});

test('any → UNKNOWN when signalling fails with something other than ESRCH', () => {
  const r = step(running, { type: 'signal-failed', error: 'EPERM' });
  assert.deepEqual(states(r.effects), ['RUNNING->UNKNOWN']);
  assert.deepEqual(logs(r.effects), ['CRIT unknown problem killing web (42):EPERM']);
});

test('requests that do not fit the state are rejected with a reason, never thrown', () => {
  const ctx = { policy: POLICY, now: 1, mayStart: true, signame: (n: number) => (n === 15 ? 'SIGTERM' : `signal ${n}`) };
  for (const state of ['STARTING', 'RUNNING', 'BACKOFF'] as const) {
    const r = transition(snap({ state, pid: 1 }), { type: 'start-requested' }, ctx);
    assert.equal(r.ok ? '' : r.rejection, 'ALREADY_STARTED', state);
  }
  const stopping = transition(snap({ state: 'STOPPING', pid: 1, killing: true }), { type: 'start-requested' }, ctx);
  assert.equal(stopping.ok ? '' : stopping.rejection, 'BAD_STATE');
  for (const state of ['STOPPED', 'EXITED', 'FATAL'] as const) {
    const r = transition(snap({ state }), { type: 'stop-requested' }, ctx);
    assert.equal(r.ok ? '' : r.message, "attempted to kill web with sig SIGTERM but it wasn't running", state);
    const sig = transition(snap({ state }), { type: 'signal-requested', signal: 1 }, ctx);
    assert.equal(sig.ok ? '' : sig.rejection, 'NOT_RUNNING', state);
  }
  const spawned = transition(snap({ state: 'RUNNING', pid: 1 }), { type: 'spawned', pid: 2 }, ctx);
  assert.equal(spawned.ok, false);
});

test('a signal request goes to the process itself, never its group, in STARTING, RUNNING and STOPPING', () => {
  for (const state of ['STARTING', 'RUNNING', 'STOPPING'] as const) {
    const r = step(snap({ state, pid: 9 }), { type: 'signal-requested', signal: 1 }, { policy: { stopAsGroup: true, killAsGroup: true } });
    assert.deepEqual(r.effects, [{ type: 'signal', signal: 1, group: false }]);
  }
});
