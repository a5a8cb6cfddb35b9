import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toXmlRpcValue } from '../../../../packages/protocol/src/index.js';

test('plain data passes; byte buffers become text', () => {
  const r = toXmlRpcValue({ a: [1, 'x', true, 2.5] });
  assert.ok(r.ok);
  assert.deepEqual({ ...(r.value as object) }, { a: [1, 'x', true, 2.5] });
  // Structs are rebuilt without a prototype, so a `__proto__` key stays a key.
  const p = toXmlRpcValue(JSON.parse('{"__proto__": 1}'));
  assert.deepEqual(Object.keys((p as { value: object }).value), ['__proto__']);
  assert.deepEqual(toXmlRpcValue(Buffer.from([0x61, 0xff])), { ok: true, value: 'a\ufffd' });
});

test('what XML-RPC cannot carry is refused with the path to it', () => {
  const cases: [unknown, RegExp][] = [
    [undefined, /result: cannot encode a value of type undefined/],
    [null, /result: cannot encode a value of type null/],
    [[1, { start: 2 ** 31 }], /\[1\]\.start: integer 2147483648 exceeds/],
    [{ f: () => 1 }, /f: cannot encode a value of type function/],
    [10n, /bigint/],
    [new Map(), /Map/],
  ];
  for (const [v, re] of cases) {
    const r = toXmlRpcValue(v);
    assert.ok(!r.ok);
    assert.match(r.ok ? '' : r.error, re);
  }
  const cyclic: unknown[] = [];
  cyclic.push(cyclic);
  assert.match((toXmlRpcValue(cyclic) as { error: string }).error, /recursive/);
  let deep: unknown = 'x';
  for (let i = 0; i < 100; i++) deep = [deep];
  assert.match((toXmlRpcValue(deep) as { error: string }).error, /deeper/);
});

test('a shared (non-cyclic) sub-value is fine', () => {
  const shared = { a: 1 };
  assert.ok(toXmlRpcValue([shared, shared]).ok);
});
