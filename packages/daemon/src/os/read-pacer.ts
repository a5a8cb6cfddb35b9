// When to read an output pipe. Every read costs a read(2), a write(2) to the log file and a turn
// of the event loop, and a prompt reader gets very little per read: a program printing 40-byte
// lines as fast as it can was drained about 60 bytes at a time. So after a small read that
// closely follows another, reading stops for `waitMs` and the pipe fills up (it holds 64 KiB);
// the next read then takes all of it. Reading stays paced while it keeps finding data after each
// wait, except that every `probeEvery`-th wait is followed by a prompt read: if that one is big
// too, the program writes big chunks (pacing would only slow it down) and pacing ends.
//
// Bounds: a program that writes now and then is never held up (its reads are not back to back);
// no byte waits in the pipe for more than about `waitMs`; the EOF after an exit is seen at most
// `waitMs` late (exit-watch waits EOF_GRACE_MS = 100 ms for it).
import type { Clock, TimerHandle } from './clock.js';

export interface ReadPacerOptions {
  /** A read smaller than this is small. */
  readonly smallBytes: number;
  /** A small read this soon after the previous read starts pacing. */
  readonly backToBackMs: number;
  /** How long reading stops after a paced read. */
  readonly waitMs: number;
  /** Every this many paced reads in a row, read once without waiting. */
  readonly probeEvery: number;
}

export const DEFAULT_READ_PACING: ReadPacerOptions = { smallBytes: 4096, backToBackMs: 10, waitMs: 1, probeEvery: 16 };

export class ReadPacer {
  readonly #options: ReadPacerOptions;
  readonly #clock: Pick<Clock, 'now' | 'setTimer'>;
  readonly #resume: () => void;
  #lastReadAt = -Infinity;
  #timer: TimerHandle | null = null;
  #wokeAt = -Infinity;
  #streak = 0;
  readonly #wake = (): void => {
    this.#timer = null;
    this.#wokeAt = this.#clock.now();
    this.#resume();
  };

  /** `resume` restarts reading after a wait. */
  constructor(resume: () => void, clock: Pick<Clock, 'now' | 'setTimer'>, options: ReadPacerOptions = DEFAULT_READ_PACING) {
    this.#resume = resume;
    this.#clock = clock;
    this.#options = options;
  }

  get isWaiting(): boolean {
    return this.#timer !== null;
  }

  /** Called after each read of `length` bytes; true: stop reading now, `resume` follows after waitMs. */
  afterRead(length: number): boolean {
    if (this.#timer !== null) return true;
    const now = this.#clock.now();
    const sincePrevious = now - this.#lastReadAt;
    this.#lastReadAt = now;
    let wait: boolean;
    // The first read after a wait, if the pipe had data then (else it is a read like any other).
    if (this.#wokeAt > now - this.#options.backToBackMs) {
      this.#wokeAt = -Infinity;
      wait = ++this.#streak % this.#options.probeEvery !== 0;
    } else {
      this.#streak = 0;
      wait = length < this.#options.smallBytes && sincePrevious < this.#options.backToBackMs;
    }
    if (wait) this.#timer = this.#clock.setTimer(this.#options.waitMs, this.#wake);
    return wait;
  }

  /** The stream is gone: no resume after this. */
  stop(): void {
    this.#timer?.cancel();
    this.#timer = null;
  }
}
