// The scalar converters against the rows of spec §1.6 (and the inet_address texts of §1.9),
// with supervisor 4.2.5's exact error texts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  toAutoRestart, toBoolean, toByteSize, toExitCodes, toInetAddress, toInteger, toListOfStrings, toLoggingLevel,
  toOctal, toPortNumber, toProcessOrGroupName,
} from '../../../../packages/daemon/src/config/converters.js';
import type { Converted } from '../../../../packages/daemon/src/config/types.js';

function valueOf<T>(r: Converted<T>): T {
  if (!r.ok) assert.fail(`expected a value, got the error ${JSON.stringify(r.error)}`);
  return r.value;
}

function errorOf<T>(r: Converted<T>): string {
  if (r.ok) assert.fail(`expected an error, got the value ${JSON.stringify(r.value)}`);
  assert.ok(r.expected.length > 0, 'every error says what was expected');
  return r.error;
}

test('boolean accepts true yes on 1 and false no off 0 in any case', () => {
  for (const v of ['true', 'TRUE', 'Yes', 'on', '1']) assert.equal(valueOf(toBoolean(v)), true, v);
  for (const v of ['false', 'No', 'OFF', '0']) assert.equal(valueOf(toBoolean(v)), false, v);
});

test('boolean refuses anything else, surrounding spaces included', () => {
  assert.equal(errorOf(toBoolean('maybe')), "not a valid boolean value: 'maybe'");
  assert.equal(errorOf(toBoolean(' true')), "not a valid boolean value: ' true'");
  assert.equal(errorOf(toBoolean('')), "not a valid boolean value: ''");
  assert.equal(errorOf(toBoolean('2')), "not a valid boolean value: '2'");
});

test('integer is Python int(): sign, surrounding whitespace, underscores between digits, no range check', () => {
  assert.equal(valueOf(toInteger('42')), 42);
  assert.equal(valueOf(toInteger(' -17\n')), -17);
  assert.equal(valueOf(toInteger('+5')), 5);
  assert.equal(valueOf(toInteger('1_000_000')), 1_000_000);
  assert.equal(valueOf(toInteger('007')), 7);
  assert.equal(valueOf(toInteger('-999999')), -999999);
});

test('integer accepts Unicode decimal digits and Unicode spaces as Python does', () => {
  assert.equal(valueOf(toInteger('\u0661\u0662')), 12);
  assert.equal(valueOf(toInteger('\uff11\uff12')), 12);
  assert.equal(valueOf(toInteger('\u00a07\u3000')), 7);
  assert.equal(valueOf(toInteger('\u{1d7d7}')), 9);
});

test('integer returns huge values as the nearest Number', () => {
  assert.equal(valueOf(toInteger('18446744073709551616')), 18446744073709551616);
  assert.equal(valueOf(toInteger('9'.repeat(400))), Infinity);
});

test('integer refuses what Python int() refuses, with its text', () => {
  assert.equal(errorOf(toInteger('abc')), "invalid literal for int() with base 10: 'abc'");
  for (const v of ['', ' ', '1.5', '1e3', '0x10', '_1', '1_', '1__0', '+_1', '- 1', '\x1c1', '1\0']) {
    assert.match(errorOf(toInteger(v)), /^invalid literal for int\(\) with base 10: /, JSON.stringify(v));
  }
  assert.equal(errorOf(toInteger('1\0')), "invalid literal for int() with base 10: '1\\x00'");
});

test('integer cuts the repr in its error at 200 characters, as %.200R does', () => {
  const error = errorOf(toInteger('x'.repeat(300)));
  assert.equal(error, `invalid literal for int() with base 10: '${'x'.repeat(199)}`);
});

test('integer refuses more than 4300 digits with the int max str digits error', () => {
  assert.equal(valueOf(toInteger('1'.repeat(4300))) > 1e300, true);
  const limit = 'Exceeds the limit (4300 digits) for integer string conversion: value has 5000 digits; ' +
    'use sys.set_int_max_str_digits() to increase the limit';
  assert.equal(errorOf(toInteger('1'.repeat(5000))), limit);
  assert.equal(errorOf(toInteger(`${'1'.repeat(5000)}x`)), limit);
});

