import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LogFileError } from '../../../../packages/daemon/src/logs/log-file-error.js';
import { nodeLogFs, type LogFs } from '../../../../packages/daemon/src/logs/log-fs.js';
import { RotatingFile, type RotatingFileOptions } from '../../../../packages/daemon/src/logs/rotating-file.js';
import { createRandom } from '../../../helpers/python-json.js';
import { makeTempDir, requireReference, runLogsReference, type ReferenceCase } from './logs-reference.js';

function openFile(options: RotatingFileOptions): RotatingFile {
  const opened = RotatingFile.open(options);
  assert.ok(opened.ok, opened.ok ? '' : opened.error.message);
  return opened.file;
}

function errnoError(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: injected`), { code });
}

// Every file in `dir` → its bytes as hex (the shape logs-reference.py answers with).
function listing(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir).sort()) out[name] = readFileSync(join(dir, name)).toString('hex');
  return out;
}

test('bytes land exactly once and unchanged: invalid UTF-8, NUL bytes and characters split across writes', (t) => {
  const dir = makeTempDir(t);
  const path = join(dir, 'out.log');
  const file = openFile({ path, maxBytes: 0, backups: 0 });
  const text = Buffer.from('héllo wörld 😀 ✓ \u{10FFFF}', 'utf8');
  const binary = Buffer.from([0x00, 0xff, 0xfe, 0xc3, 0x28, 0x00, 0x00, 0xed, 0xa0, 0x80, 0xf0, 0x9f]);
  const expected: Buffer[] = [];
  // Every character of `text` is cut at every byte: one write per byte.
  for (let i = 0; i < text.length; i++) {
    assert.equal(file.write(text.subarray(i, i + 1)), true);
    expected.push(text.subarray(i, i + 1));
  }
  file.write(binary);
  expected.push(binary);
  file.write(Buffer.alloc(0));
  file.write(text.subarray(0, 13));
  file.write(text.subarray(13));
  expected.push(text);
  file.close();
  assert.deepEqual(readFileSync(path), Buffer.concat(expected));
  assert.equal(file.size, Buffer.concat(expected).length);
});

test('rotation happens after the write: with maxBytes 300 the rotated file holds 302 bytes and the new file is empty', (t) => {
  const dir = makeTempDir(t);
  const path = join(dir, 'talker.out');
  const file = openFile({ path, maxBytes: 300, backups: 10 });
  const first = Buffer.alloc(290, 'a');
  const crossing = Buffer.from('line 80 \u00e9!\n'); // 12 bytes: 290 + 12 = 302 ≥ 300
  assert.equal(crossing.length, 12);
  file.write(first);
  assert.equal(existsSync(`${path}.1`), false, 'no rotation below maxBytes');
  file.write(crossing);
  assert.equal(statSync(`${path}.1`).size, 302);
  assert.deepEqual(readFileSync(`${path}.1`), Buffer.concat([first, crossing]));
  assert.equal(statSync(path).size, 0);
  assert.equal(file.size, 0);
  file.write(Buffer.from('next\n'));
  file.close();
  assert.equal(readFileSync(path, 'utf8'), 'next\n');
  assert.deepEqual(readdirSync(dir).sort(), ['talker.out', 'talker.out.1']);
});

test('a file that already exists is appended to, and its bytes count toward maxBytes', (t) => {
  const dir = makeTempDir(t);
  const path = join(dir, 'old.log');
  writeFileSync(path, 'x'.repeat(295));
  const file = openFile({ path, maxBytes: 300, backups: 1 });
  assert.equal(file.size, 295);
  file.write(Buffer.from('12345'));
  file.close();
  assert.equal(readFileSync(`${path}.1`, 'utf8'), 'x'.repeat(295) + '12345');
  assert.equal(readFileSync(path, 'utf8'), '');
});

test('with N backups the rotated files shift: .1 is the newest and the oldest beyond N is discarded', (t) => {
  const dir = makeTempDir(t);
  const path = join(dir, 'app.log');
  const file = openFile({ path, maxBytes: 10, backups: 3 });
  for (const letter of 'ABCDE') file.write(Buffer.from(letter.repeat(10)));
  file.write(Buffer.from('tail'));
  file.close();
  assert.deepEqual(listing(dir), {
    'app.log': Buffer.from('tail').toString('hex'),
    'app.log.1': Buffer.from('E'.repeat(10)).toString('hex'),
    'app.log.2': Buffer.from('D'.repeat(10)).toString('hex'),
    'app.log.3': Buffer.from('C'.repeat(10)).toString('hex'),
  });
});

test('backups = 0 truncates the file in place', (t) => {
  const dir = makeTempDir(t);
  const path = join(dir, 'trunc.log');
  const file = openFile({ path, maxBytes: 10, backups: 0 });
  file.write(Buffer.from('0123456789AB'));
  assert.equal(statSync(path).size, 0);
  file.write(Buffer.from('xyz'));
  file.close();
  assert.deepEqual(readdirSync(dir), ['trunc.log']);
  assert.equal(readFileSync(path, 'utf8'), 'xyz');
});

test('rotation under load: 50 MB in random chunks keeps exactly the tail that rotation should keep', (t) => {
  const dir = makeTempDir(t);
  const path = join(dir, 'load.log');
  const maxBytes = 1 << 20;
  const backups = 5;
  const total = 50 * (1 << 20);
  const stream = randomBytes(total);
  const random = createRandom(20240611);
  const file = openFile({ path, maxBytes, backups });
  // The model: where each file of the stream starts; a file closes once it reaches maxBytes.
  const starts = [0];
  let size = 0;
  for (let at = 0; at < total;) {
    const n = Math.min(1 + random.int(128 * 1024), total - at);
    assert.equal(file.write(stream.subarray(at, at + n)), true);
    at += n;
    size += n;
    if (size >= maxBytes) {
      starts.push(at);
      size = 0;
    }
  }
  file.close();
  const surviving = starts.slice(-(backups + 1));
  const expectedDropped = surviving[0]!;
  const names = [...Array.from({ length: backups }, (_, i) => `${path}.${backups - i}`), path];
  const contents = names.map((name) => readFileSync(name));
  contents.forEach((bytes, i) => {
    const end = surviving[i + 1] ?? total;
    assert.equal(bytes.length, end - surviving[i]!, `${names[i]} size`);
  });
  const kept = Buffer.concat(contents);
  assert.equal(total - kept.length, expectedDropped, 'bytes dropped = bytes in the rotated-out files');
  assert.ok(expectedDropped > 0 && starts.length > backups + 10, 'the run rotated many times');
  assert.ok(kept.equals(stream.subarray(expectedDropped)), 'the surviving files, .5 … .1 then current, are the tail of the stream');
  assert.equal(existsSync(`${path}.${backups + 1}`), false);
});

test('the same writes produce the same files as supervisor\'s RotatingFileHandler', async (t) => {
  if (!requireReference(t)) return;
  const random = createRandom(7);
  const cases: ReferenceCase[] = [];
  const ourDirs: string[] = [];
  for (let i = 0; i < 60; i++) {
    const maxBytes = random.pick([0, 1, 5, 37, 300]);
    const backups = random.pick([0, 1, 2, 3, 7]);
    const chunks = Array.from({ length: 1 + random.int(40) }, () => randomBytes(random.pick([0, 1, 3, 17, 80, 301])).toString('hex'));
    const existing: Record<string, string> = {};
    if (random.int(2) === 1) existing['f.log'] = randomBytes(random.int(400)).toString('hex');
    if (random.int(2) === 1) existing['f.log.2'] = randomBytes(random.int(50)).toString('hex'); // a gap at .1
    if (random.int(3) === 1) existing['f.log.9'] = 'aa'; // beyond every backups value used
    cases.push({ kind: 'rotate', dir: makeTempDir(t), file: 'f.log', maxBytes, backups, chunks, existing });
    ourDirs.push(makeTempDir(t));
  }
  const answers = await runLogsReference(cases);
  cases.forEach((c, i) => {
    assert.ok(c.kind === 'rotate');
    const dir = ourDirs[i]!;
    for (const [name, hex] of Object.entries(c.existing ?? {})) writeFileSync(join(dir, name), Buffer.from(hex, 'hex'));
    const file = openFile({ path: join(dir, c.file), maxBytes: c.maxBytes, backups: c.backups });
    for (const chunk of c.chunks) file.write(Buffer.from(chunk, 'hex'));
    file.close();
    assert.deepEqual(listing(dir), answers[i]!.files, `case ${i}: maxBytes ${c.maxBytes}, backups ${c.backups}`);
  });
});

test('a short write is completed by further writes, in order', (t) => {
  const dir = makeTempDir(t);
  const path = join(dir, 'short.log');
  let calls = 0;
  const fs: LogFs = { ...nodeLogFs, write: (fd, bytes, offset, length) => { calls++; return nodeLogFs.write(fd, bytes, offset, Math.min(length, 7)); } };
  const file = openFile({ path, maxBytes: 0, backups: 0, fs });
  const bytes = randomBytes(100);
  assert.equal(file.write(bytes), true);
  file.close();
  assert.equal(calls, 15);
  assert.deepEqual(readFileSync(path), bytes);
});

test('ENOSPC mid-chunk is reported as ERR_LOG_WRITE without throwing, and later bytes follow the earlier ones', (t) => {
  const dir = makeTempDir(t);
  const path = join(dir, 'full.log');
  let failNext = false;
  const fs: LogFs = {
    ...nodeLogFs,
    write: (fd, bytes, offset, length) => {
      if (failNext) {
        failNext = false;
        throw errnoError('ENOSPC');
      }
      // The disk fills after 4 bytes of this call.
      if (length > 4 && bytes[offset] === 0x42) {
        failNext = true;
        return nodeLogFs.write(fd, bytes, offset, 4);
      }
      return nodeLogFs.write(fd, bytes, offset, length);
    },
  };
  const errors: LogFileError[] = [];
  const file = openFile({ path, maxBytes: 0, backups: 0, fs, onError: (e) => errors.push(e) });
  assert.equal(file.write(Buffer.from('AAAA')), true);
  assert.equal(file.write(Buffer.from('BBBBBBBBBB')), false);
  assert.equal(file.write(Buffer.from('CCCC')), true);
  file.close();
  assert.equal(errors.length, 1);
  assert.equal(errors[0]!.code, 'ERR_LOG_WRITE');
  assert.equal(errors[0]!.errno, 'ENOSPC');
  assert.equal(errors[0]!.operation, 'write');
  assert.equal(errors[0]!.bytesDropped, 6);
  assert.equal(readFileSync(path, 'utf8'), 'AAAABBBBCCCC');
  assert.equal(file.size, 12);
});

test('writing to /dev/full reports ENOSPC instead of throwing', (t) => {
  if (!existsSync('/dev/full')) {
    t.skip('/dev/full is not available');
    return;
  }
  const errors: LogFileError[] = [];
  // maxBytes 0: a character device must never be renamed, even by a broken test.
  const file = openFile({ path: '/dev/full', maxBytes: 0, backups: 0, onError: (e) => errors.push(e) });
  assert.equal(file.write(Buffer.from('hello')), false);
  file.close();
  assert.equal(errors.length, 1);
  assert.equal(errors[0]!.code, 'ERR_LOG_WRITE');
  assert.equal(errors[0]!.errno, 'ENOSPC');
  assert.equal(errors[0]!.bytesDropped, 5);
});

test('a file that is not a regular file (a pipe, /dev/stdout) is never rotated', (t) => {
  const dir = makeTempDir(t);
  const path = join(dir, 'pipe.log');
  const renames: string[] = [];
  const fs: LogFs = {
    ...nodeLogFs,
    stat: () => ({ size: 0, isFile: false }),
    rename: (from, to) => {
      renames.push(`${from} -> ${to}`);
      nodeLogFs.rename(from, to);
    },
  };
  const file = openFile({ path, maxBytes: 4, backups: 2, fs });
  file.write(Buffer.from('0123456789'));
  file.write(Buffer.from('abc'));
  file.close();
  assert.deepEqual(renames, []);
  assert.equal(readFileSync(path, 'utf8'), '0123456789abc');
});

test('a failed rename during rotation keeps appending to the file instead of truncating it', (t) => {
  const dir = makeTempDir(t);
  const path = join(dir, 'stuck.log');
  let refuse = true;
  const fs: LogFs = {
    ...nodeLogFs,
    rename: (from, to) => {
      if (refuse) throw errnoError('EACCES');
      nodeLogFs.rename(from, to);
    },
  };
  const errors: LogFileError[] = [];
  const file = openFile({ path, maxBytes: 5, backups: 2, fs, onError: (e) => errors.push(e) });
  assert.equal(file.write(Buffer.from('123456')), true);
  assert.equal(file.write(Buffer.from('789')), true);
  assert.equal(readFileSync(path, 'utf8'), '123456789');
  assert.equal(errors.length, 2);
  assert.ok(errors.every((e) => e.code === 'ERR_LOG_WRITE' && e.operation === 'rotate' && e.errno === 'EACCES' && e.bytesDropped === 0));
  refuse = false;
  file.write(Buffer.from('0'));
  file.close();
  assert.equal(readFileSync(`${path}.1`, 'utf8'), '1234567890');
  assert.equal(readFileSync(path, 'utf8'), '');
});

test('reopen() follows the name: after an external rename new bytes go to a new file', (t) => {
  const dir = makeTempDir(t);
  const path = join(dir, 'rotated-by-logrotate.log');
  const file = openFile({ path, maxBytes: 0, backups: 0 });
  file.write(Buffer.from('before\n'));
  renameSync(path, `${path}.old`);
  file.write(Buffer.from('still old\n'));
  assert.equal(file.reopen().ok, true);
  assert.equal(file.size, 0);
  file.write(Buffer.from('after\n'));
  file.close();
  assert.equal(readFileSync(`${path}.old`, 'utf8'), 'before\nstill old\n');
  assert.equal(readFileSync(path, 'utf8'), 'after\n');
});

test('clear() deletes the file and reopens it empty, leaving the backups alone', (t) => {
  const dir = makeTempDir(t);
  const path = join(dir, 'clear.log');
  const file = openFile({ path, maxBytes: 5, backups: 1 });
  file.write(Buffer.from('backup'));
  file.write(Buffer.from('abc'));
  assert.equal(file.clear().ok, true);
  assert.equal(file.size, 0);
  assert.equal(readFileSync(path, 'utf8'), '');
  file.write(Buffer.from('new'));
  file.close();
  assert.equal(readFileSync(path, 'utf8'), 'new');
  assert.equal(readFileSync(`${path}.1`, 'utf8'), 'backup');
});

test('clear() of a file deleted meanwhile still succeeds; a refused delete is reported and the file stays writable', (t) => {
  const dir = makeTempDir(t);
  const path = join(dir, 'gone.log');
  const file = openFile({ path, maxBytes: 0, backups: 0 });
  nodeLogFs.unlink(path);
  assert.equal(file.clear().ok, true);
  assert.equal(existsSync(path), true);
  file.close();

  const refusing = openFile({ path, maxBytes: 0, backups: 0, fs: { ...nodeLogFs, unlink: () => { throw errnoError('EPERM'); } } });
  refusing.write(Buffer.from('kept'));
  const cleared = refusing.clear();
  assert.equal(cleared.ok, false);
  assert.equal(cleared.ok ? null : cleared.error.errno, 'EPERM');
  refusing.write(Buffer.from('+more'));
  refusing.close();
  assert.equal(readFileSync(path, 'utf8'), 'kept+more');
});

test('files are created with the umask by default and with mode 0600 when asked, also after rotation', (t) => {
  const dir = makeTempDir(t);
  writeFileSync(join(dir, 'reference'), '');
  const umaskMode = statSync(join(dir, 'reference')).mode & 0o777;
  const explicit = openFile({ path: join(dir, 'explicit.log'), maxBytes: 0, backups: 0 });
  explicit.close();
  assert.equal(statSync(join(dir, 'explicit.log')).mode & 0o777, umaskMode);
  const auto = openFile({ path: join(dir, 'auto.log'), maxBytes: 3, backups: 1, mode: 0o600 });
  auto.write(Buffer.from('rotate me'));
  auto.close();
  assert.equal(statSync(join(dir, 'auto.log')).mode & 0o777, 0o600);
  assert.equal(statSync(join(dir, 'auto.log.1')).mode & 0o777, 0o600);
});

test('an open failure is a result with ERR_LOG_OPEN, not an exception', (t) => {
  const dir = makeTempDir(t);
  const opened = RotatingFile.open({ path: join(dir, 'missing-dir', 'x.log'), maxBytes: 0, backups: 0 });
  assert.equal(opened.ok, false);
  assert.equal(opened.ok ? null : opened.error.code, 'ERR_LOG_OPEN');
  assert.equal(opened.ok ? null : opened.error.errno, 'ENOENT');
});

test('a write after close() is reported, not thrown, and writes nothing', (t) => {
  const dir = makeTempDir(t);
  const path = join(dir, 'closed.log');
  const errors: LogFileError[] = [];
  const file = openFile({ path, maxBytes: 0, backups: 0, onError: (e) => errors.push(e) });
  file.close();
  assert.equal(file.write(Buffer.from('late')), false);
  assert.equal(errors.length, 1);
  assert.equal(errors[0]!.bytesDropped, 4);
  assert.equal(readFileSync(path, 'utf8'), '');
});

test('writeRecords() leaves the same files as write() per record, in fewer write(2)s', (t) => {
  const random = createRandom(7);
  // Random sizes, and 25-byte records that reach maxBytes exactly.
  for (const [maxBytes, backups, size] of [[0, 0, -1], [100, 2, -1], [257, 3, -1], [64, 0, -1], [1, 1, -1], [100, 2, 25]] as const) {
    const records = Array.from({ length: 60 }, () => randomBytes(size < 0 ? random.int(90) : size));
    const oneByOne = makeTempDir(t);
    const batched = makeTempDir(t);
    const each = openFile({ path: join(oneByOne, 'f.log'), maxBytes, backups });
    for (const r of records) each.write(r);
    each.close();
    let writes = 0;
    const counting: LogFs = { ...nodeLogFs, write: (fd, b, o, l) => { writes++; return nodeLogFs.write(fd, b, o, l); } };
    const file = openFile({ path: join(batched, 'f.log'), maxBytes, backups, fs: counting });
    assert.equal(file.writeRecords(records.slice(0, 25)), true);
    assert.equal(file.writeRecords(records.slice(25)), true);
    file.close();
    assert.deepEqual(listing(batched), listing(oneByOne), `maxBytes ${maxBytes}, backups ${backups}`);
    if (maxBytes === 0) assert.equal(writes, 2);
    else assert.ok(writes < records.length || maxBytes === 1, `${writes} writes`);
  }
});
