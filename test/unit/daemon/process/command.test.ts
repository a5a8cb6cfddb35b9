import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCommand } from '../../../../packages/daemon/src/process/command.js';

function argv(command: string): readonly string[] {
  const r = parseCommand(command);
  assert.ok(r.ok, r.ok ? '' : r.error);
  return r.argv;
}

function commandError(command: string): string {
  const r = parseCommand(command);
  assert.ok(!r.ok, `expected ${JSON.stringify(command)} to fail`);
  return r.error;
}

test('whitespace, including newlines from continuation lines, separates words', () => {
  assert.deepEqual(argv('/usr/bin/cat  -n\tfile'), ['/usr/bin/cat', '-n', 'file']);
  assert.deepEqual(argv('prog\n  --flag\r\nvalue'), ['prog', '--flag', 'value']);
});

test('single quotes are fully literal', () => {
  assert.deepEqual(argv("echo 'a \\ \"b\" $c'"), ['echo', 'a \\ "b" $c']);
});

test('inside double quotes a backslash escapes only a double quote and a backslash', () => {
  assert.deepEqual(argv('"x\\$y"'), ['x\\$y']);
  assert.deepEqual(argv('"a\\"b\\\\c"'), ['a"b\\c']);
});

test('outside quotes a backslash escapes any character', () => {
  assert.deepEqual(argv('x\\ y'), ['x y']);
  assert.deepEqual(argv('\\$HOME \\\\'), ['$HOME', '\\']);
});

test('an empty pair of quotes gives an empty argument', () => {
  assert.deepEqual(argv('prog "" \'\''), ['prog', '', '']);
});

test('adjacent quoted and unquoted parts join into one word', () => {
  assert.deepEqual(argv('--name="a b"\'c d\'e'), ['--name=a bc de']);
});

test('no shell is involved: # $ * | && are ordinary characters', () => {
  assert.deepEqual(argv('sh -c echo $HOME # * | && >out'), ['sh', '-c', 'echo', '$HOME', '#', '*', '|', '&&', '>out']);
  assert.deepEqual(argv('/bin/sh -c "echo $HOME && sleep 1"'), ['/bin/sh', '-c', 'echo $HOME && sleep 1']);
});

test('an unclosed quote is BadCommand with no closing quotation', () => {
  assert.equal(commandError('echo "unclosed'), `can't parse command 'echo "unclosed': No closing quotation`);
  assert.equal(commandError("it's"), `can't parse command "it's": No closing quotation`);
});

test('a trailing backslash is BadCommand with no escaped character', () => {
  assert.equal(commandError('echo \\'), "can't parse command 'echo \\\\': No escaped character");
});

test('a command with no words is empty', () => {
  assert.equal(commandError(''), 'command is empty');
  assert.equal(commandError(' \t\n '), 'command is empty');
});

test('only space, tab, CR and LF are whitespace', () => {
  assert.deepEqual(argv('a\x0bb\u00a0c'), ['a\x0bb\u00a0c']);
});
