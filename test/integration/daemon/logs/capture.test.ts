import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ChannelCapture } from '../../../../packages/daemon/src/logs/capture.js';
import { RotatingFile } from '../../../../packages/daemon/src/logs/rotating-file.js';
import { makeTempDir } from './logs-reference.js';

const SPEW = fileURLToPath(new URL('../../../fixtures/programs/log-spew.mjs', import.meta.url));

// Every byte value, NULs, invalid UTF-8 and ESC included, in a pattern that never repeats
// with a short period, so a lost, doubled or reordered chunk shows.
function pattern(length: number, salt: number): Buffer {
  const out = Buffer.allocUnsafe(length);
  for (let i = 0; i < length; i++) out[i] = (i * 31 + (i >>> 8) * 7 + (i >>> 16) * 13 + salt) & 0xff;
  return out;
}

interface Channel {
  readonly capture: ChannelCapture;
  readonly file: RotatingFile;
  readonly path: string;
}

function openChannel(dir: string, name: string, maxBytes: number, backups: number): Channel {
  const path = join(dir, name);
  const opened = RotatingFile.open({ path, maxBytes, backups, onError: (e) => assert.fail(e) });
  assert.ok(opened.ok);
  return { capture: new ChannelCapture({ sink: opened.file, stripAnsi: false }), file: opened.file, path };
}

// Runs log-spew.mjs with the two streams; resolves on 'close' (all pipe data delivered).
async function spew(dir: string, out: Buffer, err: Buffer, channels: { out: Channel; err: Channel }, extra: string[] = []): Promise<number | null> {
  const outFile = join(dir, 'stdout.bin');
  const errFile = join(dir, 'stderr.bin');
  writeFileSync(outFile, out);
  writeFileSync(errFile, err);
  const child = spawn(process.execPath, [SPEW, outFile, errFile, '--seed', '42', ...extra], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.on('data', (chunk: Buffer) => channels.out.capture.write(chunk));
  child.stderr.on('data', (chunk: Buffer) => channels.err.capture.write(chunk));
  const [code] = (await once(child, 'close')) as [number | null];
  channels.out.file.close();
  channels.err.file.close();
  return code;
}

test('a child\'s stdout and stderr land in their files byte for byte', async (t) => {
  const dir = makeTempDir(t);
  const out = pattern(3 * 1024 * 1024 + 17, 1);
  const err = pattern(1024 * 1024 + 5, 2);
  const channels = { out: openChannel(dir, 'out.log', 0, 0), err: openChannel(dir, 'err.log', 0, 0) };
  const code = await spew(dir, out, err, channels);
  assert.equal(code, 0);
  assert.ok(readFileSync(channels.out.path).equals(out), 'stdout file equals what the child wrote');
  assert.ok(readFileSync(channels.err.path).equals(err), 'stderr file equals what the child wrote');
  assert.equal(channels.out.capture.bytesIn, out.length);
  assert.equal(channels.out.capture.bytesOut, out.length);
  assert.equal(channels.err.capture.bytesIn, err.length);
});

test('output written before the child calls process.exit() mid-stream is all in the file', async (t) => {
  const dir = makeTempDir(t);
  const out = pattern(2 * 1024 * 1024, 3);
  const exitAfter = 1_234_567;
  const err = pattern(512 * 1024, 4);
  const channels = { out: openChannel(dir, 'out.log', 0, 0), err: openChannel(dir, 'err.log', 0, 0) };
  const code = await spew(dir, out, err, channels, ['--exit-after', String(exitAfter)]);
  assert.equal(code, 7, 'the child exited through process.exit(7) mid-stream');
  assert.ok(readFileSync(channels.out.path).equals(out.subarray(0, exitAfter)));
  // stderr was interleaved: whatever was written before the exit, as a prefix.
  const errLog = readFileSync(channels.err.path);
  assert.ok(errLog.equals(err.subarray(0, errLog.length)));
});

test('with rotation, the backups and the current file together hold the whole stream in order', async (t) => {
  const dir = makeTempDir(t);
  const out = pattern(4 * 1024 * 1024 + 3, 5);
  const backups = 100; // enough that nothing is discarded
  const channels = { out: openChannel(dir, 'out.log', 256 * 1024, backups), err: openChannel(dir, 'err.log', 0, 0) };
  const seen: Buffer[] = [];
  channels.out.capture.subscribe((bytes) => seen.push(bytes));
  const code = await spew(dir, out, Buffer.alloc(0), channels);
  assert.equal(code, 0);
  const parts: Buffer[] = [];
  for (let n = backups; n >= 1; n--) {
    try {
      parts.push(readFileSync(`${channels.out.path}.${n}`));
    } catch {
      // not rotated that often
    }
  }
  assert.ok(parts.length >= 10, `rotated ${parts.length} times`);
  assert.ok(parts.every((p) => p.length >= 256 * 1024 && p.length < 256 * 1024 + 128 * 1024));
  parts.push(readFileSync(channels.out.path));
  assert.ok(Buffer.concat(parts).equals(out));
  assert.ok(Buffer.concat(seen).equals(out), 'listeners saw the same bytes');
});
