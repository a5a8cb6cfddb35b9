// The compat harness itself, without daemons: cleaning rules, transcript comparison, declared
// differences, and the static shape of every scenario (so a typo fails in milliseconds, not
// after a daemon run).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compareTranscripts } from '../../helpers/compat/compare.js';
import { normalise, normaliseInterrupted, sortStoppedRuns } from '../../helpers/compat/normalise.js';
import type { Entry } from '../../helpers/compat/run-side.js';
import { isCommand, type ExpectedDifference } from '../../helpers/compat/scenario.js';
import { SCENARIOS } from '../../helpers/compat/scenarios/index.js';
import { differencesFor } from '../../helpers/compat/suite.js';
import { SUPERVISORCTL, SUPERVISORD, TENDCTL_CLI, TENDD_DAEMON } from '../../helpers/compat/targets.js';

const names = { reference: 'ref', subject: 'sub' };
const entry = (label: string, stdout: string, exit = '0', stderr = ''): Entry => ({ label, stdout, stderr, exit });

test('normalise replaces the temp dir, pids, uptimes, dates, argv0, Python source locations and log timestamps', () => {
  const dir = '/tmp/tend-compat-AbC123';
  const raw = [
    'web:web_0                        RUNNING   pid 5749, uptime 1 day, 0:00:05',
    'exit0                            EXITED    Nov 21 06:57 PM',
    'For help, use /usr/bin/supervisorctl -h',
    "error: <class 'FileNotFoundError'>, [Errno 2] No such file or directory: file: /usr/lib/python3/dist-packages/supervisor/xmlrpc.py line: 557",
    "2026-11-21 18:56:47,127 INFO spawned: 'g1' with pid 5749",
    "2026-11-21 19:01:30,753 WARN killing 'ignorer' (10788) with SIGKILL",
    '12345',
    '0',
    `unix://${dir}/supervisor.sock no such file`,
    `file: '${dir}/conf.d/broken.conf', line: 1`,
  ].join('\n');
  assert.equal(normalise(raw, dir), [
    'web:web_0                        RUNNING   pid <pid>, uptime <uptime>',
    'exit0                            EXITED    <date>',
    'For help, use <argv0> -h',
    "error: <class 'FileNotFoundError'>, [Errno 2] No such file or directory: file: <file> line: <line>",
    "<ts> INFO spawned: 'g1' with pid <pid>",
    "<ts> WARN killing 'ignorer' (<pid>) with SIGKILL",
    '<pid>',
    '0',
    'unix://<dir>/supervisor.sock no such file',
    "file: '<dir>/conf.d/broken.conf', line: 1",
  ].join('\n'));
});

test('an interrupted stream keeps stdout up to the marker and drops both forms of supervisorctl\'s Ctrl-C noise', () => {
  const url = 'unix:///x/supervisor.sock/logtail/t/stdout';
  const a = normaliseInterrupted('==> Press Ctrl-C to exit <==\nline 1\n\n', '', 'line 1\n');
  const b = normaliseInterrupted('==> Press Ctrl-C to exit <==\nline 1\n', `${url} Cannot connect, error: <class 'KeyboardInterrupt'> ()\n`, 'line 1\n');
  assert.deepEqual(a, b);
  assert.equal(a.stdout, '==> Press Ctrl-C to exit <==\nline 1\n<interrupted by SIGINT>\n');
  assert.equal(a.stderr, '');
  // anything else after the marker is kept, so it shows in a diff
  assert.match(normaliseInterrupted('line 1\nTraceback\n', '', 'line 1\n').stdout, /Traceback/);
});

test('runs of "x: stopped" lines are sorted, other lines keep their place', () => {
  assert.equal(sortStoppedRuns('g:b: stopped\ng:a: stopped\ng:b: started\ng:a: started\n'), 'g:a: stopped\ng:b: stopped\ng:b: started\ng:a: started\n');
});

test('equal transcripts pass; a difference is reported per command with a line diff and both exit statuses', () => {
  const ref = [entry('status', 'a                                RUNNING   \n', '0'), entry('stop a', 'a: stopped\n')];
  assert.equal(compareTranscripts(ref, ref, names, []).ok, true);
  const sub = [entry('status', 'a                                RUNNING\n', '3'), entry('stop a', 'a: stopped\n')];
  const r = compareTranscripts(ref, sub, names, []);
  assert.equal(r.ok, false);
  assert.match(r.report, /step 1 `status`/);
  assert.match(r.report, /- a {32}RUNNING···/); // trailing spaces made visible
  assert.match(r.report, /exit status: ref 0, sub 3/);
  assert.doesNotMatch(r.report, /step 2/);
});

