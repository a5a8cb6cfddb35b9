import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  decodeJsonRpcRequest,
  decodeJsonRpcResponse,
  encodeJsonRpcRequest,
  encodeJsonRpcResponse,
  FaultError,
  jsonRpcFault,
  jsonRpcResult,
  JsonRpcErrorCode,
  toJsonValue,
} from '../../../../packages/protocol/src/index.js';

test('a request decodes to one call; params default to none', () => {
  assert.deepEqual(decodeJsonRpcRequest(encodeJsonRpcRequest('supervisor.getState', [], 1)), {
    ok: true,
    batch: false,
    entry: { ok: true, call: { method: 'supervisor.getState', params: [], id: 1, isNotification: false } },
  });
  const r = decodeJsonRpcRequest('{"jsonrpc":"2.0","method":"a.b"}');
  assert.deepEqual(r, { ok: true, batch: false, entry: { ok: true, call: { method: 'a.b', params: [], id: null, isNotification: true } } });
});

test('parse errors are -32700, envelope errors -32600, non-array params -32602', () => {
  const code = (body: string): number | undefined => {
    const r = decodeJsonRpcRequest(body);
    if (!r.ok) return 'error' in r.response ? r.response.error.code : undefined;
    if (!r.batch && !r.entry.ok) return 'error' in r.entry.response ? r.entry.response.error.code : undefined;
    return undefined;
  };
  assert.equal(code('{'), JsonRpcErrorCode.PARSE_ERROR);
  assert.equal(code(''), JsonRpcErrorCode.PARSE_ERROR);
  assert.equal(code('[]'), JsonRpcErrorCode.INVALID_REQUEST);
  assert.equal(code('5'), JsonRpcErrorCode.INVALID_REQUEST);
  assert.equal(code('{"method":"a.b"}'), JsonRpcErrorCode.INVALID_REQUEST);
  assert.equal(code('{"jsonrpc":"2.0","method":5,"id":1}'), JsonRpcErrorCode.INVALID_REQUEST);
  assert.equal(code('{"jsonrpc":"2.0","method":"a.b","id":{}}'), JsonRpcErrorCode.INVALID_REQUEST);
  assert.equal(code('{"jsonrpc":"2.0","method":"a.b","params":{"name":"x"},"id":1}'), JsonRpcErrorCode.INVALID_PARAMS);
  assert.equal(code(`${'['.repeat(100)}${']'.repeat(100)}`), JsonRpcErrorCode.INVALID_REQUEST);
  assert.equal(code('[1]'), undefined);
});

test('a batch decodes entry by entry; bad entries carry their error', () => {
  const r = decodeJsonRpcRequest('[{"jsonrpc":"2.0","method":"a.b","id":1}, 7]');
  assert.ok(r.ok && r.batch);
  assert.equal(r.entries.length, 2);
  assert.ok(r.entries[0]!.ok);
  assert.ok(!r.entries[1]!.ok);
});

test('a fault is an error object with the supervisor code and a structured data member', () => {
  const response = jsonRpcFault(3, new FaultError('BAD_NAME', 'web'));
  assert.equal(encodeJsonRpcResponse(response), '{"jsonrpc":"2.0","error":{"code":10,"message":"BAD_NAME: web","data":{"fault":"BAD_NAME","detail":"web"}},"id":3}');
  assert.deepEqual(decodeJsonRpcResponse(encodeJsonRpcResponse(response)), {
    kind: 'fault',
    fault: { faultCode: 10, faultString: 'BAD_NAME: web' },
    error: { code: 10, message: 'BAD_NAME: web', data: { fault: 'BAD_NAME', detail: 'web' } },
    id: 3,
  });
});

test('responses decode to a value, a fault, or an error', () => {
  assert.deepEqual(decodeJsonRpcResponse(encodeJsonRpcResponse(jsonRpcResult('x', [1, 'a']))), { kind: 'value', value: [1, 'a'], id: 'x' });
  assert.equal(decodeJsonRpcResponse('{"jsonrpc":"2.0","error":{"code":-32700,"message":"Parse error"},"id":null}').kind, 'error');
  assert.equal(decodeJsonRpcResponse('nope').kind, 'error');
  assert.equal(decodeJsonRpcResponse('{"jsonrpc":"2.0","id":1}').kind, 'error');
});

test('toJsonValue: buffers become text; undefined, NaN, cycles and class instances are refused', () => {
  assert.deepEqual(toJsonValue(Buffer.from('hi')), { ok: true, value: 'hi' });
  assert.deepEqual(toJsonValue(null), { ok: true, value: null });
  for (const bad of [undefined, NaN, Infinity, () => 1, 1n, new Date()]) assert.ok(!toJsonValue(bad).ok, String(bad));
  const cyclic: Record<string, unknown> = {};
  cyclic['self'] = cyclic;
  assert.ok(!toJsonValue(cyclic).ok);
});
