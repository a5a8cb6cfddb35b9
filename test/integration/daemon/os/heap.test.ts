// keepYoungGenerationSmall, in a fresh Node process (V8 flags are process-wide): after a burst in
// which many objects survive scavenges, the young generation is still at its first size.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const HEAP = fileURLToPath(new URL('../../../../packages/daemon/src/os/heap.ts', import.meta.url));

function newSpaceAfterBurst(limit: boolean): number {
  const script = `
    import { getHeapSpaceStatistics } from 'node:v8';
    ${limit ? `const { keepYoungGenerationSmall } = await import(${JSON.stringify(HEAP)}); keepYoungGenerationSmall();` : ''}
    // A burst whose objects live long enough to survive scavenges (as when 1000 programs start).
    let keep = [];
    for (let round = 0; round < 40; round++) {
      keep.push(Array.from({ length: 20000 }, (_, i) => ({ i, s: 'x' + i })));
      if (keep.length > 8) keep.shift();
    }
    keep = null;
    const ns = getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
    process.stdout.write(String(ns.space_size));
  `;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return Number(r.stdout);
}

test('keepYoungGenerationSmall stops the young generation from growing in a burst', (t) => {
  const grown = newSpaceAfterBurst(false);
  const kept = newSpaceAfterBurst(true);
  assert.ok(grown >= 4 * kept, `new space after the burst: ${grown} bytes by default, ${kept} kept small`);
  assert.ok(kept <= 4 * 1024 * 1024, `kept small: ${kept} bytes`);
  t.diagnostic(`new space after the burst: ${grown} bytes by default, ${kept} kept small`);
});
