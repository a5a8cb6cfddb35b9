import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import type { Socket } from 'node:net';
import { createFifoPipeFactory, type ChildPipes } from '../../../../packages/daemon/src/os/fifo-pipes.js';
import { onTransientChunks } from '../../../../packages/daemon/src/os/output-pipe.js';

// A child whose stdout is an output pipe, writing `lines` lines of 40 bytes, one write(2) each.
function chatty(lines: number): { pipes: ChildPipes; expected: Buffer; closed: Promise<void> } {
  const factory = createFifoPipeFactory({ batch: 3 });
  const made = factory.create({ redirectStderr: true, owner: null });
  assert.ok(made.ok);
  const { pipes } = made;
  const script = `const fs = require('fs'); for (let i = 0; i < ${lines}; i++) fs.writeSync(1, 'line ' + String(i).padStart(33, '.') + '\\n');`;
  spawn(process.execPath, ['-e', script], { stdio: [pipes.childFds[0], pipes.childFds[1], pipes.childFds[2]] });
  pipes.closeChildEnds();
  pipes.stdin.destroy();
  factory.dispose();
  const expected = Buffer.from(Array.from({ length: lines }, (_, i) => `line ${String(i).padStart(33, '.')}\n`).join(''));
  const closed = new Promise<void>((resolve) => pipes.stdout.once('close', () => resolve()));
  return { pipes, expected, closed };
}

test('many small writes arrive complete and in order, in far fewer reads than writes', async () => {
  const lines = 20_000;
  const { pipes, expected, closed } = chatty(lines);
  const chunks: Buffer[] = [];
  pipes.stdout.on('data', (b: Buffer) => chunks.push(b));
  await closed;
  assert.ok(Buffer.concat(chunks).equals(expected));
  // Read as promptly as possible, such a writer was drained about one write per read.
  assert.ok(chunks.length < lines / 20, `${chunks.length} reads for ${lines} writes`);
});

test('transient views see every byte and share one reused buffer', async () => {
  const { pipes, expected, closed } = chatty(5000);
  const viewed: Buffer[] = [];
  const buffers = new Set<ArrayBufferLike>();
  assert.equal(onTransientChunks(pipes.stdout, (view) => {
    buffers.add(view.buffer);
    viewed.push(Buffer.from(view));
  }), true);
  await closed;
  assert.ok(Buffer.concat(viewed).equals(expected));
  assert.equal(buffers.size, 1);
});

test('with \'data\' listeners as well, both see every byte and kept chunks stay intact', async () => {
  const { pipes, expected, closed } = chatty(5000);
  const viewed: Buffer[] = [];
  onTransientChunks(pipes.stdout, (view) => viewed.push(Buffer.from(view)));
  const kept: Buffer[] = [];
  pipes.stdout.on('data', (b: Buffer) => kept.push(b));
  await closed;
  assert.ok(Buffer.concat(viewed).equals(expected));
  assert.ok(Buffer.concat(kept).equals(expected), 'a kept chunk was overwritten by a later read');
});

test('onTransientChunks refuses a stream that is not an output pipe', () => {
  assert.equal(onTransientChunks({} as Socket, () => {}), false);
});

test('a pacing wait that ends while the listener has paused the stream does not resume it', async (t) => {
  // A clock that never moves (every read is back to back) and timers the test fires itself.
  const timers: Array<() => void> = [];
  const clock = { now: () => 0, setTimer: (_ms: number, fn: () => void) => { timers.push(fn); return { cancel: () => {} }; } };
  const factory = createFifoPipeFactory({ batch: 3, clock });
  const made = factory.create({ redirectStderr: true, owner: null });
  assert.ok(made.ok);
  const { pipes } = made;
  factory.dispose();
  // Each line on stdin lets the child write more: 'a', then 'b', then 200 KB, more than the pipe holds.
  const script = `const fs = require('fs'); let step = 0; fs.writeSync(1, 'a\\n'); process.stdin.on('data', () => {
    if (++step === 1) { fs.writeSync(1, 'b\\n'); return; }
    for (let i = 0; i < 5000; i++) fs.writeSync(1, 'x'.repeat(39) + '\\n'); process.exit(0); });`;
  const child = spawn(process.execPath, ['-e', script], { stdio: [pipes.childFds[0], pipes.childFds[1], pipes.childFds[2]] });
  t.after(() => child.kill('SIGKILL'));
  pipes.closeChildEnds();
  const stdout = pipes.stdout;
  const closed = new Promise<void>((resolve) => stdout.once('close', () => resolve()));
  const chunks: Buffer[] = [];
  let held = false;
  stdout.on('data', (b: Buffer) => {
    assert.equal(held, false, 'data arrived while the listener had paused the stream');
    chunks.push(b);
    if (chunks.length === 1) pipes.stdin.write('go\n');
    if (chunks.length === 2) {
      held = true;
      stdout.pause();
      pipes.stdin.write('go\n');
    }
  });
  await until(() => held);
  assert.equal(timers.length, 1, 'the second small read, back to back, started a pacing wait');
  for (const fire of timers.splice(0)) fire();
  await turns(50);
  assert.equal(chunks.length, 2);
  held = false;
  stdout.resume();
  let isClosed = false;
  void closed.then(() => { isClosed = true; });
  await until(() => {
    for (const fire of timers.splice(0)) fire();
    return isClosed;
  });
  pipes.stdin.destroy();
  assert.equal(Buffer.concat(chunks).toString(), `a\nb\n${`${'x'.repeat(39)}\n`.repeat(5000)}`);
});

async function turns(n: number): Promise<void> {
  for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve));
}

async function until(condition: () => boolean, deadlineMs = 10_000): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met before the deadline');
    await turns(1);
  }
}