test('a declared difference replaces the reference for its command and nth occurrence only, and must still differ', () => {
  const ref = [entry('status', 'x\n', '4'), entry('status', 'x\n', '4')];
  const sub = [entry('status', 'y\n', '0'), entry('status', 'x\n', '4')];
  const diff: ExpectedDifference = { command: 'status', nth: 1, reason: 'because', tend: { stdout: 'y\n', exit: '0' } };
  assert.equal(compareTranscripts(ref, sub, names, [diff]).ok, true);
  // stale: the reference now prints what was declared for tend
  const stale = compareTranscripts(sub, sub, names, [diff]);
  assert.equal(stale.ok, false);
  assert.match(stale.report, /declared difference is stale/);
  // a declaration that matches no command is an error too
  const orphan = compareTranscripts(ref, ref, names, [{ command: 'nosuch', reason: 'r', tend: { stdout: '' } }]);
  assert.match(orphan.report, /matches no command/);
});

test('declared differences apply by subject: daemon ones to tendd, CLI ones to tendctl', () => {
  const s = {
    name: 'x', title: 'x', steps: [],
    differences: [
      { command: 'a', reason: 'daemon', tend: { stdout: '' } },
      { command: 'b', reason: 'ctl', tend: { stdout: '' }, when: { cli: 'tendctl', daemon: 'any' } },
      { command: 'c', reason: 'daemon seen through supervisorctl', tend: { stdout: '' }, when: { cli: 'supervisorctl' } },
    ],
  } as const;
  const commands = (daemon: typeof SUPERVISORD, cli: typeof SUPERVISORCTL) => differencesFor(s, { daemon, cli }).map((d) => d.command);
  assert.deepEqual(commands(SUPERVISORD, SUPERVISORCTL), []);
  assert.deepEqual(commands(TENDD_DAEMON, SUPERVISORCTL), ['a', 'c']);
  assert.deepEqual(commands(TENDD_DAEMON, TENDCTL_CLI), ['a', 'b']);
  assert.deepEqual(commands(SUPERVISORD, TENDCTL_CLI), ['b']);
});

test('every scenario is well-formed: background commands joined once, waits name started ones, differences name commands', () => {
  assert.ok(SCENARIOS.length >= 40, `only ${String(SCENARIOS.length)} scenarios`);
  for (const s of SCENARIOS) {
    const started = new Set<string>();
    const joined = new Set<string>();
    const labels = new Map<string, number>();
    for (const step of s.steps) {
      if (isCommand(step)) {
        const label = step.ctl.join(' ');
        if (step.background === undefined) labels.set(label, (labels.get(label) ?? 0) + 1);
        else {
          assert.ok(!started.has(step.background), `${s.name}: background id ${step.background} used twice`);
          started.add(step.background);
        }
      } else if ('join' in step) {
        assert.ok(started.has(step.join) && !joined.has(step.join), `${s.name}: join ${step.join}`);
        joined.add(step.join);
        const bg = s.steps.find((x) => isCommand(x) && x.background === step.join);
        if (bg && isCommand(bg)) labels.set(bg.ctl.join(' '), (labels.get(bg.ctl.join(' ')) ?? 0) + 1);
      } else if ('wait' in step && step.wait.backgroundStdout) {
        assert.ok(started.has(step.wait.backgroundStdout.id) && !joined.has(step.wait.backgroundStdout.id), `${s.name}: wait on ${step.wait.backgroundStdout.id}`);
      }
    }
    assert.deepEqual([...started].filter((id) => !joined.has(id)), [], `${s.name}: background commands never joined`);
    for (const d of s.differences ?? []) {
      assert.ok((labels.get(d.command) ?? 0) >= (d.nth ?? 1), `${s.name}: declared difference for \`${d.command}\` #${String(d.nth ?? 1)} names no command`);
      assert.ok(d.reason.length > 20, `${s.name}: declared difference for \`${d.command}\` needs a real reason`);
    }
  }
});
