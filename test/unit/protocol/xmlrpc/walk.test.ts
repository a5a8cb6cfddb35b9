import { test } from 'node:test';
import assert from 'node:assert/strict';
import { walkValue, type ValueVisitor } from '../../../../packages/protocol/src/xmlrpc/walk.js';
import { toJsonValue } from '../../../../packages/protocol/src/index.js';

// Records the walk as a list of events; refuses the leaf `'bad'`.
function recorder(): { visitor: ValueVisitor; events: string[] } {
  const events: string[] = [];
  const visitor: ValueVisitor = {
    leaf: (v) => (v === 'bad' ? 'a bad leaf' : (events.push(`leaf ${String(v)}`), null)),
    openArray: () => events.push('['),
    closeArray: () => events.push(']'),
    openStruct: () => events.push('{'),
    openMember: (k) => events.push(`member ${k}`),
    closeMember: () => events.push('/member'),
    closeStruct: () => events.push('}'),
  };
  return { visitor, events };
}

test('containers and leaves are reported depth-first in document order', () => {
  const { visitor, events } = recorder();
  assert.equal(walkValue([1, { a: 'x', b: [] }, Buffer.from('y')], visitor, 64), null);
  assert.deepEqual(events, ['[', 'leaf 1', '{', 'member a', 'leaf x', '/member', 'member b', '[', ']', '/member', '}', 'leaf y', ']']);
});

test('a refusal stops the walk and names the path to it', () => {
  const { visitor, events } = recorder();
  assert.equal(walkValue([0, { list: [1, 'bad', 2] }], visitor, 64), '[1].list[1]: a bad leaf');
  assert.deepEqual(events, ['[', 'leaf 0', '{', 'member list', '[', 'leaf 1']);
  assert.equal(walkValue('bad', recorder().visitor, 64), 'result: a bad leaf');
  assert.equal(walkValue({ a: { b: 'bad' } }, recorder().visitor, 64), 'a.b: a bad leaf');
});

test('depth is counted in containers; a shared value is fine, a cycle is not', () => {
  assert.equal(walkValue([[['x']]], recorder().visitor, 3), null);
  assert.equal(walkValue([[[['x']]]], recorder().visitor, 3), '[0][0][0]: nested deeper than 3 levels');
  const shared = { k: 1 };
  assert.equal(walkValue([shared, { again: shared }], recorder().visitor, 64), null);
  const cyclic: Record<string, unknown> = { list: [] };
  (cyclic['list'] as unknown[]).push(cyclic);
  assert.equal(walkValue(cyclic, recorder().visitor, 64), 'list[0]: cannot encode a recursive value');
});

test('toJsonValue shares the walk: its refusals carry paths too', () => {
  assert.deepEqual(toJsonValue({ a: [1, NaN] }), { ok: false, error: 'a[1]: NaN is not a JSON number' });
  assert.deepEqual(toJsonValue([new Map()]), { ok: false, error: '[0]: cannot encode a value of type Map' });
  const r = toJsonValue(JSON.parse('{"__proto__": [null, true]}'));
  assert.ok(r.ok);
  assert.deepEqual(Object.keys(r.value as object), ['__proto__']);
});
