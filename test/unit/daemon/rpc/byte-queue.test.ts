import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ByteQueue } from '../../../../packages/daemon/src/rpc/byte-queue.js';

test('pushes and consumes keep the unread bytes in order, across growth and compaction', () => {
  const q = new ByteQueue();
  let expected = '';
  for (let i = 0; i < 2000; i++) {
    const piece = `${i},`;
    q.push(Buffer.from(piece));
    expected += piece;
    if (i % 7 === 0) {
      const n = Math.min(5, q.length);
      assert.equal(q.view().subarray(0, n).toString(), expected.slice(0, n));
      q.consume(n);
      expected = expected.slice(n);
    }
    assert.equal(q.length, expected.length);
  }
  assert.equal(q.view().toString(), expected);
  assert.equal(q.at(0), expected.charCodeAt(0));
  assert.equal(q.at(q.length), undefined);
  q.consume(q.length);
  assert.equal(q.length, 0);
});

test('a head trickled one byte at a time costs linear time', () => {
  const q = new ByteQueue();
  const started = performance.now();
  for (let i = 0; i < 200_000; i++) q.push(Buffer.of(0x78));
  assert.equal(q.length, 200_000);
  assert.ok(performance.now() - started < 1000);
});
