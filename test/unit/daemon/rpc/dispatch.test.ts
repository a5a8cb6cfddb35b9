import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FaultError, Faults } from '../../../../packages/protocol/src/index.js';
import { createDispatcher, type Handler } from '../../../../packages/daemon/src/rpc/dispatch.js';
import { recordingLog } from './fake-log.js';

function setup(handlers: [string, Handler][] = [], running = true) {
  const log = recordingLog();
  const state = { running };
  const dispatch = createDispatcher({ handlers: new Map(handlers), isRunning: () => state.running, log });
  const faultOf = async (method: string, params: unknown[] = []): Promise<string> => {
    const r = await dispatch(method, params);
    assert.ok(!r.ok, `expected a fault from ${method}`);
    return r.fault.message;
  };
  return { dispatch, log, state, faultOf };
}

test('a handler gets its arguments with defaults filled in, and its value is the result', async () => {
  const seen: unknown[][] = [];
  const { dispatch } = setup([['supervisor.startProcess', (p) => (seen.push([...p]), true)]]);
  assert.deepEqual(await dispatch('supervisor.startProcess', ['web']), { ok: true, value: true });
  assert.deepEqual(await dispatch('supervisor.startProcess', ['web', false]), { ok: true, value: true });
  assert.deepEqual(seen, [['web', true], ['web', false]]);
});

test('async handlers are awaited', async () => {
  const { dispatch } = setup([['supervisor.getPID', async () => 42]]);
  assert.deepEqual(await dispatch('supervisor.getPID', []), { ok: true, value: 42 });
});

test('UNKNOWN_METHOD: not in the table, not two dot-parts, underscore methods, no handler', async () => {
  const { faultOf } = setup([['supervisor.getPID', () => 1]]);
  for (const name of ['nosuch.method', 'supervisor', 'supervisor.getPID.x', 'supervisor._update', '__proto__', 'constructor', 'supervisor.constructor', 'supervisor.getState', '']) {
    assert.equal(await faultOf(name), 'UNKNOWN_METHOD', name);
  }
});

test('INCORRECT_PARAMETERS: wrong count (no detail), wrong type (with a detail)', async () => {
  const { faultOf } = setup([
    ['supervisor.startProcess', () => true],
    ['supervisor.readProcessStdoutLog', () => ''],
    ['supervisor.signalProcess', () => true],
  ]);
  assert.equal(await faultOf('supervisor.startProcess', []), 'INCORRECT_PARAMETERS');
  assert.equal(await faultOf('supervisor.startProcess', ['a', true, 3]), 'INCORRECT_PARAMETERS');
  assert.equal(await faultOf('supervisor.startProcess', [1]), 'INCORRECT_PARAMETERS: supervisor.startProcess argument 1 (name): expected string, got int 1');
  assert.equal(await faultOf('supervisor.startProcess', ['a', 'yes']), 'INCORRECT_PARAMETERS: supervisor.startProcess argument 2 (wait): expected boolean, got string "yes"');
  assert.equal(await faultOf('supervisor.readProcessStdoutLog', ['a', 1.5, 0]), 'INCORRECT_PARAMETERS: supervisor.readProcessStdoutLog argument 2 (offset): expected int, got double 1.5');
  assert.equal(await faultOf('supervisor.readProcessStdoutLog', ['a', 2 ** 60, 0]), `INCORRECT_PARAMETERS: supervisor.readProcessStdoutLog argument 2 (offset): expected int, got int ${2 ** 60}`);
  assert.equal(await faultOf('supervisor.startProcess', [null]), 'INCORRECT_PARAMETERS: supervisor.startProcess argument 1 (name): expected string, got nil');
  assert.equal(await faultOf('supervisor.signalProcess', ['a', []]), 'INCORRECT_PARAMETERS: supervisor.signalProcess argument 2 (signal): expected string or int, got array of 0');
});

test('a signal may be a name or a number (alsoAccepts)', async () => {
  const { dispatch } = setup([['supervisor.signalProcess', () => true]]);
  assert.ok((await dispatch('supervisor.signalProcess', ['a', 'HUP'])).ok);
  assert.ok((await dispatch('supervisor.signalProcess', ['a', 9])).ok);
});

test('SHUTDOWN_STATE for needsRunning methods when not running; system.* and sendRemoteCommEvent still work', async () => {
  const { dispatch, faultOf, state } = setup([
    ['supervisor.getPID', () => 1],
    ['supervisor.sendRemoteCommEvent', () => true],
    ['tend.getProcessStats', () => []],
  ]);
  state.running = false;
  assert.equal(await faultOf('supervisor.getPID'), 'SHUTDOWN_STATE');
  assert.equal(await faultOf('tend.getProcessStats'), 'SHUTDOWN_STATE');
  assert.ok((await dispatch('supervisor.sendRemoteCommEvent', ['t', 'd'])).ok);
  assert.ok((await dispatch('system.listMethods', [])).ok);
  // The count is checked first, as in supervisor.
  assert.equal(await faultOf('supervisor.getPID', [1]), 'INCORRECT_PARAMETERS');
});

test('a FaultError from a handler is the answer', async () => {
  const { faultOf, log } = setup([['supervisor.getProcessInfo', () => { throw new FaultError('BAD_NAME', 'nosuch'); }]]);
  assert.equal(await faultOf('supervisor.getProcessInfo', ['nosuch']), 'BAD_NAME: nosuch');
  assert.equal(log.records.filter((r) => r.level === 'CRIT').length, 0);
});

test('any other exception, sync or async, is FAILED with the error logged at CRIT with its stack', async () => {
  const { dispatch, log } = setup([
    ['supervisor.getPID', () => { throw new RangeError('boom'); }],
    ['supervisor.getState', async () => Promise.reject(new Error('later'))],
    ['supervisor.getIdentification', () => { throw 'a string'; }],
  ]);
  const r1 = await dispatch('supervisor.getPID', []);
  assert.ok(!r1.ok);
  assert.equal(r1.fault.code, Faults.FAILED);
  assert.equal(r1.fault.message, 'FAILED: RangeError:boom');
  const r2 = await dispatch('supervisor.getState', []);
  assert.equal(!r2.ok && r2.fault.message, 'FAILED: Error:later');
  const r3 = await dispatch('supervisor.getIdentification', []);
  assert.equal(!r3.ok && r3.fault.message, 'FAILED: string:a string');
  const crit = log.records.filter((r) => r.level === 'CRIT');
  assert.equal(crit.length, 3);
  assert.match(crit[0]!.message, /supervisor\.getPID raised an unexpected exception: RangeError: boom\n\s+at /);
});

test('trace lines as supervisor logs them', async () => {
  const { dispatch, log } = setup([['supervisor.getPID', () => 1]]);
  await dispatch('supervisor.getPID', []);
  await dispatch('nosuch.x', []);
  assert.deepEqual(log.records.map((r) => r.message), [
    'XML-RPC method called: supervisor.getPID()',
    'XML-RPC method supervisor.getPID() returned successfully',
    'XML-RPC method called: nosuch.x()',
    'XML-RPC method nosuch.x() returned fault: [1] UNKNOWN_METHOD',
  ]);
});

test('registering a handler outside the table, or for system.*, is a wiring bug', () => {
  assert.throws(() => setup([['supervisor.nosuch', () => 1]]), TypeError);
  assert.throws(() => setup([['system.listMethods', () => []]]), TypeError);
});
