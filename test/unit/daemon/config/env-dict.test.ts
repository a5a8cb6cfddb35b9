// `environment=` (dict_of_key_value_pairs): every row of the spec §1.6 table, plus the shlex
// quirks checked against supervisor 4.2.5.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dictOfKeyValuePairs, tokenizeShlexNonPosix } from '../../../../packages/daemon/src/config/env-dict.js';

function entries(text: string): [string, string][] {
  const r = dictOfKeyValuePairs(text);
  if (!r.ok) assert.fail(`expected pairs for ${JSON.stringify(text)}, got ${JSON.stringify(r.error)}`);
  return Object.entries(r.value);
}

function errorOf(text: string): string {
  const r = dictOfKeyValuePairs(text);
  if (r.ok) assert.fail(`expected an error for ${JSON.stringify(text)}, got ${JSON.stringify(r.value)}`);
  assert.match(r.expected, /KEY=value/);
  return r.error;
}

test('a trailing comma is fine', () => {
  assert.deepEqual(entries('A=1,B=2,'), [['A', '1'], ['B', '2']]);
});

test('spaces around tokens are fine', () => {
  assert.deepEqual(entries('A=1 ,B=2'), [['A', '1'], ['B', '2']]);
  assert.deepEqual(entries('D = "sp ace"'), [['D', 'sp ace']]);
});

test('quoted values keep spaces, and an empty quoted value is an empty string', () => {
  assert.deepEqual(entries('FOO="bar baz",EMPTY=""'), [['FOO', 'bar baz'], ['EMPTY', '']]);
});

test('the other quote character inside quotes is kept', () => {
  assert.deepEqual(entries(`QUOTE="a'b"`), [['QUOTE', "a'b"]]);
});

test('a quoted value may hold commas', () => {
  assert.deepEqual(entries('A="a,b",B=c'), [['A', 'a,b'], ['B', 'c']]);
});

test('slashes and colons are word characters', () => {
  assert.deepEqual(entries('P=/usr/bin:/bin'), [['P', '/usr/bin:/bin']]);
});

test('any single token separates pairs, not only a comma', () => {
  assert.deepEqual(entries('A=1;B=2'), [['A', '1'], ['B', '2']]);
});

test('a second quoted string after a value is taken as the separator', () => {
  assert.deepEqual(entries('A="1" "2"'), [['A', '1']]);
});

test('a hash outside quotes starts a comment', () => {
  assert.deepEqual(entries('A=1#x'), [['A', '1']]);
});

test('unquoted = ? $ ~ @ are not word characters and break the pairs', () => {
  for (const text of ['D=x=y', 'U=http://x.y/z?a', 'E=a$b', 'A=~u/@x']) {
    assert.equal(errorOf(text), `Unexpected end of key/value pairs in value '${text}'`);
  }
});

test('space-separated pairs are refused', () => {
  assert.equal(errorOf('A=1 B=2'), "Unexpected end of key/value pairs in value 'A=1 B=2'");
});

test('an empty pair or a key without a value is refused', () => {
  assert.equal(errorOf('A=1,,B=2'), "Unexpected end of key/value pairs in value 'A=1,,B=2'");
  assert.equal(errorOf('A=1,B'), "Unexpected end of key/value pairs in value 'A=1,B'");
});

test('there are no escapes inside quotes', () => {
  assert.equal(errorOf('K="with \\"esc\\""'), `Unexpected end of key/value pairs in value 'K="with \\"esc\\""'`);
});

test('an unclosed quote is shlex error No closing quotation', () => {
  assert.equal(errorOf('A="x'), 'No closing quotation');
});

test('keys keep their case and values are strings', () => {
  assert.deepEqual(entries('Path=/bin,lower=1'), [['Path', '/bin'], ['lower', '1']]);
});

test('a later duplicate key overwrites the value but keeps the first position', () => {
  assert.deepEqual(entries('B=1,A=2,B=3'), [['B', '3'], ['A', '2']]);
});

test('accented letters are not word characters in non-POSIX shlex', () => {
  // The spec's table says Latin-1 letters are word characters; supervisor 4.2.5 says no:
  // 'é' becomes its own token, here the (unchecked) separator.
  assert.deepEqual(entries('A=caf\u00e9'), [['A', 'caf']]);
});

test('a comment inside a word skips the line and the word continues on the next', () => {
  assert.deepEqual(entries('A=1#x\nB,C=2'), [['A', '1B'], ['C', '2']]);
});

test('quotes inside a word are kept, and all outer quotes of a value are stripped', () => {
  assert.deepEqual(entries('A=x"y'), [['A', 'x"y']]);
  assert.deepEqual(entries('A=""""'), [['A', '']]);
  assert.deepEqual(entries(`A='"x"'`), [['A', 'x']]);
  assert.deepEqual(entries('"A"=1'), [['"A"', '1']]);
});

test('a key named __proto__ is an ordinary entry', () => {
  const r = dictOfKeyValuePairs('__proto__=x,B=y');
  assert.ok(r.ok);
  assert.deepEqual(Object.entries(r.value), [['__proto__', 'x'], ['B', 'y']]);
  assert.equal(Object.getPrototypeOf(r.value), Object.prototype);
});

test('an empty value text gives an empty dict', () => {
  assert.deepEqual(entries(''), []);
  assert.deepEqual(entries('  # only a comment'), []);
});

test('the tokenizer returns punctuation as one-character tokens and quoted strings with their quotes', () => {
  assert.deepEqual(tokenizeShlexNonPosix('A="x y",B=$z'), { ok: true, tokens: ['A', '=', '"x y"', ',', 'B', '=', '$', 'z'] });
});
