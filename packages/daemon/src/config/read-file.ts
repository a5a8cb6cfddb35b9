// Reading a config file as supervisor does: text in UTF-8 (the locale encoding in practice);
// a decoding failure is an error whose text is Python's UnicodeDecodeError message.
import { readFileSync } from 'node:fs';

export type ReadText =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly reason: 'missing' | 'unreadable' | 'decode'; readonly message: string };

// The first invalid UTF-8 sequence in `buf`, described as CPython's utf-8 decoder does.
export function describeUtf8Error(buf: Uint8Array): string | null {
  let i = 0;
  while (i < buf.length) {
    const b = buf[i]!;
    let need = 0;
    let lo = 0x80;
    let hi = 0xbf;
    if (b < 0x80) { i++; continue; }
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) { need = 2; if (b === 0xe0) lo = 0xa0; if (b === 0xed) hi = 0x9f; }
    else if (b >= 0xf0 && b <= 0xf4) { need = 3; if (b === 0xf0) lo = 0x90; if (b === 0xf4) hi = 0x8f; }
    else return `'utf-8' codec can't decode byte 0x${b.toString(16).padStart(2, '0')} in position ${i}: invalid start byte`;
    for (let k = 1; k <= need; k++) {
      const c = buf[i + k];
      const [l, h] = k === 1 ? [lo, hi] : [0x80, 0xbf];
      if (c !== undefined && c >= l && c <= h) continue;
      // CPython names the lead byte alone, or the span of the bytes it accepted so far.
      const span = k === 1 ? `byte 0x${b.toString(16).padStart(2, '0')} in position ${i}` : `bytes in position ${i}-${i + k - 1}`;
      return `'utf-8' codec can't decode ${span}: ${c === undefined ? 'unexpected end of data' : 'invalid continuation byte'}`;
    }
    i += need + 1;
  }
  return null;
}

export function readTextFile(path: string): ReadText {
  let buf: Buffer;
  try {
    buf = readFileSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { ok: false, reason: 'missing', message: `could not find config file ${path}` };
    return { ok: false, reason: 'unreadable', message: `could not read config file ${path}` };
  }
  const bad = describeUtf8Error(buf);
  if (bad !== null) return { ok: false, reason: 'decode', message: bad };
  return { ok: true, text: buf.toString('utf8') };
}