test('integer does not know digits Python 3.11 (Unicode 14.0) does not know', () => {
  // Kawi digit one, added in Unicode 15.0.
  assert.equal(toInteger('\u{11f51}').ok, false);
});

test('byte size multiplies the two-letter KB MB GB suffixes by powers of 1024, in any case', () => {
  assert.equal(valueOf(toByteSize('1024')), 1024);
  assert.equal(valueOf(toByteSize('10KB')), 10240);
  assert.equal(valueOf(toByteSize('10kb')), 10240);
  assert.equal(valueOf(toByteSize('50MB')), 50 * 1024 * 1024);
  assert.equal(valueOf(toByteSize('1gb')), 1024 ** 3);
  assert.equal(valueOf(toByteSize(' 10 MB')), 10 * 1024 * 1024);
  assert.equal(valueOf(toByteSize('-1kb')), -1024);
  assert.equal(valueOf(toByteSize('0')), 0);
});

test('byte size refuses other suffixes and fractions, showing the lower-cased number part', () => {
  assert.equal(errorOf(toByteSize('10XB')), "invalid literal for int() with base 10: '10xb'");
  assert.equal(errorOf(toByteSize('10K')), "invalid literal for int() with base 10: '10k'");
  assert.equal(errorOf(toByteSize('10B')), "invalid literal for int() with base 10: '10b'");
  assert.equal(errorOf(toByteSize('1.5MB')), "invalid literal for int() with base 10: '1.5'");
  assert.equal(errorOf(toByteSize('10xKB')), "invalid literal for int() with base 10: '10x'");
  assert.equal(errorOf(toByteSize('KB')), "invalid literal for int() with base 10: ''");
  assert.equal(errorOf(toByteSize('10 mb ')), "invalid literal for int() with base 10: '10 mb '");
});

test('octal reads 022, 0o22 and 22 all as 18', () => {
  assert.equal(valueOf(toOctal('022')), 18);
  assert.equal(valueOf(toOctal('0o22')), 18);
  assert.equal(valueOf(toOctal('0O22')), 18);
  assert.equal(valueOf(toOctal('22')), 18);
  assert.equal(valueOf(toOctal(' 0o_7_55 ')), 0o755);
  assert.equal(valueOf(toOctal('-0o7')), -7);
});

test('octal refuses non-octal digits with supervisor text, the value unquoted', () => {
  assert.equal(errorOf(toOctal('999')), '999 can not be converted to an octal type');
  assert.equal(errorOf(toOctal('8')), '8 can not be converted to an octal type');
  assert.equal(errorOf(toOctal('0x1f')), '0x1f can not be converted to an octal type');
  assert.equal(errorOf(toOctal('')), ' can not be converted to an octal type');
});

test('exit codes are comma-separated integers from 0 to 255, spaces allowed', () => {
  assert.deepEqual(valueOf(toExitCodes('0')), [0]);
  assert.deepEqual(valueOf(toExitCodes('0, 2 ,3')), [0, 2, 3]);
  assert.deepEqual(valueOf(toExitCodes('255')), [255]);
  assert.deepEqual(valueOf(toExitCodes('')), []);
});

test('exit codes outside 0..255 or empty items make the whole list invalid', () => {
  assert.equal(errorOf(toExitCodes('0,256')), "not a valid list of exit codes: '0,256'");
  assert.equal(errorOf(toExitCodes('-1')), "not a valid list of exit codes: '-1'");
  assert.equal(errorOf(toExitCodes('0,')), "not a valid list of exit codes: '0,'");
  assert.equal(errorOf(toExitCodes('1 2')), "not a valid list of exit codes: '1 2'");
});

test('list of strings splits on commas and strips each item; empty gives an empty list', () => {
  assert.deepEqual(valueOf(toListOfStrings('a, b ,c')), ['a', 'b', 'c']);
  assert.deepEqual(valueOf(toListOfStrings('a,,b')), ['a', '', 'b']);
  assert.deepEqual(valueOf(toListOfStrings(' ')), ['']);
  assert.deepEqual(valueOf(toListOfStrings('')), []);
});

test('log level names map to supervisor numbers in any case', () => {
  const levels: [string, number][] = [
    ['critical', 50], ['error', 40], ['warn', 30], ['info', 20], ['debug', 10], ['trace', 5], ['blather', 3],
    ['INFO', 20], ['Warn', 30],
  ];
  for (const [name, level] of levels) assert.equal(valueOf(toLoggingLevel(name)), level, name);
});

