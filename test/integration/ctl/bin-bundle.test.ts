// packages/*/bin: the bundle from `npm run build` runs only while it is newer than the tsc output
// of every package in it; otherwise dist/main.js does, so a bare `tsc -b` never runs stale code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { makeTree, REPO, runNode } from '../../helpers/bins.js';

const BINS = [
  { pkg: 'ctl', name: 'tendctl' },
  { pkg: 'daemon', name: 'tendd' },
] as const;

// A package tree whose dist/main.js and bundle say which one ran.
function fakeTree(t: Parameters<typeof makeTree>[0], pkg: string, name: string): string {
  return makeTree(t, {
    [`packages/${pkg}/bin/${name}.js`]: readFileSync(join(REPO, `packages/${pkg}/bin/${name}.js`), 'utf8'),
    [`packages/${pkg}/dist/main.js`]: "process.stdout.write('dist');\n",
    [`packages/${pkg}/dist/.tsbuildinfo`]: '{}',
    [`packages/${pkg}/bundle/${name}.js`]: "process.stdout.write('bundle');\n",
    'packages/protocol/dist/.tsbuildinfo': '{}',
    'package.json': '{"type":"module"}',
  });
}

function setAge(path: string, secondsAgo: number): void {
  const t = Date.now() / 1000 - secondsAgo;
  utimesSync(path, t, t);
}

for (const { pkg, name } of BINS) {
  test(`${name}: the bundle runs while it is newer than the tsc output`, (t) => {
    const root = fakeTree(t, pkg, name);
    setAge(join(root, `packages/${pkg}/dist/.tsbuildinfo`), 20);
    setAge(join(root, 'packages/protocol/dist/.tsbuildinfo'), 20);
    setAge(join(root, `packages/${pkg}/bundle/${name}.js`), 10);
    assert.equal(runNode(join(root, `packages/${pkg}/bin/${name}.js`), []).stdout, 'bundle');
  });

  test(`${name}: dist/main.js runs when its own package or protocol was rebuilt after the bundle`, (t) => {
    const root = fakeTree(t, pkg, name);
    const bin = join(root, `packages/${pkg}/bin/${name}.js`);
    setAge(join(root, `packages/${pkg}/bundle/${name}.js`), 10);
    setAge(join(root, 'packages/protocol/dist/.tsbuildinfo'), 20);
    setAge(join(root, `packages/${pkg}/dist/.tsbuildinfo`), 5);
    assert.equal(runNode(bin, []).stdout, 'dist');
    setAge(join(root, `packages/${pkg}/dist/.tsbuildinfo`), 20);
    setAge(join(root, 'packages/protocol/dist/.tsbuildinfo'), 5);
    assert.equal(runNode(bin, []).stdout, 'dist');
  });

  test(`${name}: dist/main.js runs when there is no bundle`, (t) => {
    const root = fakeTree(t, pkg, name);
    rmSync(join(root, `packages/${pkg}/bundle`), { recursive: true });
    assert.equal(runNode(join(root, `packages/${pkg}/bin/${name}.js`), []).stdout, 'dist');
  });
}
