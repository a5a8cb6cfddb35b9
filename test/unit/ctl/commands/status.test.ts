// status against a fake server: supervisorctl's lines, filtering, exit codes 0/3/4, upcheck.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeServer, fault, info, lines, noSuchFile, refused, runCtl } from '../harness.js';

const ALL = [
  info('exit0', 'exit0', 'STOPPED'),
  info('grp', 'g1', 'RUNNING'),
  info('grp', 'g2', 'STOPPED'),
  info('sleeper', 'sleeper', 'RUNNING', { pid: 77, description: 'pid 77, uptime 1 day, 0:00:05' }),
];

function server(): FakeServer {
  return new FakeServer().on('supervisor.getAllProcessInfo', ALL);
}

test('status makes getVersion then getAllProcessInfo and prints every process', async () => {
  const r = await runCtl(server(), 'status');
  assert.deepEqual(r.methods, ['getVersion', 'getAllProcessInfo']);
  assert.deepEqual(lines(r.stdout), [
    'exit0                            STOPPED   Not started',
    'grp:g1                           RUNNING   pid 4242, uptime 0:01:40',
    'grp:g2                           STOPPED   Not started',
    'sleeper                          RUNNING   pid 77, uptime 1 day, 0:00:05',
  ]);
  assert.equal(r.status, 3);
});

test('status exits 0 when every shown process is running', async () => {
  const r = await runCtl(server(), 'status sleeper grp:g1');
  assert.equal(r.status, 0);
  assert.deepEqual(lines(r.stdout).map((l) => l.split(/\s+/)[0]), ['sleeper', 'grp:g1']);
});

test('status prints unknown names first and exits 4', async () => {
  const r = await runCtl(server(), 'status nosuch sleeper nosuch:*');
  assert.deepEqual(lines(r.stdout).slice(0, 2), ['nosuch: ERROR (no such process)', 'nosuch: ERROR (no such group)']);
  assert.equal(r.status, 4);
});

test('status: a stopped process shown after an unknown name makes it 3, not 4', async () => {
  const r = await runCtl(server(), 'status nosuch exit0');
  assert.equal(r.status, 3);
});

test('status g:* lists the group in server order; overlapping names repeat a process', async () => {
  const r = await runCtl(server(), 'status sleeper grp:g1 grp:*');
  assert.deepEqual(lines(r.stdout).map((l) => l.split(/\s+/)[0]), ['sleeper', 'grp:g1', 'grp:g1', 'grp:g2']);
});

test('status all ignores the other names', async () => {
  const r = await runCtl(server(), 'status nosuch all');
  assert.equal(lines(r.stdout).length, 4);
  assert.equal(r.status, 3);
});

test('status of g:p prints the argument as typed when unknown, and `:x` has an empty group', async () => {
  const r = await runCtl(server(), 'status grp:nope');
  assert.equal(r.stdout, 'grp:nope: ERROR (no such process)\n');
  const s = await runCtl(server(), 'status:foo');
  assert.equal(s.stdout, ':foo: ERROR (no such process)\n');
});

test('status: refused connection prints `<url> refused connection` and exits 4', async () => {
  const r = await runCtl(new FakeServer().on('supervisor.getVersion', refused()), 'status');
  assert.equal(r.stdout, 'unix:///tmp/fake.sock refused connection\n');
  assert.equal(r.status, 4);
});

test('status: missing socket prints `<url> no such file` and still exits 4', async () => {
  const r = await runCtl(new FakeServer().on('supervisor.getVersion', noSuchFile()), 'status');
  assert.equal(r.stdout, 'unix:///tmp/fake.sock no such file\n');
  assert.equal(r.status, 4);
});

test('status during shutdown: SHUTDOWN_STATE escapes as an error line, exit 1', async () => {
  const r = await runCtl(new FakeServer().on('supervisor.getVersion', fault(6, 'SHUTDOWN_STATE')), 'status');
  assert.match(r.stdout, /^error: <class 'xmlrpc\.client\.Fault'>, <Fault 6: 'SHUTDOWN_STATE'>: file: .+ line: \d+\n$/);
  assert.equal(r.status, 1);
});

test('status with an old API version: the Sorry line, exit 4', async () => {
  const r = await runCtl(new FakeServer().on('supervisor.getVersion', '2.0'), 'status');
  assert.equal(r.stdout, 'Sorry, this version of supervisorctl expects to talk to a server with API version 3.0, but the remote version is 2.0.\n');
  assert.equal(r.status, 4);
});

test('status without the supervisor namespace: the rpcinterface message, exit 4', async () => {
  const r = await runCtl(new FakeServer().on('supervisor.getVersion', fault(1, 'UNKNOWN_METHOD')), 'status');
  assert.match(r.stdout, /^Sorry, supervisord responded but did not recognize the supervisor namespace commands/);
  assert.equal(r.status, 4);
});

test('status on a terminal draws the table and asks for tend.getProcessStats', async () => {
  const s = server().on('tend.getProcessStats', [{ name: 'g1', group: 'grp', pid: 4242, restarts: 2, cpu_percent: 1.25, rss_bytes: 3 * 1024 * 1024 }]);
  const r = await runCtl(s, 'status grp:g1', { isTty: true });
  assert.deepEqual(r.methods, ['getVersion', 'getAllProcessInfo', 'tend.getProcessStats']);
  assert.match(r.stdout, /NAME/);
  assert.match(r.stdout, /grp:g1/);
  assert.match(r.stdout, /1\.3%|1\.2%/);
  assert.match(r.stdout, /3\.0 MiB/);
  assert.equal(r.status, 0);
});

test('status on a terminal against supervisord: no stats method, blank columns, same exit code', async () => {
  const r = await runCtl(server(), 'status', { isTty: true });
  assert.match(r.stdout, /sleeper/);
  assert.doesNotMatch(r.stdout, /MiB/);
  assert.equal(r.status, 3);
});

test('status on a terminal looks up exitcodes only when an EXITED process is shown', async () => {
  const s = new FakeServer()
    .on('supervisor.getAllProcessInfo', [info('x', 'x', 'EXITED', { exitstatus: 2, description: 'Nov 21 06:57 PM' })])
    .on('supervisor.getAllConfigInfo', [{ name: 'x', group: 'x', inuse: true, autostart: true, group_prio: 999, process_prio: 999, exitcodes: [0, 2] }]);
  const r = await runCtl(s, 'status', { isTty: true, color: true });
  assert.ok(r.methods.includes('getAllConfigInfo'));
  assert.match(r.stdout, /\x1b\[2mEXITED/, 'an expected exit is dim');
});

test('status --json prints processes with namespec and stats, and the unknown names', async () => {
  const r = await runCtl(server(), 'status sleeper nosuch', { json: true });
  const doc = JSON.parse(r.stdout) as { processes: { namespec: string; pid: number; stats: unknown }[]; errors: unknown[] };
  assert.equal(doc.processes.length, 1);
  assert.equal(doc.processes[0]!.namespec, 'sleeper');
  assert.equal(doc.processes[0]!.pid, 77);
  assert.equal(doc.processes[0]!.stats, null);
  assert.deepEqual(doc.errors, [{ name: 'nosuch', error: 'no such process' }]);
  assert.equal(r.status, 4);
});

test('status --json: an upcheck failure is one JSON error document', async () => {
  const r = await runCtl(new FakeServer().on('supervisor.getVersion', refused()), 'status', { json: true });
  assert.deepEqual(JSON.parse(r.stdout), { error: { message: 'unix:///tmp/fake.sock refused connection' } });
  assert.equal(r.status, 4);
});
