// /logtail and /mainlogtail streaming over a real socket: the first 1024 bytes, appends as
// they happen (fs.watch, no poll), truncation, rotation, UTF-8 boundaries, HTTP/1.0, 404s,
// and the watch ending when the client goes away.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, readdirSync, readlinkSync, renameSync, truncateSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RawClient, delay, startHarness, type Harness } from './rpc-harness.js';
import type { TestContext } from 'node:test';

interface Setup {
  readonly h: Harness;
  readonly out: string;
  readonly main: string;
}

async function setup(t: TestContext): Promise<Setup> {
  const paths = { out: '', main: '' };
  const h = await startHarness(t, {
    logtail: {
      processLog: (namespec, channel) => (namespec === 'web' && channel === 'stdout' ? paths.out : namespec === 'web' ? join(paths.out, '..', 'missing.log') : null),
      mainLog: () => paths.main,
    },
  });
  paths.out = join(h.dir, 'web.out.log');
  paths.main = join(h.dir, 'main.log');
  return { h, out: paths.out, main: paths.main };
}

/** Reads chunks until their text contains `expected`; returns the text read. */
async function readUntil(c: RawClient, expected: string, timeoutMs = 3000): Promise<string> {
  let text = '';
  const deadline = Date.now() + timeoutMs;
  while (!text.includes(expected)) {
    const chunk = await c.readChunk(Math.max(deadline - Date.now(), 1));
    assert.ok(chunk !== null, 'the stream ended');
    text += chunk.toString('utf8');
  }
  return text;
}

async function openTail(s: Setup, path = '/logtail/web/stdout', version = '1.1'): Promise<RawClient> {
  const c = await RawClient.connect(s.h.socketPath);
  // As supervisorctl's own client sends it, extra CRLF included.
  c.write(`GET ${path} HTTP/${version}\r\nHost: \r\nAccept-Encoding: chunked\r\nAccept: */*\r\nUser-agent: Supervisor HTTP Client\r\n\r\n\r\n`);
  return c;
}

function openFds(path: string): number {
  let n = 0;
  for (const fd of readdirSync('/proc/self/fd')) {
    try {
      if (readlinkSync(`/proc/self/fd/${fd}`) === path) n++;
    } catch {
      // closed meanwhile
    }
  }
  return n;
}

test('the stream starts with the last 1024 bytes, with supervisor\'s headers, then follows appends', async (t) => {
  const s = await setup(t);
  const lines = Array.from({ length: 100 }, (_, i) => `out line ${i}\n`).join('');
  writeFileSync(s.out, lines);
  const c = await openTail(s);
  t.after(() => c.destroy());
  const head = await c.readHead();
  assert.equal(head.statusLine, 'HTTP/1.1 200 OK');
  assert.deepEqual(head.headerLines.map((l) => l.split(':')[0]), ['Server', 'Date', 'Last-Modified', 'Content-Type', 'X-Accel-Buffering', 'Transfer-Encoding']);
  assert.equal(head.headers.get('content-type'), 'text/plain;charset=utf-8');
  assert.equal(head.headers.get('x-accel-buffering'), 'no');
  assert.equal(head.headers.get('transfer-encoding'), 'chunked');
  const first = await readUntil(c, 'out line 99\n');
  assert.equal(first, lines.slice(-1024));
  const started = Date.now();
  appendFileSync(s.out, 'appended 1\n');
  assert.equal(await readUntil(c, 'appended 1\n'), 'appended 1\n');
  assert.ok(Date.now() - started < 1000, `an append took ${Date.now() - started} ms to arrive`);
  appendFileSync(s.out, 'appended 2\n');
  appendFileSync(s.out, 'appended 3\n');
  assert.equal(await readUntil(c, 'appended 3\n'), 'appended 2\nappended 3\n');
});

test('truncation: "==> File truncated <==", then the file from its start', async (t) => {
  const s = await setup(t);
  writeFileSync(s.out, 'before truncation\n');
  const c = await openTail(s);
  t.after(() => c.destroy());
  await c.readHead();
  await readUntil(c, 'before truncation\n');
  truncateSync(s.out, 0);
  appendFileSync(s.out, 'after\n');
  const text = await readUntil(c, 'after\n');
  assert.equal(text, '==> File truncated <==\nafter\n');
});

test('rotation: the rest of the old file, then the new file from its start', async (t) => {
  const s = await setup(t);
  writeFileSync(s.out, 'old 1\n');
  const c = await openTail(s);
  t.after(() => c.destroy());
  await c.readHead();
  await readUntil(c, 'old 1\n');
  appendFileSync(s.out, 'old 2\n');
  renameSync(s.out, `${s.out}.1`);
  writeFileSync(s.out, 'new 1\n');
  const text = await readUntil(c, 'new 1\n');
  assert.equal(text, 'old 2\nnew 1\n');
  appendFileSync(s.out, 'new 2\n');
  assert.equal(await readUntil(c, 'new 2\n'), 'new 2\n');
});

