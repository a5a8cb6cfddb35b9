import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { closeSync, ftruncateSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import {
  isReadRangeError,
  isTailError,
  readLogFile,
  tailLogFile,
} from '../../../../packages/daemon/src/logs/read-range.js';
import { makeTempDir, requireReference, runLogsReference, type ReferenceCase } from './logs-reference.js';

function read(path: string, offset: number, length: number): string {
  const r = readLogFile(path, offset, length);
  assert.ok(!isReadRangeError(r), isReadRangeError(r) ? r.error : '');
  return r.toString('latin1');
}

function tail(path: string, offset: number, length: number): [string, number, boolean] {
  const r = tailLogFile(path, offset, length);
  assert.ok(!isTailError(r), isTailError(r) ? r.error : '');
  return [r.bytes.toString('latin1'), r.offset, r.overflow];
}

test('readFile: from offset to EOF, a length from offset, and the last |offset| bytes', (t) => {
  const path = join(makeTempDir(t), 'out.log');
  writeFileSync(path, '0123456789');
  assert.equal(read(path, 0, 0), '0123456789');
  assert.equal(read(path, 4, 0), '456789');
  assert.equal(read(path, 4, 3), '456');
  assert.equal(read(path, 8, 5), '89');
  assert.equal(read(path, 10, 5), '');
  assert.equal(read(path, 99, 0), '');
  assert.equal(read(path, -3, 0), '789');
  assert.equal(read(path, -1600, 0), '0123456789');
});

test('readFile: a negative offset with a length, or a negative length, is BAD_ARGUMENTS', (t) => {
  const path = join(makeTempDir(t), 'out.log');
  writeFileSync(path, 'abc');
  for (const [offset, length] of [[-1, 1], [-1, -1], [0, -1], [5, -2]] as const) {
    const r = readLogFile(path, offset, length);
    assert.ok(isReadRangeError(r));
    assert.equal(r.error, 'BAD_ARGUMENTS', `(${offset}, ${length})`);
  }
});

test('readFile: a missing file is NO_FILE, a directory is FAILED', (t) => {
  const dir = makeTempDir(t);
  const missing = readLogFile(join(dir, 'nope.log'), 0, 0);
  assert.ok(isReadRangeError(missing));
  assert.equal(missing.error, 'NO_FILE');
  // Bad arguments on a missing file: the file check comes first, as in supervisor.
  const both = readLogFile(join(dir, 'nope.log'), -1, 1);
  assert.ok(isReadRangeError(both));
  assert.equal(both.error, 'NO_FILE');
  const directory = readLogFile(dir, 0, 0);
  assert.ok(isReadRangeError(directory));
  assert.equal(directory.error, 'FAILED');
  assert.equal(directory.errno, 'EISDIR');
});

test('tailFile: the observed examples (size 36)', (t) => {
  const path = join(makeTempDir(t), 'out.log');
  writeFileSync(path, 'out line 78\nline 79\nout line 80\n'.padStart(36, '#'));
  assert.deepEqual(tail(path, 0, 20), ['line 79\nout line 80\n', 36, true]);
  assert.deepEqual(tail(path, 100000, 20), ['', 36, false]);
  // offset + length past the end: the last `length` bytes, without overflow.
  assert.deepEqual(tail(path, 30, 20), ['line 79\nout line 80\n', 36, false]);
  assert.deepEqual(tail(path, 36, 1024), ['', 36, false]);
});

test('tailFile: a missing file answers offset 0, a directory keeps the offset it was given', (t) => {
  const dir = makeTempDir(t);
  const missing = tailLogFile(join(dir, 'nope.log'), 55, 10);
  assert.ok(isTailError(missing));
  assert.deepEqual([missing.error, missing.offset], ['NO_FILE', 0]);
  const directory = tailLogFile(dir, 55, 10);
  assert.ok(isTailError(directory));
  assert.deepEqual([directory.error, directory.offset], ['FAILED', 55]);
});

test('only the requested range is read: the end of a 16 GiB sparse file comes back at once', (t) => {
  const path = join(makeTempDir(t), 'huge.log');
  const size = 16 * 1024 ** 3;
  const fd = openSync(path, 'w');
  ftruncateSync(fd, size - 5);
  writeSync(fd, Buffer.from('tail!'), 0, 5, size - 5);
  closeSync(fd);
  assert.equal(read(path, -5, 0), 'tail!');
  assert.equal(read(path, size - 3, 100), 'il!');
  assert.deepEqual(tail(path, 0, 5), ['tail!', size, true]);
});

test('readFile and tailFile answer as supervisor\'s do, for every offset/length combination', async (t) => {
  if (!requireReference(t)) return;
  const dir = makeTempDir(t);
  const paths: string[] = [];
  for (const size of [0, 1, 7, 36, 50]) {
    const path = join(dir, `size-${size}.log`);
    writeFileSync(path, randomBytes(size));
    paths.push(path);
  }
  paths.push(join(dir, 'missing.log'));
  mkdirSync(join(dir, 'a-directory.log'));
  paths.push(join(dir, 'a-directory.log'));
  const values = [-100, -37, -36, -10, -1, 0, 1, 5, 35, 36, 37, 49, 50, 51, 1000];
  const cases: ReferenceCase[] = [];
  for (const path of paths) {
    for (const offset of values) {
      for (const length of values) {
        cases.push({ kind: 'read', path, offset, length }, { kind: 'tail', path, offset, length });
      }
    }
  }
  const answers = await runLogsReference(cases);
  cases.forEach((c, i) => {
    assert.ok(c.kind === 'read' || c.kind === 'tail');
    const answer = answers[i]!;
    const label = `${c.kind}(${c.path.slice(dir.length + 1)}, ${c.offset}, ${c.length})`;
    if (c.kind === 'read') {
      const r = readLogFile(c.path, c.offset, c.length);
      const ours = isReadRangeError(r) ? { error: r.error } : { hex: r.toString('hex') };
      assert.deepEqual(ours, answer, label);
    } else {
      const r = tailLogFile(c.path, c.offset, c.length);
      const ours = isTailError(r) ? ['', r.offset, false] : [r.bytes.toString('hex'), r.offset, r.overflow];
      assert.deepEqual(ours, answer.tail, label);
    }
  });
});
