// tail against a fake server: argument errors, byte counts, channels, faults, -f streaming.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeServer, FakeTerminal, fault, lines, runCtl } from '../harness.js';

const HELP = [
  'tail [-f] <name> [stdout|stderr] (default stdout)',
  'Ex:',
  'tail -f <name>\t\tContinuous tail of named process stdout',
  '\t\t\tCtrl-C to exit.',
  'tail -100 <name>\tlast 100 *bytes* of process stdout',
  'tail <name> stderr\tlast 1600 *bytes* of process stderr',
];

function logServer(): FakeServer {
  return new FakeServer().on('supervisor.readProcessStdoutLog', 'out\n').on('supervisor.readProcessStderrLog', 'err\n');
}

test('tail name reads the last 1600 bytes of stdout and prints them plus a newline', async () => {
  const r = await runCtl(logServer(), 'tail sleeper');
  assert.deepEqual(r.calls, [['supervisor.getVersion'], ['supervisor.readProcessStdoutLog', 'sleeper', -1600, 0]]);
  assert.equal(r.stdout, 'out\n\n');
  assert.equal(r.status, 0);
});

test('tail -N name stderr reads N bytes of stderr; the channel is case-insensitive', async () => {
  const r = await runCtl(logServer(), 'tail -100 sleeper STDERR');
  assert.deepEqual(r.calls.at(-1), ['supervisor.readProcessStderrLog', 'sleeper', -100, 0]);
  assert.equal(r.stdout, 'err\n\n');
});

test('tail with three words takes the first as name and the last as channel', async () => {
  const r = await runCtl(logServer(), 'tail a b stderr');
  assert.deepEqual(r.calls.at(-1), ['supervisor.readProcessStderrLog', 'a', -1600, 0]);
});

test('tail argument errors', async () => {
  const cases: [string, string[]][] = [
    ['tail', ['Error: too few arguments', ...HELP]],
    ['tail a b c d', ['Error: too many arguments', ...HELP]],
    ['tail -f', ['Error: tail requires process name']],
    ['tail -x sleeper', ['Error: bad argument -x']],
    ['tail - sleeper', ['Error: bad argument -']],
    ['tail sleeper foo', ["Error: bad channel 'foo'"]],
  ];
  for (const [line, expected] of cases) {
    const r = await runCtl(logServer(), line);
    assert.deepEqual(lines(r.stdout), expected, line);
    assert.equal(r.status, 1, line);
    assert.deepEqual(r.methods, ['getVersion'], line);
  }
});

test('tail faults: no log file, unknown error reading log, no such process name; others escape', async () => {
  const cases: [number, string][] = [[20, 'no log file'], [30, 'unknown error reading log'], [10, 'no such process name']];
  for (const [code, text] of cases) {
    const r = await runCtl(new FakeServer().on('supervisor.readProcessStdoutLog', fault(code, 'X')), 'tail x');
    assert.equal(r.stdout, `x: ERROR (${text})\n`);
    assert.equal(r.status, 1);
  }
  const r = await runCtl(new FakeServer().on('supervisor.readProcessStdoutLog', fault(3, 'BAD_ARGUMENTS')), 'tail x');
  assert.match(r.stdout, /^error: <class 'xmlrpc\.client\.Fault'>, <Fault 3: 'BAD_ARGUMENTS'>/);
  assert.equal(r.status, 1);
});

test('tail -f prints the banner, streams /logtail/<name>/<channel>, and an empty line on Ctrl-C', async () => {
  const s = new FakeServer();
  s.logtailScript = { chunks: ['line 1\n', 'line 2\n'] };
  const term = new FakeTerminal();
  term.interruptAfterMs = 20;
  const r = await runCtl(s, 'tail -f grp:g1 stderr', { term });
  assert.equal(s.logtails[0]!.path, '/logtail/grp:g1/stderr');
  assert.equal(r.stdout, '==> Press Ctrl-C to exit <==\nline 1\nline 2\n\n');
  assert.ok(s.logtails[0]!.stream.closed);
  assert.equal(r.status, 0);
});

test('tail -f: a 404 goes to stderr as `<url><path> Cannot read, status code 404`, exit 0', async () => {
  const s = new FakeServer();
  s.logtailScript = { chunks: [], end: { kind: 'status', status: 404 } };
  const r = await runCtl(s, 'tail -f nosuch');
  assert.equal(r.stdout, '==> Press Ctrl-C to exit <==\n');
  assert.equal(r.stderr, 'unix:///tmp/fake.sock/logtail/nosuch/stdout Cannot read, status code 404\n');
  assert.equal(r.status, 0);
});

test('tail --json gives the text as JSON; tail -f --json one JSON line per chunk', async () => {
  const r = await runCtl(logServer(), 'tail -5 sleeper', { json: true });
  assert.deepEqual(JSON.parse(r.stdout), { name: 'sleeper', channel: 'stdout', bytes: 5, text: 'out\n' });
  const s = new FakeServer();
  s.logtailScript = { chunks: ['a\n'], end: { kind: 'closed' } };
  const f = await runCtl(s, 'tail -f sleeper', { json: true });
  assert.deepEqual(f.stdout, '{"name":"sleeper","channel":"stdout","text":"a\\n"}\n');
});
