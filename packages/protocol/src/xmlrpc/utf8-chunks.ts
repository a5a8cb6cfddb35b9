// UTF-8 bytes of a text that is produced in pieces, as a list of chunks: nothing is copied
// twice, and the caller can hand the chunks to one writev. Chunks start at 64 KiB and double up
// to 1 MiB, so a small response is one small chunk and a 1.3 MiB one is five.

const FIRST_CHUNK = 64 * 1024;
const MAX_CHUNK = 1024 * 1024;
/** A UTF-16 code unit is at most 3 bytes of UTF-8 (a surrogate pair is 4 bytes for 2 units). */
const MAX_BYTES_PER_UNIT = 3;

const ENCODER = new TextEncoder();

export class Utf8Chunks {
  readonly #done: Uint8Array[] = [];
  #chunk: Uint8Array = new Uint8Array(0);
  #pos = 0;
  #byteLength = 0;

  /** Appends the UTF-8 of `text` (lone surrogates become U+FFFD, as TextEncoder does). */
  write(text: string): void {
    const worst = text.length * MAX_BYTES_PER_UNIT;
    if (this.#pos + worst > this.#chunk.length) {
      if (this.#pos > 0) this.#done.push(this.#chunk.subarray(0, this.#pos));
      const next = Math.min(MAX_CHUNK, Math.max(FIRST_CHUNK, this.#chunk.length * 2));
      this.#chunk = new Uint8Array(Math.max(next, worst));
      this.#pos = 0;
    }
    const { written } = ENCODER.encodeInto(text, this.#chunk.subarray(this.#pos));
    this.#pos += written;
    this.#byteLength += written;
  }

  get byteLength(): number {
    return this.#byteLength;
  }

  /** The chunks written so far, in order (views into this writer's memory; write no more after). */
  chunks(): Uint8Array[] {
    return this.#pos > 0 ? [...this.#done, this.#chunk.subarray(0, this.#pos)] : [...this.#done];
  }
}