test('the file removed and created again is followed (a clear that recreates the log)', async (t) => {
  const s = await setup(t);
  writeFileSync(s.out, 'one\n');
  const c = await openTail(s);
  t.after(() => c.destroy());
  await c.readHead();
  await readUntil(c, 'one\n');
  unlinkSync(s.out);
  await delay(50);
  writeFileSync(s.out, 'two\n');
  assert.equal(await readUntil(c, 'two\n'), 'two\n');
});

test('UTF-8: a character split between writes arrives whole; invalid bytes become U+FFFD; the window skips a partial start', async (t) => {
  const s = await setup(t);
  // A 2-byte 'é', 1023 'x', '\n' (1026 bytes): the last-1024-bytes window begins at the second
  // byte of the 'é', a continuation byte, which is skipped rather than sent as U+FFFD.
  writeFileSync(s.out, Buffer.concat([Buffer.from('\u00e9'), Buffer.from('x'.repeat(1023)), Buffer.from('\n')]));
  const c = await openTail(s);
  t.after(() => c.destroy());
  await c.readHead();
  const first = await readUntil(c, '\n');
  assert.equal(first, `${'x'.repeat(1023)}\n`);
  const euro = Buffer.from('\u20ac');
  appendFileSync(s.out, euro.subarray(0, 1));
  await delay(100);
  appendFileSync(s.out, Buffer.concat([euro.subarray(1), Buffer.from([0xff]), Buffer.from('\x1b[31mred\n')]));
  const text = await readUntil(c, 'red\n');
  assert.equal(text, '\u20ac\ufffd\x1b[31mred\n');
});

test('/mainlogtail streams the main log, without X-Accel-Buffering', async (t) => {
  const s = await setup(t);
  writeFileSync(s.main, '2026-01-01 00:00:00,000 INFO started\n');
  const c = await openTail(s, '/mainlogtail');
  t.after(() => c.destroy());
  const head = await c.readHead();
  assert.equal(head.headers.has('x-accel-buffering'), false);
  assert.match(await readUntil(c, 'started\n'), /INFO started\n$/);
});

test('HTTP/1.0: the data is sent raw and at once (supervisor buffers 64 KiB)', async (t) => {
  const s = await setup(t);
  writeFileSync(s.out, 'hello\n');
  const c = await openTail(s, '/logtail/web', '1.0');
  t.after(() => c.destroy());
  const head = await c.readHead();
  assert.equal(head.statusLine, 'HTTP/1.0 200 OK');
  assert.equal(head.headers.has('transfer-encoding'), false);
  assert.equal((await c.readBytes(6)).toString(), 'hello\n');
  appendFileSync(s.out, 'more\n');
  assert.equal((await c.readBytes(5)).toString(), 'more\n');
});

test('404: unknown process, unknown channel, log without a file, no name', async (t) => {
  const s = await setup(t);
  for (const path of ['/logtail/nosuch', '/logtail/web/stdin', '/logtail/web/stderr', '/logtail/', '/logtailx', '/mainlogtail']) {
    const c = await RawClient.connect(s.h.socketPath);
    c.write(`GET ${path} HTTP/1.1\r\n\r\n`);
    assert.equal((await c.readResponse()).status, 404, path);
    c.destroy();
  }
});

test('the watch and the file are released when the client disconnects', async (t) => {
  const s = await setup(t);
  writeFileSync(s.out, 'x\n');
  const clients = await Promise.all([openTail(s), openTail(s), openTail(s)]);
  for (const c of clients) {
    await c.readHead();
    await readUntil(c, 'x\n');
  }
  assert.equal(openFds(s.out), 3);
  for (const c of clients) c.destroy();
  const deadline = Date.now() + 2000;
  while (openFds(s.out) > 0 && Date.now() < deadline) await delay(20);
  assert.equal(openFds(s.out), 0);
  // The server keeps working, and appends after the disconnect cost nothing.
  appendFileSync(s.out, 'later\n');
  const c = await openTail(s);
  t.after(() => c.destroy());
  await c.readHead();
  assert.equal(await readUntil(c, 'later\n'), 'x\nlater\n');
});

test('a big burst arrives complete and in order', async (t) => {
  const s = await setup(t);
  writeFileSync(s.out, '');
  const c = await openTail(s);
  t.after(() => c.destroy());
  await c.readHead();
  const burst = Array.from({ length: 20_000 }, (_, i) => `line ${i}\n`).join('');
  appendFileSync(s.out, burst);
  const text = await readUntil(c, 'line 19999\n', 10_000);
  assert.equal(text, burst);
});

test('a log path that is a symlink into another directory is followed', async (t) => {
  const s = await setup(t);
  const { mkdirSync, symlinkSync } = await import('node:fs');
  const realDir = join(s.h.dir, 'real');
  mkdirSync(realDir);
  const target = join(realDir, 'target.log');
  writeFileSync(target, 'first\n');
  symlinkSync(target, s.out);
  const c = await openTail(s);
  t.after(() => c.destroy());
  await c.readHead();
  await readUntil(c, 'first\n');
  appendFileSync(target, 'second\n');
  assert.equal(await readUntil(c, 'second\n'), 'second\n');
});
