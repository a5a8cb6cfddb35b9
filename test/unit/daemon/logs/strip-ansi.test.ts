import { test } from 'node:test';
import assert from 'node:assert/strict';
import { stripAnsi } from '../../../../packages/daemon/src/logs/strip-ansi.js';

function strip(text: string): string {
  return stripAnsi(Buffer.from(text, 'latin1')).toString('latin1');
}

test('colour and cursor sequences are removed, text around them kept', () => {
  assert.equal(strip('\x1b[1;31mred\x1b[0m plain'), 'red plain');
  assert.equal(strip('a\x1b[2Jb\x1b[10;20Hc\x1b[Kd'), 'abcd');
  assert.equal(strip('\x1b[?25lhidden cursor\x1b[?25h'), 'hidden cursor');
});

test('a sequence ends at the first terminator byte, whatever comes between', () => {
  // `f` is a terminator, so `ESC [ f` is the sequence and `oo` is text.
  assert.equal(strip('\x1b[foo'), 'oo');
  assert.equal(strip('\x1b[12;xyzm!'), '!');
  assert.equal(strip('x\x1b[\x1b[31mY'), 'xY');
});

test('ESC without [ is kept, and an unterminated sequence drops the rest of the chunk', () => {
  assert.equal(strip('a\x1bb\x1b]0;title\x07c'), 'a\x1bb\x1b]0;title\x07c');
  assert.equal(strip('keep\x1b[31'), 'keep');
  assert.equal(strip('keep\x1b'), 'keep\x1b');
});

test('a sequence split across two chunks is not recognised, as in supervisor', () => {
  assert.equal(strip('red: \x1b[3'), 'red: ');
  assert.equal(strip('1mRED'), '1mRED');
  assert.equal(strip('end\x1b'), 'end\x1b');
  assert.equal(strip('[31mX'), '[31mX');
});

test('a chunk without ESC [ comes back as the same buffer', () => {
  const chunk = Buffer.from('no escapes here \x1b alone');
  assert.equal(stripAnsi(chunk), chunk);
});

test('non-ASCII and invalid UTF-8 bytes outside sequences are untouched', () => {
  const chunk = Buffer.from([0xff, 0x00, 0x1b, 0x5b, 0x33, 0x31, 0x6d, 0xc3, 0xa9, 0xfe]);
  assert.deepEqual(stripAnsi(chunk), Buffer.from([0xff, 0x00, 0xc3, 0xa9, 0xfe]));
});
