// tendd's command line, driven through the built binary, against the real supervisord in the same run.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { join } from 'node:path';
import { makeTree, REPO, runProgram, runTendd } from '../helpers/bins.js';
import { requireTool } from '../helpers/tools.js';

const SUPERVISORD = '/usr/bin/supervisord';

const VALID = `[supervisord]
logfile=%(here)s/sd.log
pidfile=%(here)s/sd.pid

[include]
files = conf.d/*.conf
`;

/** supervisord's usage-error lines with its argv0 replaced by tendd's name. */
function asTendd(stderr: string): string {
  return stderr.replace(/For help, use \S+ -h/, 'For help, use tendd -h');
}

test('tendd -v prints the supervisord version it implements, as supervisord -v does', (t) => {
  const ours = runTendd(['-v']);
  assert.equal(ours.status, 0);
  assert.equal(ours.stdout, '4.2.5\n');
  if (!requireTool(t, SUPERVISORD, 'compares -v output with the real daemon')) return;
  const theirs = runProgram(SUPERVISORD, ['-v']);
  assert.equal(ours.stdout, theirs.stdout);
});

test('tendd -h prints its usage and exits 0', () => {
  for (const flag of ['-h', '--help', '-?']) {
    const r = runTendd([flag]);
    assert.equal(r.status, 0, flag);
    assert.match(r.stdout, /^tendd -- run a set of applications as daemons/);
    assert.match(r.stdout, /-c\/--configuration FILENAME/);
    assert.match(r.stdout, /--check/);
  }
});

test('usage errors print the same lines and exit 2 like supervisord', (t) => {
  const dir = makeTree(t, { 'supervisord.conf': VALID, 'conf.d/a.conf': '[program:a]\ncommand=/bin/true\n' });
  const conf = join(dir, 'supervisord.conf');
  const cases: string[][] = [
    ['--bogus'],
    ['-x'],
    ['-c'],
    ['-c', conf, 'extra', 'words'],
    ['-c', conf, '-c', conf],
    ['-c', conf, '-e', 'warning'],
    ['-c', conf, '-m', '999'],
    ['-c', conf, '--nodaemon=yes'],
    ['-c', conf, '--c', conf],
    ['-c', conf, '-y', '10XB'],
    ['-c', join(dir, 'missing.conf')],
  ];
  const haveSupervisord = requireTool(t, SUPERVISORD, 'compares usage errors with the real daemon');
  for (const args of cases) {
    const ours = runTendd(args, { cwd: dir });
    assert.equal(ours.status, 2, `tendd ${args.join(' ')}: ${ours.stderr}`);
    assert.match(ours.stderr, /For help, use tendd -h\n$/, args.join(' '));
    if (!haveSupervisord) continue;
    const theirs = runProgram(SUPERVISORD, args, { cwd: dir });
    assert.equal(theirs.status, 2, `supervisord ${args.join(' ')}`);
    const ourFirst = ours.stderr.split('\n')[0];
    // A missing file is a config problem for tendd, reported in its own format (file first).
    if (args.at(-1)?.endsWith('missing.conf')) {
      assert.match(ours.stderr, /missing\.conf: the config file does not exist/);
      continue;
    }
    assert.equal(ourFirst, asTendd(theirs.stderr).split('\n')[0], `tendd ${args.join(' ')}`);
  }
});

