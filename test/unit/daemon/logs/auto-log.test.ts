import { test } from 'node:test';
import assert from 'node:assert/strict';
import { autoLogCleanupPattern } from '../../../../packages/daemon/src/logs/auto-log.js';

function matches(identifier: string, name: string): boolean {
  return autoLogCleanupPattern(identifier).test(name);
}

test('AUTO log names of this identifier match, rotated backups included', () => {
  assert.equal(matches('supervisor', 'sleeper-stdout---supervisor-b7fnb01l.log'), true);
  assert.equal(matches('supervisor', 'sleeper-stderr---supervisor-b7fnb01l.log.1'), true);
  assert.equal(matches('supervisor', 'g:web_00-stdout---supervisor-a_b_c_de.log.10'), true);
});

test('names of another identifier, or without the --- part, do not match', () => {
  assert.equal(matches('supervisor', 'sleeper-stdout---other-b7fnb01l.log'), false);
  assert.equal(matches('supervisor', 'sleeper-stdout--supervisor-b7fnb01l.log'), false);
  assert.equal(matches('supervisor', '---supervisor-b7fnb01l.log'), false, 'at least one character before ---');
  assert.equal(matches('supervisor', 'x---supervisor-.log'), false, 'at least one character after the identifier');
  assert.equal(matches('supervisor', 'x---supervisor-ab cd.log'), false, 'no whitespace in the random part');
});

test('only the start is anchored, as with Python re.match: anything may follow .log', () => {
  assert.equal(matches('supervisor', 'x---supervisor-abc.logfile.txt'), true);
  assert.equal(matches('supervisor', 'x---supervisor-abc.log.bak'), true);
  assert.equal(matches('supervisor', 'prefix x---supervisor-abc.log'), true, '.+? may hold spaces');
});

test('the identifier is a regex, unescaped, as in supervisor; an invalid one is taken literally', () => {
  assert.equal(matches('a.b', 'x---aXb-abc.log'), true);
  assert.equal(matches('a+', 'x---aaa-abc.log'), true);
  assert.equal(matches('sup(er', 'x---sup(er-abc.log'), true);
  assert.equal(matches('sup(er', 'x---super-abc.log'), false);
});

test('a top-level | in the identifier still anchors both alternatives at the start, as re.match does', () => {
  assert.equal(matches('ab|cd', 'x---ab'), true);
  assert.equal(matches('ab|cd', 'cd-x.log'), true);
  assert.equal(matches('ab|cd', 'zz cd-x.log'), false);
});

test('Python\'s \\s differs from JavaScript\'s: \\x1c-\\x1f and \\x85 are whitespace, \\ufeff is not', () => {
  assert.equal(matches('s', 'x---s-a\x1cb.log'), false);
  assert.equal(matches('s', 'x---s-a\x85b.log'), false);
  assert.equal(matches('s', 'x---s-a\ufeffb.log'), true);
  assert.equal(matches('s', 'x\r---s-ab.log'), true, 'Python . matches \\r');
  assert.equal(matches('s', 'x\n---s-ab.log'), false, 'but not \\n');
});
