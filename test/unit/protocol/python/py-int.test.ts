import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pyDecimalValue, pyInt } from '../../../../packages/protocol/src/python/py-int.js';

test('pyInt returns exact BigInts at any size under the digit limit', () => {
  assert.deepEqual(pyInt('123456789012345678901234567890'), { ok: true, value: 123456789012345678901234567890n });
  assert.deepEqual(pyInt('-0'), { ok: true, value: 0n });
  assert.deepEqual(pyInt(' -1_2 '), { ok: true, value: -12n });
});

test('pyInt in base 8 takes the 0o prefix with one underscore after it', () => {
  assert.deepEqual(pyInt('0o_17', 8), { ok: true, value: 15n });
  assert.deepEqual(pyInt('017', 8), { ok: true, value: 15n });
  assert.deepEqual(pyInt('0o', 8), { ok: false, error: "invalid literal for int() with base 8: '0o'" });
  assert.deepEqual(pyInt('0o-7', 8), { ok: false, error: "invalid literal for int() with base 8: '0o-7'" });
  assert.deepEqual(pyInt('8', 8), { ok: false, error: "invalid literal for int() with base 8: '8'" });
});

test('pyInt has no digit limit in base 8', () => {
  const r = pyInt('7'.repeat(5000), 8);
  assert.equal(r.ok, true);
});

test('pyInt skips only ASCII and non-ASCII Python whitespace, not the \\x1c-\\x1f separators', () => {
  assert.deepEqual(pyInt('\t\n\x0b\x0c\r 5 \x85\u2029'), { ok: true, value: 5n });
  assert.equal(pyInt('\x1c5').ok, false);
});

test('pyDecimalValue knows the Unicode 14.0 decimal digits', () => {
  assert.equal(pyDecimalValue('7'.codePointAt(0)!), 7);
  assert.equal(pyDecimalValue(0x0669), 9);
  assert.equal(pyDecimalValue(0x1fbf5), 5);
  assert.equal(pyDecimalValue(0x00b2), -1); // superscript two is a digit but not a decimal
  assert.equal(pyDecimalValue(0x11f50), -1); // Kawi, Unicode 15.0
});
