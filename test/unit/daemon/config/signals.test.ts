import { test } from 'node:test';
import assert from 'node:assert/strict';
import { signame, toSignalNumber } from '../../../../packages/daemon/src/config/signals.js';

function valueOf(text: string): number {
  const r = toSignalNumber(text);
  if (!r.ok) assert.fail(`expected a signal for ${JSON.stringify(text)}, got ${JSON.stringify(r.error)}`);
  return r.value;
}

test('signal names are taken with or without SIG, in any case', () => {
  assert.equal(valueOf('TERM'), 15);
  assert.equal(valueOf('sigint'), 2);
  assert.equal(valueOf('SIGHUP'), 1);
  assert.equal(valueOf(' kill\n'), 9);
  assert.equal(valueOf('USR2'), 12);
  assert.equal(valueOf('CLD'), 17);
  assert.equal(valueOf('RTMIN'), 34);
  assert.equal(valueOf('SIGRTMAX'), 64);
});

test('signal numbers are taken when Python knows a signal with that number', () => {
  assert.equal(valueOf('9'), 9);
  assert.equal(valueOf(' 15 '), 15);
  assert.equal(valueOf('31'), 31);
  assert.equal(valueOf('34'), 34);
  assert.equal(valueOf('64'), 64);
});

test('0, SIG_DFL and SIG_IGN are accepted, as in supervisor', () => {
  assert.equal(valueOf('0'), 0);
  assert.equal(valueOf('SIG_DFL'), 0);
  assert.equal(valueOf('sig_ign'), 1);
  assert.equal(valueOf('_BLOCK'), 0);
  assert.equal(valueOf('SIG_SETMASK'), 2);
});

test('an unknown name is not a valid signal name', () => {
  const r = toSignalNumber('FOO');
  assert.deepEqual(r, {
    ok: false,
    error: "value 'FOO' is not a valid signal name",
    expected: 'a signal name like TERM or SIGTERM, or a signal number',
  });
  assert.equal((toSignalNumber('') as { error: string }).error, "value '' is not a valid signal name");
});

test('an unknown number is not a valid signal number', () => {
  assert.equal((toSignalNumber('99') as { error: string }).error, "value '99' is not a valid signal number");
  assert.equal((toSignalNumber('35') as { error: string }).error, "value '35' is not a valid signal number");
  assert.equal((toSignalNumber('-1') as { error: string }).error, "value '-1' is not a valid signal number");
});

test('signame names a signal as options.signame does', () => {
  assert.equal(signame(15), 'SIGTERM');
  assert.equal(signame(9), 'SIGKILL');
  assert.equal(signame(6), 'SIGABRT');
  assert.equal(signame(17), 'SIGCHLD');
  assert.equal(signame(29), 'SIGPOLL');
  assert.equal(signame(34), 'SIGRTMIN');
});

test('signame gives "signal N" for a number without a name, 0 included', () => {
  assert.equal(signame(0), 'signal 0');
  assert.equal(signame(35), 'signal 35');
  assert.equal(signame(65), 'signal 65');
});
