// Narrowing RPC results: system.multicall's answer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RpcFault } from '../../../packages/ctl/src/errors.js';
import { asMulticallResults } from '../../../packages/ctl/src/wire.js';

test('a multicall answer gives each value as is and each fault struct as an RpcFault', () => {
  const [a, b, c] = asMulticallResults([true, { faultCode: 2, faultString: 'BAD_NAME: x' }, { name: 'p' }], 3);
  assert.deepEqual(a, { ok: true, value: true });
  assert.ok(b !== undefined && !b.ok && b.fault instanceof RpcFault);
  assert.equal(b.fault.faultCode, 2);
  assert.equal(b.fault.faultString, 'BAD_NAME: x');
  assert.deepEqual(c, { ok: true, value: { name: 'p' } });
});

test('a multicall answer with the wrong number of results is a ResponseError', () => {
  assert.throws(() => asMulticallResults([true], 2), { name: 'ResponseError' });
  assert.throws(() => asMulticallResults('nope', 1), { name: 'ResponseError' });
});
