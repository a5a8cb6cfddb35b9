// maintail against a fake server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeServer, FakeTerminal, fault, lines, runCtl } from '../harness.js';

const HELP = [
  'maintail -f \tContinuous tail of supervisor main log file (Ctrl-C to exit)',
  'maintail -100\tlast 100 *bytes* of supervisord main log file',
  'maintail\tlast 1600 *bytes* of supervisor main log file',
  '',
];

test('maintail reads readLog(-1600, 0); maintail -N reads N bytes', async () => {
  const s = new FakeServer().on('supervisor.readLog', 'log\n');
  const a = await runCtl(s, 'maintail');
  assert.deepEqual(a.calls, [['supervisor.getVersion'], ['supervisor.readLog', -1600, 0]]);
  assert.equal(a.stdout, 'log\n\n');
  const b = await runCtl(s, 'maintail -300');
  assert.deepEqual(b.calls.at(-1), ['supervisor.readLog', -300, 0]);
});

test('maintail argument errors', async () => {
  const cases: [string, string[]][] = [
    ['maintail a b', ['Error: too many arguments', ...HELP]],
    ['maintail x', ['Error: bad argument x']],
    ['maintail -x', ['Error: bad argument -x']],
  ];
  for (const [line, expected] of cases) {
    const r = await runCtl(new FakeServer(), line);
    assert.deepEqual(lines(r.stdout), expected, line);
    assert.equal(r.status, 1);
  }
});

test('maintail faults: no log file, unknown error reading log', async () => {
  const a = await runCtl(new FakeServer().on('supervisor.readLog', fault(20, 'NO_FILE: /x')), 'maintail');
  assert.equal(a.stdout, 'supervisord: ERROR (no log file)\n');
  assert.equal(a.status, 1);
  const b = await runCtl(new FakeServer().on('supervisor.readLog', fault(30, 'FAILED')), 'maintail');
  assert.equal(b.stdout, 'supervisord: ERROR (unknown error reading log)\n');
});

test('maintail -f streams /mainlogtail until Ctrl-C', async () => {
  const s = new FakeServer();
  s.logtailScript = { chunks: ['main\n'] };
  const term = new FakeTerminal();
  term.interruptAfterMs = 10;
  const r = await runCtl(s, 'maintail -f', { term });
  assert.equal(s.logtails[0]!.path, '/mainlogtail');
  assert.equal(r.stdout, '==> Press Ctrl-C to exit <==\nmain\n\n');
});

test('maintail --json', async () => {
  const r = await runCtl(new FakeServer().on('supervisor.readLog', 'log\n'), 'maintail', { json: true });
  assert.deepEqual(JSON.parse(r.stdout), { bytes: 1600, text: 'log\n' });
});
