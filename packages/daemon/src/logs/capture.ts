// One output channel (stdout or stderr) of one child: chunks as read from the pipe →
// optional strip_ansi → the log file sink (none for NONE) → listeners (tail -f, events).
//
// Nothing is held back: every chunk is written the moment it arrives. supervisor's capture
// mode (*_capture_maxbytes, XSUPERVISOR tokens) holds back up to 24 trailing bytes and can lose
// them at exit (weak point 25); it is out of scope here and the bytes simply pass through.
//
// Ordering: for each chunk the sink has the bytes before any listener is called, so a
// listener that reads the file sees them. Listeners are called synchronously, in subscription
// order, with the bytes as written (after strip_ansi); they must not throw. A listener may
// unsubscribe itself (or another) while being called; that takes effect from the next chunk.
//
// A chunk may be a view into a read buffer that is reused once write() returns (output-pipe.ts):
// the sink must be done with it when its write() returns, as RotatingFile is; listeners get a
// copy of their own.
import { stripAnsi } from './strip-ansi.js';

/** Where the channel's bytes go: a RotatingFile, or a test double. */
export interface ByteSink {
  write(bytes: Buffer): unknown;
}

export type CaptureListener = (bytes: Buffer) => void;

export interface ChannelCaptureOptions {
  /** The channel's log file; null for `*_logfile = NONE`. */
  readonly sink: ByteSink | null;
  /** supervisord's strip_ansi (a global [supervisord] option). */
  readonly stripAnsi: boolean;
}

export class ChannelCapture {
  readonly #sink: ByteSink | null;
  readonly #stripAnsi: boolean;
  #listeners: readonly CaptureListener[] = [];
  #bytesIn = 0;
  #bytesOut = 0;

  constructor(options: ChannelCaptureOptions) {
    this.#sink = options.sink;
    this.#stripAnsi = options.stripAnsi;
  }

  /** Bytes received from the child. */
  get bytesIn(): number {
    return this.#bytesIn;
  }

  /** Bytes passed on to the sink and listeners (after strip_ansi). */
  get bytesOut(): number {
    return this.#bytesOut;
  }

  // One chunk read from the child's pipe. Empty chunks are ignored (supervisor's `if data:`);
  // a chunk that strip_ansi empties still reaches the sink and listeners, as in supervisor
  // (where it triggers the rotation check and a PROCESS_LOG event with empty data).
  write(chunk: Buffer): void {
    if (chunk.length === 0) return;
    this.#bytesIn += chunk.length;
    const bytes = this.#stripAnsi ? stripAnsi(chunk) : chunk;
    this.#bytesOut += bytes.length;
    this.#sink?.write(bytes);
    if (this.#listeners.length === 0) return;
    const copy = Buffer.from(bytes);
    for (const listener of this.#listeners) listener(copy);
  }

  // Returns the unsubscribe function; calling it twice is harmless.
  subscribe(listener: CaptureListener): () => void {
    const entry: CaptureListener = (bytes) => listener(bytes);
    this.#listeners = [...this.#listeners, entry];
    return () => {
      this.#listeners = this.#listeners.filter((l) => l !== entry);
    };
  }
}
