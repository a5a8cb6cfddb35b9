import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { checkDirectory } from '../../../../packages/daemon/src/process/chdir-check.js';

const IS_ROOT = process.getuid?.() === 0;
const NOBODY = { uid: 65534, gid: 65534, groups: [65534] };

function dir(t: TestContext): string {
  const root = mkdtempSync(join(tmpdir(), 'tend-chdir-'));
  chmodSync(root, 0o755);
  t.after(() => rmSync(root, { recursive: true, force: true }));
  return root;
}

test('a missing directory, or a file, gives chdir\'s errno', (t) => {
  const root = dir(t);
  writeFileSync(join(root, 'f'), '');
  assert.equal(checkDirectory(join(root, 'missing'), null), 'ENOENT');
  assert.equal(checkDirectory(join(root, 'f'), null), 'ENOTDIR');
  assert.equal(checkDirectory(join(root, 'f/x'), null), 'ENOTDIR');
  assert.equal(checkDirectory(root, null), null);
});

test('the user needs search permission on the directory and every parent', { skip: !IS_ROOT && 'needs root to chown' }, (t) => {
  const root = dir(t);
  mkdirSync(join(root, 'closed/open'), { recursive: true });
  chmodSync(join(root, 'closed'), 0o700);
  chmodSync(join(root, 'closed/open'), 0o755);
  assert.equal(checkDirectory(join(root, 'closed/open'), NOBODY), 'EACCES');
  assert.equal(checkDirectory(join(root, 'closed'), NOBODY), 'EACCES');
  // Owner bits apply to the owner, group bits to members of the group (primary or supplementary).
  chownSync(join(root, 'closed'), 65534, 0);
  assert.equal(checkDirectory(join(root, 'closed/open'), NOBODY), null);
  chmodSync(join(root, 'closed'), 0o610);
  assert.equal(checkDirectory(join(root, 'closed'), NOBODY), 'EACCES');
  chownSync(join(root, 'closed'), 0, 4);
  assert.equal(checkDirectory(join(root, 'closed'), { ...NOBODY, groups: [65534, 4] }), null);
  assert.equal(checkDirectory(join(root, 'closed'), { uid: 0, gid: 0, groups: [] }), null);
});
