// The Controller: cmd.Cmd line parsing, dispatch, unknown syntax, the 401 handling, error lines,
// --json errors, and one connection per command line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseLine } from '../../../packages/ctl/src/controller.js';
import { ConnectionFailure } from '../../../packages/ctl/src/errors.js';
import { FakeServer, FakeTerminal, httpStatus, info, runCtl } from './harness.js';

test('parseLine follows cmd.Cmd.parseline', () => {
  assert.deepEqual(parseLine('  status  a b '), { verb: 'status', arg: 'a b', line: 'status  a b' });
  assert.deepEqual(parseLine('?'), { verb: 'help', arg: '', line: 'help ' });
  assert.deepEqual(parseLine('?status'), { verb: 'help', arg: 'status', line: 'help status' });
  assert.deepEqual(parseLine('status:foo'), { verb: 'status', arg: ':foo', line: 'status:foo' });
  assert.deepEqual(parseLine('!ls'), { verb: null, arg: '', line: '!ls' });
  assert.deepEqual(parseLine('-x'), { verb: '', arg: '-x', line: '-x' });
  assert.deepEqual(parseLine(''), { verb: null, arg: '', line: '' });
});

test('an unknown verb prints `*** Unknown syntax: <line>` and exits 1', async () => {
  for (const line of ['foo bar', 'Status', '!ls', '-x']) {
    const r = await runCtl(new FakeServer(), line);
    assert.equal(r.stdout, `*** Unknown syntax: ${line}\n`, line);
    assert.equal(r.status, 1);
  }
});

test('the verb is the leading run of word characters: `tail-5 x` is tail with `-5 x`', async () => {
  const r = await runCtl(new FakeServer().on('supervisor.readProcessStdoutLog', 'x'), 'tail-5 x');
  assert.deepEqual(r.calls.at(-1), ['supervisor.readProcessStdoutLog', 'x', -5, 0]);
});

test('an empty line does nothing', async () => {
  const r = await runCtl(new FakeServer(), '   ');
  assert.equal(r.stdout, '');
  assert.equal(r.status, 0);
  assert.deepEqual(r.calls, []);
});

test('each command line gets its own connection; calls of one command share one', async () => {
  const s = new FakeServer().on('supervisor.getAllProcessInfo', [info('a', 'a', 'RUNNING')]);
  await runCtl(s, ['status', 'status', 'pid all']);
  assert.equal(s.connections.length, 3);
  assert.equal(s.calls.length, 6);
});

test('non-interactive 401: `Server requires authentication`, the command runs again and fails with the ProtocolError line', async () => {
  const s = new FakeServer().on('supervisor.getVersion', httpStatus(401, 'Unauthorized'));
  const r = await runCtl(s, 'status');
  assert.equal(r.stdout.split('\n')[0], 'Server requires authentication');
  assert.match(r.stdout.split('\n')[1]!, /^error: <class 'xmlrpc\.client\.ProtocolError'>, <ProtocolError for 127\.0\.0\.1\/RPC2: 401 Unauthorized>: file: /);
  assert.equal(r.methods.length, 2, 'the command ran twice');
  assert.equal(r.status, 1);
});

test('interactive 401: asks Username and Password, prints an empty line and retries with them', async () => {
  const seen: (string | null)[] = [];
  const s = new FakeServer().on('supervisor.getVersion', httpStatus(401, 'Unauthorized'), '3.0').on('supervisor.getAllProcessInfo', []);
  const term = new FakeTerminal();
  term.answers.push('user', 'secret');
  const connect = s.connect;
  s.connect = (server) => {
    seen.push((server as unknown as { username: string | null }).username);
    return connect(server);
  };
  const r = await runCtl(s, 'status', { interactive: true, term });
  assert.deepEqual(term.prompts, ['Username:', 'Password:']);
  assert.equal(r.stdout, 'Server requires authentication\n\n');
  assert.deepEqual(seen, [null, 'user']);
  assert.equal(r.controller.server.password, 'secret');
});

test('other HTTP statuses are error lines', async () => {
  const r = await runCtl(new FakeServer().on('supervisor.getVersion', httpStatus(500, 'Internal Server Error')), 'version');
  assert.match(r.stdout, /^error: <class 'xmlrpc\.client\.ProtocolError'>, <ProtocolError for 127\.0\.0\.1\/RPC2: 500 Internal Server Error>/);
  assert.equal(r.status, 1);
});

test('commands without upcheck show connection failures as Python exception lines', async () => {
  const s = new FakeServer().on('supervisor.reloadConfig', () => {
    throw new ConnectionFailure('ENOENT', 'connect ENOENT /x');
  });
  const r = await runCtl(s, 'reread');
  assert.match(r.stdout, /^error: <class 'FileNotFoundError'>, \[Errno 2\] No such file or directory: file: \S+ line: \d+\n$/);
  assert.equal(r.status, 1);
});

test('a bad serverurl scheme fails when the command first connects, as a ValueError line', async () => {
  const r = await runCtl(new FakeServer(), 'status', { server: { serverurl: 'https://127.0.0.1:9', username: null, password: null } });
  assert.match(r.stdout, /^error: <class 'ValueError'>, Unknown protocol for serverurl https:\/\/127\.0\.0\.1:9: file: /);
  assert.equal(r.status, 1);
});

test('--json: an exception is a JSON error with the fault fields', async () => {
  const s = new FakeServer().on('supervisor.getSupervisorVersion', () => {
    throw new ConnectionFailure('ECONNRESET', 'read ECONNRESET');
  });
  const r = await runCtl(s, 'version', { json: true });
  const doc = JSON.parse(r.stdout) as { error: { type: string; text: string; message: string } };
  assert.equal(doc.error.type, 'ConnectionResetError');
  assert.equal(doc.error.text, '[Errno 104] Connection reset by peer');
  assert.match(doc.error.message, /^error: <class 'ConnectionResetError'>/);
});

test('--json does not change write verbs', async () => {
  const r = await runCtl(new FakeServer().on('supervisor.startProcess', true), 'start x', { json: true });
  assert.equal(r.stdout, 'x: started\n');
});

test('the session status keeps the last failure across commands', async () => {
  const s = new FakeServer().on('supervisor.getAllProcessInfo', [info('a', 'a', 'RUNNING')]);
  const r = await runCtl(s, ['foo', 'status']);
  assert.equal(r.status, 1);
});
