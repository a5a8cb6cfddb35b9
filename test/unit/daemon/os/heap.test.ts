import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compactHeap } from '../../../../packages/daemon/src/os/heap.js';

test('compactHeap runs a full collection: garbage just dropped is gone afterwards', () => {
  let garbage: { i: number; s: string }[] | null = Array.from({ length: 300_000 }, (_, i) => ({ i, s: `x${i}` }));
  const before = process.memoryUsage().heapUsed;
  assert.ok(garbage.length > 0);
  garbage = null;
  assert.equal(compactHeap(), true);
  const after = process.memoryUsage().heapUsed;
  assert.ok(before - after > 10 * 1024 * 1024, `heap went from ${before} to ${after} bytes`);
});
