// shutdown and reload against a fake server, with the interactive confirmation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeServer, FakeTerminal, fault, noSuchFile, refused, runCtl } from '../harness.js';

test('shutdown: shutdown() then `Shut down`', async () => {
  const r = await runCtl(new FakeServer().on('supervisor.shutdown', true), 'shutdown');
  assert.deepEqual(r.methods, ['shutdown']);
  assert.equal(r.stdout, 'Shut down\n');
  assert.equal(r.status, 0);
});

test('shutdown while shutting down exits 0; with the socket gone it exits 1', async () => {
  const a = await runCtl(new FakeServer().on('supervisor.shutdown', fault(6, 'SHUTDOWN_STATE')), 'shutdown');
  assert.equal(a.stdout, 'ERROR: already shutting down\n');
  assert.equal(a.status, 0);
  const b = await runCtl(new FakeServer().on('supervisor.shutdown', noSuchFile()), 'shutdown');
  assert.equal(b.stdout, 'ERROR: unix:///tmp/fake.sock no such file (already shut down?)\n');
  assert.equal(b.status, 1);
  const c = await runCtl(new FakeServer().on('supervisor.shutdown', refused()), 'shutdown');
  assert.equal(c.stdout, 'ERROR: unix:///tmp/fake.sock refused connection (already shut down?)\n');
  assert.equal(c.status, 1);
});

test('shutdown asks in interactive mode; anything but y/Y… keeps the daemon', async () => {
  const term = new FakeTerminal();
  term.answers.push('n', 'Yes');
  const s = new FakeServer().on('supervisor.shutdown', true);
  const r = await runCtl(s, ['shutdown', 'shutdown'], { interactive: true, term });
  assert.deepEqual(term.prompts, ['Really shut the remote supervisord process down y/N? ', 'Really shut the remote supervisord process down y/N? ']);
  assert.deepEqual(r.methods, ['shutdown']);
  assert.equal(r.stdout, 'Shut down\n');
});

test('shutdown and reload refuse arguments', async () => {
  const a = await runCtl(new FakeServer(), 'shutdown now');
  assert.equal(a.stdout, 'Error: shutdown accepts no arguments\nshutdown \tShut the remote supervisord down.\n');
  assert.equal(a.status, 1);
  const b = await runCtl(new FakeServer(), 'reload now');
  assert.equal(b.stdout, 'Error: reload accepts no arguments\nreload \t\tRestart the remote supervisord.\n');
  assert.equal(b.status, 1);
});

test('reload: restart() then `Restarted supervisord`; while shutting down exits 1', async () => {
  const a = await runCtl(new FakeServer().on('supervisor.restart', true), 'reload');
  assert.deepEqual(a.methods, ['restart']);
  assert.equal(a.stdout, 'Restarted supervisord\n');
  const b = await runCtl(new FakeServer().on('supervisor.restart', fault(6, 'SHUTDOWN_STATE')), 'reload');
  assert.equal(b.stdout, 'ERROR: already shutting down\n');
  assert.equal(b.status, 1);
});

test('reload asks in interactive mode', async () => {
  const term = new FakeTerminal();
  term.answers.push('y');
  const r = await runCtl(new FakeServer().on('supervisor.restart', true), 'reload', { interactive: true, term });
  assert.deepEqual(term.prompts, ['Really restart the remote supervisord process y/N? ']);
  assert.equal(r.stdout, 'Restarted supervisord\n');
});
