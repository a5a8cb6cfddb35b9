// version, open, help, quit/exit/EOF against a fake server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeServer, fault, info, lines, runCtl } from '../harness.js';

test('version: getVersion then getSupervisorVersion', async () => {
  const r = await runCtl(new FakeServer().on('supervisor.getSupervisorVersion', '4.2.5'), 'version');
  assert.deepEqual(r.methods, ['getVersion', 'getSupervisorVersion']);
  assert.equal(r.stdout, '4.2.5\n');
  const j = await runCtl(new FakeServer().on('supervisor.getSupervisorVersion', '4.2.5'), 'version', { json: true });
  assert.deepEqual(JSON.parse(j.stdout), { version: '4.2.5' });
  const a = await runCtl(new FakeServer(), 'version x');
  assert.equal(a.stdout, 'Error: version accepts no arguments\nversion\t\t\tShow the version of the remote supervisord process\n');
  assert.equal(a.status, 1);
});

test('open: only http:// and unix://; it switches the server and runs status, keeping the exit status', async () => {
  const s = new FakeServer().on('supervisor.getAllProcessInfo', [info('x', 'x', 'STOPPED')]);
  const bad = await runCtl(s, 'open ftp://x');
  assert.equal(bad.stdout, 'ERROR: url must be http:// or unix://\n');
  assert.equal(bad.status, 1);
  const r = await runCtl(s, 'open unix:///tmp/other.sock');
  assert.equal(r.stdout, 'x                                STOPPED   Not started\n');
  assert.equal(r.status, 0, 'status would exit 3, open keeps the previous status');
  assert.equal(s.connections.at(-1), 'unix:///tmp/other.sock');
  assert.equal(r.controller.server.serverurl, 'unix:///tmp/other.sock');
});

test('open: an accepted scheme that the transport refuses (HTTP://) is an error line', async () => {
  const r = await runCtl(new FakeServer(), 'open HTTP://localhost:9001');
  assert.match(r.stdout, /^error: <class 'ValueError'>, Unknown protocol for serverurl HTTP:\/\/localhost:9001: file: /);
  assert.equal(r.status, 1);
});

test('help lists the documented verbs in cmd columns, trailing spaces kept', async () => {
  const r = await runCtl(new FakeServer(), 'help');
  assert.equal(r.stdout, [
    '',
    'default commands (type help <topic>):',
    '=====================================',
    'add    exit      open  reload  restart   start   tail   ',
    'avail  fg        pid   remove  shutdown  status  update ',
    'clear  maintail  quit  reread  signal    stop    version',
    '',
    '',
  ].join('\n'));
  assert.equal((await runCtl(new FakeServer(), '?')).stdout, r.stdout);
});

test('help topics, help help, unknown topics and EOF', async () => {
  assert.equal((await runCtl(new FakeServer(), 'help help')).stdout, 'help\t\tPrint a list of available actions\nhelp <action>\tPrint help for <action>\n');
  assert.equal((await runCtl(new FakeServer(), 'help foo')).stdout, '*** No help on foo\n');
  assert.equal((await runCtl(new FakeServer(), 'help EOF')).stdout, '*** No help on EOF\n');
  assert.equal((await runCtl(new FakeServer(), 'help quit')).stdout, 'quit\tExit the supervisor shell.\n');
  assert.deepEqual(lines((await runCtl(new FakeServer(), 'help open')).stdout), ['open <url>\tConnect to a remote supervisord process.', '\t\t(for UNIX domain socket, use unix:///socket/path)']);
  assert.deepEqual(lines((await runCtl(new FakeServer(), 'help fg')).stdout), ['fg <process>\tConnect to a process in foreground mode', '\t\tCtrl-C to exit']);
  assert.equal((await runCtl(new FakeServer(), 'help add')).stdout, 'add <name> [...]\tActivates any updates in config for process/group\n');
  assert.equal((await runCtl(new FakeServer(), 'help remove')).stdout, 'remove <name> [...]\tRemoves process/group from active config\n');
  assert.equal((await runCtl(new FakeServer(), 'help pid')).stdout, 'pid\t\t\tGet the PID of supervisord.\npid <name>\t\tGet the PID of a single child process by name.\npid all\t\t\tGet the PID of every child process, one per line.\n');
  assert.equal((await runCtl(new FakeServer(), 'help update')).stdout, 'update\t\t\tReload config and add/remove as necessary, and will restart affected programs\nupdate all\t\tReload config and add/remove as necessary, and will restart affected programs\nupdate <gname> [...]\tUpdate specific groups\n');
  assert.equal((await runCtl(new FakeServer(), 'help status')).stdout, 'status <name>\t\tGet status for a single process\nstatus <gname>:*\tGet status for all processes in a group\nstatus <name> <name>\tGet status for multiple named processes\nstatus\t\t\tGet all process status info\n');
});

test('quit, exit and EOF print an empty line and end the shell', async () => {
  for (const verb of ['quit', 'exit', 'EOF']) {
    const s = new FakeServer();
    const r = await runCtl(s, []);
    const out = await r.controller.onecmd(verb);
    assert.deepEqual(out, { endsShell: true });
    assert.equal(r.term.out, '\n');
  }
});

test('a fault that escapes a command is an error line; the status during it is 1', async () => {
  const r = await runCtl(new FakeServer().on('supervisor.getSupervisorVersion', fault(6, 'SHUTDOWN_STATE')), 'version');
  assert.match(r.stdout, /^error: <class 'xmlrpc\.client\.Fault'>, <Fault 6: 'SHUTDOWN_STATE'>: file: \S+ line: \d+\n$/);
  assert.equal(r.status, 1);
});
