// Differential test: locateCommand against supervisor's own Subprocess.get_execv_args +
// ServerOptions.check_execv_args (run by /usr/bin/python3) on one temp tree: PATH order,
// directories, non-executables, relative names, empty PATH entries; as root and as nobody.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestContext } from 'node:test';
import { locateCommand } from '../../../../packages/daemon/src/process/locate.js';
import { requireSupervisorPython } from '../../../helpers/reference.js';
import { REFERENCE_PROCESS_ENV, SUPERVISOR_PYTHON } from '../../../helpers/python-json.js';
import { findSetpriv } from '../../../../packages/daemon/src/process/privileges.js';

interface Case {
  readonly command: string;
  readonly env: Readonly<Record<string, string>> | null;
  readonly daemonPath: string | null;
  readonly cwd: string;
}

const REFERENCE = `
import json, os, sys
from supervisor.options import ServerOptions, ProcessConfig, NotFound, ProcessException
from supervisor.process import Subprocess

class Options:
    stat = ServerOptions.stat
    get_path = ServerOptions.get_path
    check_execv_args = ServerOptions.check_execv_args

class Config:
    get_path = ProcessConfig.get_path
    def __init__(self, case):
        self.command = case["command"]
        self.environment = case["env"]
        self.options = Options()

out = []
for case in json.load(sys.stdin):
    os.chdir(case["cwd"])
    os.environ.pop("PATH", None)
    if case["daemonPath"] is not None:
        os.environ["PATH"] = case["daemonPath"]
    proc = Subprocess.__new__(Subprocess)
    proc.config = Config(case)
    try:
        filename, argv = proc.get_execv_args()
        out.append({"ok": True, "file": filename, "argv": argv})
    except ProcessException as e:
        out.append({"ok": False, "kind": "NO_FILE" if isinstance(e, NotFound) else "NOT_EXECUTABLE", "error": e.args[0]})
json.dump(out, sys.stdout)
`;

const REPO = fileURLToPath(new URL('../../../..', import.meta.url));
const LOCATE_TS = join(REPO, 'packages/daemon/src/process/locate.ts');
// The same cases through locateCommand, in a separate process (so it can run as another user).
const TEND_RUNNER = `
import { locateCommand } from ${JSON.stringify(LOCATE_TS)};
let input = '';
process.stdin.on('data', (d) => (input += d));
process.stdin.on('end', () => {
  const out = JSON.parse(input).map((c) => locateCommand(c.command, c.env ?? {}, c.daemonPath ?? undefined, c.cwd));
  process.stdout.write(JSON.stringify(out));
});
`;

function tree(t: TestContext): string {
  const root = mkdtempSync(join(tmpdir(), 'tend-locate-diff-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  chmodSync(root, 0o755);
  for (const d of ['a', 'b', 'c/dir', 'sub']) mkdirSync(join(root, d), { recursive: true });
  const file = (p: string, mode: number): void => {
    writeFileSync(join(root, p), '#!/bin/sh\n');
    chmodSync(join(root, p), mode);
  };
  file('a/tool', 0o755);
  file('b/tool', 0o755);
  file('b/plain', 0o644);
  file('b/owner-only', 0o700);
  file('b/group-only', 0o010);
  file('c/tool', 0o755);
  file('sub/run', 0o755);
  symlinkSync(join(root, 'a/tool'), join(root, 'b/link'));
  for (const d of ['a', 'b', 'c', 'c/dir', 'sub']) chmodSync(join(root, d), 0o755);
  return root;
}

function cases(root: string): Case[] {
  const out: Case[] = [];
  const commands = [
    'tool', 'tool --flag "a b"', 'plain', 'dir', 'nosuch', 'link', 'owner-only', 'group-only', 'run',
    './sub/run', 'sub/run x', `${root}/b/plain`, `${root}/c/dir`, `${root}/b/owner-only`, `${root}/b/group-only`,
    `${root}/nope`, '', '"unclosed', "it's'", 'sh', '../b/tool',
  ];
  const envs: (Record<string, string> | null)[] = [
    null, {}, { PATH: `${root}/a:${root}/b` }, { PATH: `${root}/c:${root}/b` }, { PATH: `${root}/missing:${root}/b:${root}/a` },
    { PATH: '' }, { PATH: `:${root}/c` }, { OTHER: 'x' },
  ];
  const daemonPaths = [null, '', `${root}/b`, '/usr/bin:/bin'];
  for (const command of commands) {
    for (const env of envs) {
      for (const daemonPath of daemonPaths) {
        for (const cwd of [root, join(root, 'sub')]) out.push({ command, env, daemonPath, cwd });
      }
    }
  }
  return out;
}

function run(file: string, args: readonly string[], input: string, asNobody: boolean): unknown {
  const setpriv = findSetpriv();
  const argv = asNobody && setpriv !== null
    ? [setpriv, '--reuid=65534', '--regid=65534', '--clear-groups', '--', file, ...args] : [file, ...args];
  const r = spawnSync(argv[0] as string, argv.slice(1), {
    input, encoding: 'utf8', cwd: REPO, timeout: 60_000, env: { ...REFERENCE_PROCESS_ENV, HOME: '/nonexistent' },
  });
  if (r.error) throw r.error;
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}

for (const asNobody of [false, true]) {
  test(`locateCommand matches supervisor's get_execv_args${asNobody ? ' as nobody' : ''}`, (t) => {
    if (!requireSupervisorPython(t, 'the reference is supervisor.process.Subprocess.get_execv_args itself')) return;
    if (asNobody && process.getuid?.() !== 0) {
      t.skip('needs root to run as nobody');
      return;
    }
    if (asNobody && findSetpriv() === null) assert.fail('util-linux setpriv is not installed (/usr/bin/setpriv)');
    const root = tree(t);
    const all = cases(root);
    const input = JSON.stringify(all);
    const expected = run(SUPERVISOR_PYTHON, ['-c', REFERENCE], input, asNobody) as unknown[];
    const actual = asNobody
      ? run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', TEND_RUNNER], input, true) as unknown[]
      : all.map((c) => locateCommand(c.command, c.env ?? {}, c.daemonPath ?? undefined, c.cwd));
    assert.equal(actual.length, all.length);
    for (const [i, c] of all.entries()) {
      assert.deepEqual(JSON.parse(JSON.stringify(actual[i])), expected[i], JSON.stringify(c));
    }
    // The cases reach every outcome (NoPermission only exists for non-root).
    const texts = JSON.stringify(expected);
    const outcomes = ['"ok":true', "can't find command", 'is a directory', 'is not executable', 'command is empty', "can't parse command"];
    for (const outcome of asNobody ? [...outcomes, 'no permission to run command'] : outcomes) assert.ok(texts.includes(outcome), outcome);
  });
}