test('tendd --check prints the resolved programs and exits 0 on a valid config', (t) => {
  const dir = makeTree(t, {
    'supervisord.conf': VALID,
    'conf.d/web.conf': '[program:web]\ncommand=node app.js --port 80%(process_num)02d\nprocess_name=%(program_name)s_%(process_num)s\nnumprocs=2\npriority=10\n',
    'conf.d/worker.conf': '[program:worker]\ncommand=/usr/bin/env python3 worker.py\nautostart=false\nstdout_logfile=%(here)s/worker.log\nredirect_stderr=true\n',
  });
  const r = runTendd(['-c', join(dir, 'supervisord.conf'), '--check']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /configuration file .*supervisord\.conf is valid/);
  assert.match(r.stdout, /3 processes in 2 groups/);
  const rows = r.stdout.split('\n');
  const header = rows.find((l) => l.startsWith('PROCESS'));
  assert.ok(header, r.stdout);
  assert.match(header, /PROCESS\s+COMMAND\s+PRIORITY\s+AUTOSTART\s+AUTORESTART\s+STDOUT LOG\s+STDERR LOG/);
  assert.match(r.stdout, /web:web_0\s+node app\.js --port 8000\s+10\s+true\s+unexpected\s+AUTO\s+AUTO/);
  assert.match(r.stdout, /web:web_1\s+node app\.js --port 8001/);
  assert.match(r.stdout, new RegExp(`worker\\s+/usr/bin/env python3 worker\\.py\\s+999\\s+false\\s+unexpected\\s+${join(dir, 'conf.d')}/worker\\.log\\s+\\(to stdout\\)`));
});

test('tendd --check reports every problem with file:line and exits 1', (t) => {
  const dir = makeTree(t, {
    'supervisord.conf': VALID,
    'conf.d/a.conf': '[program:a]\ncommand=/bin/true\nautostart=maybe\n',
    'conf.d/b.conf': '; b\n[program:b]\ncommand=/bin/true\nstopsignal=TREM\nstartsecs=soon\n',
  });
  const r = runTendd(['-c', join(dir, 'supervisord.conf'), '--check']);
  assert.equal(r.status, 1);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /^Error: 3 problems in the configuration:/);
  assert.match(r.stderr, new RegExp(`${join(dir, 'conf.d/a.conf')}:3 \\[program:a\\] autostart: expected .*got 'maybe'`));
  assert.match(r.stderr, new RegExp(`${join(dir, 'conf.d/b.conf')}:4 \\[program:b\\] stopsignal: expected .*got 'TREM'`));
  assert.match(r.stderr, new RegExp(`${join(dir, 'conf.d/b.conf')}:5 \\[program:b\\] startsecs: expected .*got 'soon'`));
  // Without --check, a broken config is a startup error: exit 2, as supervisord.
  const run = runTendd(['-c', join(dir, 'supervisord.conf')]);
  assert.equal(run.status, 2);
  assert.match(run.stderr, /For help, use tendd -h\n$/);
});

test('tendd --check warns about unknown keys with a suggestion and still passes', (t) => {
  const dir = makeTree(t, { 'supervisord.conf': VALID, 'conf.d/a.conf': '[program:a]\ncommand=/bin/true\nstartsec=5\n' });
  const r = runTendd(['-c', join(dir, 'supervisord.conf'), '--check']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /WARN .*conf\.d\/a\.conf:3 \[program:a\] startsec: unknown option, ignored; did you mean startsecs\?/);
});

test('without -c tendd finds tend.conf first, then supervisord.conf, in the working directory', (t) => {
  const both = makeTree(t, {
    'tend.conf': '[supervisord]\n[program:from_tend]\ncommand=/bin/true\n',
    'supervisord.conf': '[supervisord]\n[program:from_supervisord]\ncommand=/bin/true\n',
  });
  const a = runTendd(['--check'], { cwd: both });
  assert.equal(a.status, 0, a.stderr);
  assert.match(a.stdout, /tend\.conf is valid/);
  assert.match(a.stdout, /from_tend/);
  const onlySd = makeTree(t, { 'supervisord.conf': '[supervisord]\n[program:from_supervisord]\ncommand=/bin/true\n' });
  const b = runTendd(['--check'], { cwd: onlySd });
  assert.equal(b.status, 0, b.stderr);
  assert.match(b.stdout, /from_supervisord/);
});

test('the bundled conf.d.example passes --check with every demo program', () => {
  const r = runTendd(['-c', join(REPO, 'conf.d.example/supervisord.conf'), '--check']);
  assert.equal(r.status, 0, r.stderr);
  for (const name of ['web:web_0', 'web:web_1', 'web:web_2', 'worker', 'flaky']) assert.match(r.stdout, new RegExp(`^${name}\\s`, 'm'));
});
