// fg against a fake server and terminal.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeServer, FakeTerminal, fault, info, runCtl } from '../harness.js';

test('fg argument errors', async () => {
  const a = await runCtl(new FakeServer(), 'fg');
  assert.equal(a.stdout, 'ERROR: no process name supplied\nfg <process>\tConnect to a process in foreground mode\n\t\tCtrl-C to exit\n');
  assert.equal(a.status, 1);
  const b = await runCtl(new FakeServer(), 'fg a b');
  assert.equal(b.stdout, 'ERROR: too many process names supplied\n');
  assert.equal(b.status, 1);
});

test('fg of an unknown or stopped process', async () => {
  const a = await runCtl(new FakeServer().on('supervisor.getProcessInfo', fault(10, 'BAD_NAME: x')), 'fg x');
  assert.equal(a.stdout, 'ERROR: bad process name supplied\n');
  assert.equal(a.status, 1);
  const b = await runCtl(new FakeServer().on('supervisor.getProcessInfo', info('x', 'x', 'STOPPED')), 'fg x');
  assert.equal(b.stdout, 'ERROR: process not running\n');
  assert.equal(b.status, 1);
  const c = await runCtl(new FakeServer().on('supervisor.getProcessInfo', fault(30, 'FAILED')), 'fg x');
  assert.equal(c.stdout, "ERROR: <Fault 30: 'FAILED'>\n");
  assert.equal(c.status, 0);
});

test('fg streams both channels and sends each input line to stdin, until EOF', async () => {
  const s = new FakeServer().on('supervisor.getProcessInfo', info('x', 'x', 'RUNNING')).on('supervisor.sendProcessStdin', true);
  s.logtailScript = { chunks: ['hello\n'] };
  const term = new FakeTerminal();
  term.answers.push('one', 'two', null);
  const r = await runCtl(s, 'fg x', { term });
  assert.deepEqual(s.logtails.map((l) => l.path), ['/logtail/x/stdout', '/logtail/x/stderr']);
  assert.deepEqual(r.calls.slice(2), [
    ['supervisor.sendProcessStdin', 'x', 'one\n'], ['supervisor.getProcessInfo', 'x'],
    ['supervisor.sendProcessStdin', 'x', 'two\n'], ['supervisor.getProcessInfo', 'x'],
  ]);
  assert.ok(r.stdout.startsWith('==> Press Ctrl-C to exit <==\n'));
  assert.ok(r.stdout.endsWith('Exiting foreground\n'));
  assert.ok(s.logtails.every((l) => l.stream.closed));
});

test('fg: the process dies → `Process got killed`, `Exiting foreground`', async () => {
  const s = new FakeServer().on('supervisor.getProcessInfo', info('x', 'x', 'RUNNING'), info('x', 'x', 'EXITED')).on('supervisor.sendProcessStdin', true);
  const term = new FakeTerminal();
  term.answers.push('one');
  const r = await runCtl(s, 'fg x', { term });
  assert.ok(r.stdout.endsWith('Process got killed\nExiting foreground\n'));
  const t = new FakeTerminal();
  t.answers.push('one');
  const n = await runCtl(new FakeServer().on('supervisor.getProcessInfo', info('x', 'x', 'RUNNING')).on('supervisor.sendProcessStdin', fault(70, 'NOT_RUNNING')), 'fg x', { term: t });
  assert.ok(n.stdout.endsWith('==> Press Ctrl-C to exit <==\nProcess got killed\nExiting foreground\n'));
});
