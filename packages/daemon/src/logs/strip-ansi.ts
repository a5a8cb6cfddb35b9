// supervisor's strip_ansi (dispatchers.py stripEscapes), byte for byte. It is not a regex but a
// scan: from each `ESC [` everything is dropped up to and including the first byte that is one
// of H f A B C D R s u J K h l p m (so `ESC [ 1 ; 3 1 m` goes, and so does `ESC [ f` of
// `ESC [ foo`). An `ESC` not followed by `[` is kept.
//
// Each chunk is stripped on its own, as supervisor does: a sequence split across two reads is
// not recognised. Its head (from `ESC [` to the chunk's end) is dropped and its tail (e.g.
// `31m`) is written as text; an `ESC` at the very end of a chunk is kept, and so is the `[`
// that starts the next one. Kept on purpose, for byte-identical logs.

const ESC = 0x1b;
const OPEN_BRACKET = 0x5b;
const ESCAPE_BEGIN = Uint8Array.of(ESC, OPEN_BRACKET);
const TERMINATORS = new Set([...'HfABCDRsuJKhlpm'].map((c) => c.charCodeAt(0)));

// Returns `chunk` itself when there is nothing to strip (the common case costs one indexOf).
export function stripAnsi(chunk: Buffer): Buffer {
  let begin = chunk.indexOf(ESCAPE_BEGIN);
  if (begin === -1) return chunk;
  const kept: Buffer[] = [];
  let i = 0;
  while (begin !== -1) {
    kept.push(chunk.subarray(i, begin));
    // The byte after ESC is '[', never a terminator, so the search starts after it.
    let end = begin + 2;
    while (end < chunk.length && !TERMINATORS.has(chunk[end]!)) end++;
    if (end >= chunk.length) return Buffer.concat(kept);
    i = end + 1;
    begin = chunk.indexOf(ESCAPE_BEGIN, i);
  }
  kept.push(chunk.subarray(i));
  return Buffer.concat(kept);
}