test('log level refuses warning and other names, quoting the value as given', () => {
  assert.equal(errorOf(toLoggingLevel('warning')), "bad logging level name 'warning'");
  assert.equal(errorOf(toLoggingLevel('x')), "bad logging level name 'x'");
  assert.equal(errorOf(toLoggingLevel('INFO ')), "bad logging level name 'INFO '");
});

test('log level refuses the dunder names supervisor would take from its level class', () => {
  // Deliberate divergence: supervisor returns 'supervisor.loggers' for __module__ and crashes later.
  assert.equal(errorOf(toLoggingLevel('__module__')), "bad logging level name '__module__'");
});

test('autorestart takes boolean words for true and false, and unexpected', () => {
  assert.equal(valueOf(toAutoRestart('true')), 'true');
  assert.equal(valueOf(toAutoRestart('YES')), 'true');
  assert.equal(valueOf(toAutoRestart('0')), 'false');
  assert.equal(valueOf(toAutoRestart('off')), 'false');
  assert.equal(valueOf(toAutoRestart('unexpected')), 'unexpected');
  assert.equal(valueOf(toAutoRestart('UNEXPECTED')), 'unexpected');
});

test('autorestart errors show the value lower-cased', () => {
  assert.equal(errorOf(toAutoRestart('X')), "invalid 'autorestart' value 'x'");
  assert.equal(errorOf(toAutoRestart('Always')), "invalid 'autorestart' value 'always'");
});

test('a process or group name is stripped and may not hold a space, colon or slash', () => {
  assert.equal(valueOf(toProcessOrGroupName('  web\t')), 'web');
  assert.equal(errorOf(toProcessOrGroupName('a b')), "Invalid name: 'a b' because of character: ' '");
  assert.equal(errorOf(toProcessOrGroupName('a:b')), "Invalid name: 'a:b' because of character: ':'");
  assert.equal(errorOf(toProcessOrGroupName('a/b')), "Invalid name: 'a/b' because of character: '/'");
  // Space is checked first, and the error quotes the name before stripping.
  assert.equal(errorOf(toProcessOrGroupName(' a/b:c d')), "Invalid name: ' a/b:c d' because of character: ' '");
});

test('a port number runs from 1 to 65535', () => {
  assert.equal(valueOf(toPortNumber('65535')), 65535);
  assert.equal(errorOf(toPortNumber('0')), '0 is below lower bound (1)');
  assert.equal(errorOf(toPortNumber('070000')), '70000 is above upper bound (65535)');
  assert.equal(errorOf(toPortNumber('abc')), "invalid literal for int() with base 10: 'abc'");
});

test('inet address takes PORT, HOST:PORT, *:PORT and :PORT, lower-casing the host', () => {
  assert.deepEqual(valueOf(toInetAddress('9001')), { host: '', port: 9001 });
  assert.deepEqual(valueOf(toInetAddress('127.0.0.1:9001')), { host: '127.0.0.1', port: 9001 });
  assert.deepEqual(valueOf(toInetAddress('*:9001')), { host: '', port: 9001 });
  assert.deepEqual(valueOf(toInetAddress(':9001')), { host: '', port: 9001 });
  assert.deepEqual(valueOf(toInetAddress('LocalHost:80')), { host: 'localhost', port: 80 });
  assert.deepEqual(valueOf(toInetAddress('[::1]:80')), { host: '[::1]', port: 80 });
});

test('inet address errors are supervisor texts, trailing space included for a bare port', () => {
  assert.equal(errorOf(toInetAddress('127.0.0.1:')), "no port number specified in ''");
  assert.equal(errorOf(toInetAddress('abc')), "not a valid port number: 'abc' ");
  assert.equal(errorOf(toInetAddress('0')), "not a valid port number: '0' ");
  assert.equal(errorOf(toInetAddress('70000')), "not a valid port number: '70000' ");
  assert.equal(errorOf(toInetAddress('h:70000')), '70000 is above upper bound (65535)');
  assert.equal(errorOf(toInetAddress('h:0')), '0 is below lower bound (1)');
  assert.equal(errorOf(toInetAddress('h:abc')), "invalid literal for int() with base 10: 'abc'");
});
