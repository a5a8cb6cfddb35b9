import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statfsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fifoParentDir } from '../../../../packages/daemon/src/os/fifo-pipes.js';

const TMPFS_MAGIC = 0x01021994;

function isTmpfs(dir: string): boolean {
  try {
    return statfsSync(dir).type === TMPFS_MAGIC;
  } catch {
    return false;
  }
}

test('the FIFO directory goes on the first writable tmpfs, skipping missing and disk-backed candidates', (t) => {
  const disk = mkdtempSync(join(process.cwd(), '.fifo-parent-'));
  t.after(() => rmSync(disk, { recursive: true, force: true }));
  if (isTmpfs(disk)) t.diagnostic(`${disk} is itself on a tmpfs: the disk-backed case is not provable here`);
  const shm = isTmpfs('/dev/shm') ? '/dev/shm' : null;
  if (shm === null) t.diagnostic('/dev/shm is not a tmpfs here: the tmpfs choice is not provable');
  assert.equal(fifoParentDir([undefined, '', '/nonexistent/dir']), tmpdir());
  if (!isTmpfs(disk)) assert.equal(fifoParentDir([disk]), tmpdir());
  if (shm !== null) assert.equal(fifoParentDir(['/nonexistent/dir', disk, shm]), isTmpfs(disk) ? disk : shm);
});
