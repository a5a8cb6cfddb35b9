import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pyLower } from '../../../../packages/protocol/src/python/py-lower.js';

test('pyLower applies the full mappings Python uses, dotted capital I and final sigma included', () => {
  assert.equal(pyLower('AUTOSTART'), 'autostart');
  assert.equal(pyLower('\u0130X'), 'i\u0307x');
  assert.equal(pyLower('ΣΑΣ ΑΣ.'), 'σας ας.');
});

test('pyLower keeps letters that have no lower case in Python 3.11 Unicode 14.0', () => {
  assert.equal(pyLower('\u1c89\u{10d50}\u{16ea0}\ua7cbA'), '\u1c89\u{10d50}\u{16ea0}\ua7cba');
});
