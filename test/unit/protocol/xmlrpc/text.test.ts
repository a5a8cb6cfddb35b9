import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeLogBytes, escapeXmlLikePython, toXmlText } from '../../../../packages/protocol/src/index.js';

test('plain text is returned unchanged (same string)', () => {
  const s = 'hello world \u00e9\u{1f600}\t\n';
  assert.equal(toXmlText(s), s);
});

test('every C0 control except tab and LF becomes a control picture; CR a reference', () => {
  for (let c = 0; c < 0x20; c++) {
    const out = toXmlText(String.fromCharCode(c));
    if (c === 0x09 || c === 0x0a) assert.equal(out, String.fromCharCode(c));
    else if (c === 0x0d) assert.equal(out, '&#13;');
    else assert.equal(out, String.fromCharCode(0x2400 + c));
  }
});

test('for text without control characters, escaping is exactly Python escape()', () => {
  const s = 'a & b < c > d "e" \'f\'';
  assert.equal(toXmlText(s), escapeXmlLikePython(s));
});

test('invalid UTF-8 in log bytes becomes U+FFFD; a BOM and ANSI escapes stay', () => {
  assert.equal(decodeLogBytes(Buffer.from([0x61, 0xff, 0x62, 0xc3])), 'a\ufffdb\ufffd');
  assert.equal(decodeLogBytes(Buffer.from([0xef, 0xbb, 0xbf, 0x1b, 0x5b, 0x6d])), '\ufeff\x1b[m');
});
