import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePyFloat, parsePyInt } from '../../../../packages/protocol/src/index.js';

test('int(): Python accepts whitespace, a sign, underscores between digits', () => {
  assert.equal(parsePyInt(' 42\n'), 42);
  assert.equal(parsePyInt('-0'), 0);
  assert.equal(parsePyInt('1_000'), 1000);
  for (const bad of [null, '', ' ', '1__0', '_1', '1_', '0x10', '1e3', '1.0', '+', '- 1']) assert.equal(parsePyInt(bad), null, String(bad));
  assert.equal(parsePyInt('9'.repeat(4301)), null);
});

test('float(): decimals, exponents, inf and nan in any case', () => {
  assert.equal(parsePyFloat('1.'), 1);
  assert.equal(parsePyFloat('.5e-1'), 0.05);
  assert.equal(parsePyFloat('-Infinity'), -Infinity);
  assert.equal(parsePyFloat('+INF'), Infinity);
  assert.ok(Number.isNaN(parsePyFloat('NaN')));
  for (const bad of [null, '', '.', 'e5', '1e', '0x1p3', 'infinit', '1..2']) assert.equal(parsePyFloat(bad), null, String(bad));
});
