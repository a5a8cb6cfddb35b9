// Differential test: parseCommand against supervisor's Subprocess.get_execv_args (shlex.split and
// its BadCommand texts) run by /usr/bin/python3 (test/helpers/command-reference.py).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCommand } from '../../../../packages/daemon/src/process/command.js';
import { requireSupervisorPython } from '../../../helpers/reference.js';
import { createRandom, runPythonJson } from '../../../helpers/python-json.js';

const SEED = 0xc0ffee;
const GENERATED = 1500;

const PIECES = [
  'cat', '/usr/bin/env', '-c', 'x', 'a=b', '#', '$HOME', '*', '|', '&&', '>', ';', '%',
  ' ', ' ', '  ', '\t', '\n', '\r', '\r\n', '\x0b', '\x0c', '\u00a0',
  "'", "'", '"', '"', '\\', '\\', '\\ ', '\\"', "\\'", '\\\\', '\\n', '\\$', '\\\n',
  '""', "''", '"a b"', "'a b'", '"x\\$y"', '"\\\\"', '"\\""', "'\\'", '"it\'s"', "'say \"hi\"'",
  '\u00e9', '\u65e5\u672c', '\u{1F600}', '\0',
];

const FIXED = [
  '', ' ', '\t\n', 'cat', '/bin/sh -c "echo $HOME && sleep 1"', 'x\\ y', '"x\\$y"', 'a "" b', "a '' b",
  'a"b"c', "it's", '"unclosed', "'unclosed", 'trailing\\', '"trailing\\', "'trailing\\'", 'a#b # c',
  'python -c "print(\\"hi\\")"', 'a\nb\r\nc', '""', "''", '\\', '"\\',
];

function buildCommands(): string[] {
  const rnd = createRandom(SEED);
  const commands = [...FIXED];
  for (let i = 0; i < GENERATED; i++) {
    let s = '';
    const n = rnd.int(9);
    for (let j = 0; j < n; j++) s += rnd.pick(PIECES);
    commands.push(s);
  }
  return commands;
}

test('parseCommand matches supervisor get_execv_args on generated command strings', async (t) => {
  if (!requireSupervisorPython(t, 'the reference is supervisor.process.Subprocess.get_execv_args itself')) return;
  const commands = buildCommands();
  assert.ok(commands.length >= 1000);
  const expected = await runPythonJson('command-reference.py', commands);
  const mismatches: string[] = [];
  commands.forEach((command, i) => {
    const r = parseCommand(command);
    const actual = r.ok ? { ok: true, argv: r.argv } : { ok: false, error: r.error };
    try {
      assert.deepStrictEqual(actual, expected[i]);
    } catch {
      mismatches.push(`case ${i} ${JSON.stringify(command)}\n  tend:   ${JSON.stringify(actual)}\n  python: ${JSON.stringify(expected[i])}`);
    }
  });
  assert.equal(mismatches.length, 0, `${mismatches.length} mismatches, first ones:\n${mismatches.slice(0, 10).join('\n')}`);
});
