import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FaultError, METHODS } from '../../../../packages/protocol/src/index.js';
import { createDispatcher, type Handler } from '../../../../packages/daemon/src/rpc/dispatch.js';
import { recordingLog } from './fake-log.js';

function setup(handlers: [string, Handler][] = []) {
  return createDispatcher({ handlers: new Map(handlers), isRunning: () => true, log: recordingLog() });
}

test('listMethods: every name of the method table, sorted', async () => {
  const r = await setup()('system.listMethods', []);
  assert.ok(r.ok);
  const names = r.value as string[];
  assert.deepEqual(names, METHODS.map((m) => m.name).sort());
  assert.ok(names.includes('supervisor.getVersion') && names.includes('system.multicall'));
});

test('methodHelp and methodSignature come from the table; unknown → SIGNATURE_UNSUPPORTED', async () => {
  const dispatch = setup();
  assert.deepEqual(await dispatch('system.methodSignature', ['supervisor.startProcess']), { ok: true, value: ['boolean', 'string', 'boolean'] });
  assert.deepEqual(await dispatch('system.methodSignature', ['supervisor.tailProcessStdoutLog']), { ok: true, value: ['array', 'string', 'int', 'int'] });
  assert.deepEqual(await dispatch('system.methodSignature', ['system.multicall']), { ok: true, value: ['array', 'array'] });
  const help = await dispatch('system.methodHelp', ['supervisor.getState']);
  assert.ok(help.ok && typeof help.value === 'string' && help.value.length > 0);
  for (const method of ['system.methodHelp', 'system.methodSignature']) {
    const r = await dispatch(method, ['nosuch.method']);
    assert.equal(!r.ok && r.fault.message, 'SIGNATURE_UNSUPPORTED');
  }
});

test("multicall: supervisor's quirks — raw results, fault structs, no methodName, recursion", async () => {
  const dispatch = setup([
    ['supervisor.getState', () => ({ statecode: 1, statename: 'RUNNING' })],
    ['supervisor.getPID', () => 5729],
    ['supervisor.getProcessInfo', () => { throw new FaultError('BAD_NAME', 'x'); }],
    ['supervisor.clearLog', () => { throw new Error('disk'); }],
  ]);
  const r = await dispatch('system.multicall', [[
    { methodName: 'supervisor.getState' },
    { methodName: 'supervisor.getPID', params: [] },
    { methodName: 'nosuch.method', params: [] },
    { methodName: 'supervisor.getProcessInfo', params: ['x'] },
    { params: [] },
    { methodName: null },
    { methodName: 'system.multicall', params: [[]] },
    { methodName: 'supervisor.getPID', params: [1] },
    { methodName: 'supervisor.getPID', params: 'x' },
    { methodName: 5 },
    'not a struct',
    { methodName: 'supervisor.clearLog' },
    { methodName: 'system.listMethods' },
  ]]);
  assert.ok(r.ok);
  const results = r.value as unknown[];
  assert.deepEqual(results.slice(0, 12), [
    { statecode: 1, statename: 'RUNNING' },
    5729,
    { faultCode: 1, faultString: 'UNKNOWN_METHOD' },
    { faultCode: 10, faultString: 'BAD_NAME: x' },
    { faultCode: 2, faultString: 'INCORRECT_PARAMETERS: No methodName' },
    { faultCode: 2, faultString: 'INCORRECT_PARAMETERS: No methodName' },
    { faultCode: 2, faultString: 'INCORRECT_PARAMETERS: Recursive system.multicall forbidden' },
    { faultCode: 2, faultString: 'INCORRECT_PARAMETERS' },
    { faultCode: 2, faultString: 'INCORRECT_PARAMETERS: call 9 (supervisor.getPID): params must be an array, got string "x"' },
    { faultCode: 2, faultString: 'INCORRECT_PARAMETERS: call 10: methodName must be a string, got int 5' },
    { faultCode: 2, faultString: 'INCORRECT_PARAMETERS: call 11 must be a struct {methodName, params}, got string "not a struct"' },
    { faultCode: 30, faultString: 'FAILED: Error:disk' },
  ]);
  assert.ok(Array.isArray(results[12]));
});

test('multicall runs its calls in order, each awaited before the next starts', async () => {
  const events: string[] = [];
  const dispatch = setup([
    ['supervisor.startProcess', async ([name]) => {
      events.push(`start ${String(name)}`);
      await new Promise((r) => setTimeout(r, name === 'slow' ? 30 : 1));
      events.push(`end ${String(name)}`);
      return true;
    }],
  ]);
  const r = await dispatch('system.multicall', [[
    { methodName: 'supervisor.startProcess', params: ['slow'] },
    { methodName: 'supervisor.startProcess', params: ['fast'] },
  ]]);
  assert.deepEqual(r, { ok: true, value: [true, true] });
  assert.deepEqual(events, ['start slow', 'end slow', 'start fast', 'end fast']);
});

test('multicall itself needs an array', async () => {
  const r = await setup()('system.multicall', ['x']);
  assert.equal(!r.ok && r.fault.message, 'INCORRECT_PARAMETERS: system.multicall argument 1 (calls): expected array, got string "x"');
});
