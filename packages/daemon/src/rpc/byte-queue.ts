// A growable byte buffer for a connection's unread input: appends copy only the new bytes
// (capacity doubles, consumed space is reused), so a client that trickles its request a byte
// at a time costs linear time, not the quadratic of Buffer.concat on every read.
export class ByteQueue {
  #buf = Buffer.alloc(0);
  #start = 0;
  #end = 0;

  get length(): number {
    return this.#end - this.#start;
  }

  push(chunk: Buffer): void {
    if (this.#end + chunk.length > this.#buf.length) {
      const needed = this.length + chunk.length;
      if (needed <= this.#buf.length / 2) {
        this.#buf.copy(this.#buf, 0, this.#start, this.#end);
      } else {
        const bigger = Buffer.allocUnsafe(Math.max(needed * 2, 4096));
        this.#buf.copy(bigger, 0, this.#start, this.#end);
        this.#buf = bigger;
      }
      this.#end -= this.#start;
      this.#start = 0;
    }
    chunk.copy(this.#buf, this.#end);
    this.#end += chunk.length;
  }

  /** The unread bytes, without copying: valid until the next push(). */
  view(): Buffer {
    return this.#buf.subarray(this.#start, this.#end);
  }

  at(i: number): number | undefined {
    return i < this.length ? this.#buf[this.#start + i] : undefined;
  }

  consume(n: number): void {
    this.#start += Math.min(n, this.length);
    if (this.#start === this.#end) this.#start = this.#end = 0;
  }

  clear(): void {
    this.#buf = Buffer.alloc(0);
    this.#start = this.#end = 0;
  }
}
