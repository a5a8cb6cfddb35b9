import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ChannelCapture, type ByteSink } from '../../../../packages/daemon/src/logs/capture.js';

function recordingSink(): ByteSink & { readonly writes: Buffer[] } {
  const writes: Buffer[] = [];
  return { writes, write: (bytes: Buffer) => writes.push(Buffer.from(bytes)) };
}

test('each chunk goes to the sink at once and unchanged, and the byte counts add up', () => {
  const sink = recordingSink();
  const capture = new ChannelCapture({ sink, stripAnsi: false });
  capture.write(Buffer.from('partial line'));
  assert.deepEqual(sink.writes.map(String), ['partial line'], 'nothing is held back');
  capture.write(Buffer.from([0xc3]));
  capture.write(Buffer.from([0xa9, 0x00, 0x0a]));
  assert.deepEqual(Buffer.concat(sink.writes), Buffer.from([...Buffer.from('partial line'), 0xc3, 0xa9, 0x00, 0x0a]));
  assert.equal(capture.bytesIn, 16);
  assert.equal(capture.bytesOut, 16);
});

test('with stripAnsi the sink and listeners get the stripped bytes, bytesOut counts them', () => {
  const sink = recordingSink();
  const capture = new ChannelCapture({ sink, stripAnsi: true });
  const seen: string[] = [];
  capture.subscribe((bytes) => seen.push(bytes.toString()));
  capture.write(Buffer.from('\x1b[32mok\x1b[0m\n'));
  assert.deepEqual(sink.writes.map(String), ['ok\n']);
  assert.deepEqual(seen, ['ok\n']);
  assert.equal(capture.bytesIn, 12);
  assert.equal(capture.bytesOut, 3);
});

test('an empty chunk is ignored, but a chunk that stripping empties still reaches sink and listeners', () => {
  const sink = recordingSink();
  const capture = new ChannelCapture({ sink, stripAnsi: true });
  let calls = 0;
  capture.subscribe(() => calls++);
  capture.write(Buffer.alloc(0));
  assert.equal(sink.writes.length, 0);
  assert.equal(calls, 0);
  capture.write(Buffer.from('\x1b[0m'));
  assert.deepEqual(sink.writes, [Buffer.alloc(0)]);
  assert.equal(calls, 1);
});

test('the sink has the bytes before any listener is called, and listeners run in subscription order', () => {
  const order: string[] = [];
  const sink: ByteSink = { write: (b) => order.push(`sink:${String(b)}`) };
  const capture = new ChannelCapture({ sink, stripAnsi: false });
  capture.subscribe((b) => order.push(`first:${String(b)}`));
  capture.subscribe((b) => order.push(`second:${String(b)}`));
  capture.write(Buffer.from('x'));
  assert.deepEqual(order, ['sink:x', 'first:x', 'second:x']);
});

test('unsubscribe stops delivery from the next chunk, also when called from inside a listener', () => {
  const capture = new ChannelCapture({ sink: null, stripAnsi: false });
  const seen: string[] = [];
  const unsubscribeSelf: () => void = capture.subscribe((b) => {
    seen.push(`once:${String(b)}`);
    unsubscribeSelf();
  });
  const unsubscribe = capture.subscribe((b) => seen.push(`all:${String(b)}`));
  capture.write(Buffer.from('1'));
  capture.write(Buffer.from('2'));
  unsubscribe();
  unsubscribe();
  capture.write(Buffer.from('3'));
  assert.deepEqual(seen, ['once:1', 'all:1', 'all:2']);
  assert.equal(capture.bytesIn, 3);
});

test('the same listener subscribed twice is called twice and unsubscribed one at a time', () => {
  const capture = new ChannelCapture({ sink: null, stripAnsi: false });
  let calls = 0;
  const listener = (): void => {
    calls++;
  };
  const a = capture.subscribe(listener);
  capture.subscribe(listener);
  capture.write(Buffer.from('x'));
  a();
  capture.write(Buffer.from('y'));
  assert.equal(calls, 3);
});

test('a chunk may be a reused read buffer: the sink writes it at once, listeners keep copies of their own', () => {
  const sink = recordingSink();
  const capture = new ChannelCapture({ sink, stripAnsi: false });
  const kept: Buffer[] = [];
  capture.subscribe((bytes) => kept.push(bytes));
  const readBuffer = Buffer.from('first\n');
  capture.write(readBuffer);
  readBuffer.write('later\n');
  capture.write(readBuffer);
  assert.deepEqual(kept.map(String), ['first\n', 'later\n']);
  assert.deepEqual(sink.writes.map(String), ['first\n', 'later\n']);
});
