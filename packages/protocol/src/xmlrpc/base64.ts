// Python's base64.decodebytes (binascii.a2b_base64, non-strict mode), which supervisor uses for
// <base64>: characters outside the alphabet are skipped, decoding stops at the padding that
// completes a quantum, and a quantum left incomplete is an error ("Incorrect padding").

function sextet(c: number): number {
  if (c >= 0x41 && c <= 0x5a) return c - 0x41;
  if (c >= 0x61 && c <= 0x7a) return c - 0x61 + 26;
  if (c >= 0x30 && c <= 0x39) return c - 0x30 + 52;
  if (c === 0x2b) return 62;
  if (c === 0x2f) return 63;
  return -1;
}

/** The decoded bytes, or null where Python raises binascii.Error. */
export function decodeBase64LikePython(text: string): Uint8Array | null {
  const out = new Uint8Array(Math.floor((text.length * 3) / 4) + 3);
  let n = 0;
  let quadPos = 0;
  let leftChar = 0;
  let pads = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x3d) {
      // '=': ends the data once it completes the current quantum.
      if (quadPos >= 2 && quadPos + ++pads >= 4) return out.subarray(0, n);
      continue;
    }
    const v = sextet(c);
    if (v < 0) continue;
    pads = 0;
    switch (quadPos) {
      case 0:
        quadPos = 1;
        leftChar = v;
        break;
      case 1:
        quadPos = 2;
        out[n++] = (leftChar << 2) | (v >> 4);
        leftChar = v & 0x0f;
        break;
      case 2:
        quadPos = 3;
        out[n++] = (leftChar << 4) | (v >> 2);
        leftChar = v & 0x03;
        break;
      default:
        quadPos = 0;
        out[n++] = (leftChar << 6) | v;
        leftChar = 0;
    }
  }
  return quadPos === 0 ? out.subarray(0, n) : null;
}
