// The parent's read end of a child's stdout or stderr pipe: a Socket that reads as
// read-pacer.ts says, in `onread` mode (into a buffer of ours), where stopping really stops
// reading (a plain Socket keeps reading into its queue until highWaterMark, so the pipe could
// never fill up).
//
// Two ways to get the bytes:
// - 'data' events, as from any stream: each chunk a Buffer of its own that the listener may
//   keep; the listener's own pause() and resume() work as usual, and a pacing wait never
//   resumes a stream the listener paused.
// - onTransientChunks(): a view into the read buffer, valid only during the call, which is
//   reused for the next read. The log capture writes each chunk synchronously and keeps none:
//   it saves allocating (and page-faulting in) 64 KiB per read.
import { readSync } from 'node:fs';
import { Socket, type OnReadOpts, type SocketConstructorOpts } from 'node:net';
import type { Clock } from './clock.js';
import { ReadPacer } from './read-pacer.js';

/** A pipe holds 64 KiB (Node cannot raise it with F_SETPIPE_SZ): one read never returns more. */
export const PIPE_READ_BYTES = 64 * 1024;

type TransientReader = (view: Buffer) => void;
const transientReaders = new WeakMap<object, { reader: TransientReader | null; early: Buffer[] }>();

/**
 * The one read buffer of every output pipe, for the Sockets' reads and ours alike. Sharing it is
 * safe because each read is handed on synchronously, before any other read can happen (a 'data'
 * listener always gets a copy). One per pipe would cost a thousand programs 128 MiB of address
 * space and, through malloc's chunk headers, at least a resident page each.
 */
let shared: Buffer | null = null;

export function openOutputPipe(fd: number, clock: Pick<Clock, 'now' | 'setTimer'>): Socket {
  shared ??= Buffer.allocUnsafe(PIPE_READ_BYTES);
  const buffer = shared;
  const consumer: { reader: TransientReader | null; early: Buffer[] } = { reader: null, early: [] };
  // A chunk of `n` bytes is in `buffer`: hand it on; true when reading should go on at once.
  // Bytes read before anyone listens are kept (as a plain stream keeps them in its queue) and
  // handed to the first reader or 'data' listener.
  const deliver = (n: number): boolean => {
    const view = buffer.subarray(0, n);
    if (consumer.reader === null && socket.listenerCount('data') === 0) consumer.early.push(Buffer.from(view));
    consumer.reader?.(view);
    if (socket.listenerCount('data') > 0) socket.emit('data', Buffer.from(view));
    return !pacer.afterRead(n);
  };
  // After a wait, the pipe is read right here: the Socket would first have to be put back into
  // the event loop's poll set, and taken out again after one read. Whatever is unusual (the pipe
  // is empty, at EOF, or failing) goes back to the Socket, which handles it as always.
  const wake = (): void => {
    if (socket.destroyed || socket.isPaused()) return;
    let n = 0;
    try {
      n = readSync(fd, buffer, 0, PIPE_READ_BYTES, null);
    } catch {
      n = 0;
    }
    if (n === 0 || deliver(n)) socket.resume();
  };
  const pacer = new ReadPacer(wake, clock);
  const onread: OnReadOpts = { buffer, callback: (n) => deliver(n) };
  // @types/node lists onread for connect() only; Node 20's Socket constructor takes it too.
  const options: SocketConstructorOpts & { readonly onread: OnReadOpts } = { fd, readable: true, writable: false, onread };
  const socket = new Socket(options);
  socket.once('close', () => pacer.stop());
  socket.on('newListener', (event) => {
    if (event !== 'data' || consumer.early.length === 0) return;
    // After the listener is in place (it is added once this event returns), before any new read.
    process.nextTick(() => {
      for (const chunk of consumer.early.splice(0)) socket.emit('data', chunk);
    });
  });
  transientReaders.set(socket, consumer);
  return socket;
}

/**
 * Hands every chunk of an output pipe to `reader` as a view that is valid only during the call;
 * 'data' listeners, if any, still get their own copies. Returns false (and does nothing) for a
 * stream that is not an output pipe: then read its 'data' events.
 */
export function onTransientChunks(stream: object, reader: TransientReader): boolean {
  const consumer = transientReaders.get(stream);
  if (consumer === undefined) return false;
  consumer.reader = reader;
  for (const chunk of consumer.early.splice(0)) reader(chunk);
  return true;
}
