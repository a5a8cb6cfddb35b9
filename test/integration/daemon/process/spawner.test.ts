// The Node spawner against real processes: what the child sees (argv, env, cwd, umask, ids,
// stdio) and how failures come back as data.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { createNodeSpawner } from '../../../../packages/daemon/src/process/spawner.js';
import type { NodeSpawner } from '../../../../packages/daemon/src/process/spawner.js';
import { buildChildEnv } from '../../../../packages/daemon/src/process/env.js';
import { findSetpriv } from '../../../../packages/daemon/src/process/privileges.js';
import { Collected, fixture, isAlive, nextSpawnId, nodeRequest, spawnOk, waitForExit, waitUntilDead } from './spawn-harness.js';

const NOBODY = 65534;
const IS_ROOT = process.getuid?.() === 0;

function makeSpawner(t: TestContext, opts: Parameters<typeof createNodeSpawner>[0] = {}): NodeSpawner {
  const spawner = createNodeSpawner(opts);
  t.after(() => spawner.dispose());
  return spawner;
}

function tempDir(t: TestContext): string {
  const dir = mkdtempSync(join(tmpdir(), 'tend-spawner-'));
  chmodSync(dir, 0o755);
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function runToEnd(t: TestContext, spawner: NodeSpawner, req: Parameters<NodeSpawner['spawn']>[0]) {
  const child = spawnOk(t, spawner, req);
  const out = new Collected(child.stdout);
  const err = new Collected(child.stderr);
  const status = await waitForExit(child);
  return { child, status, out, err };
}

test('argv[0] is kept as written and the arguments are passed without a shell', async (t) => {
  const spawner = makeSpawner(t);
  const args = ['$HOME', 'a b', '*', '', '"q"'];
  const { status, out } = await runToEnd(t, spawner, nodeRequest('print-argv.mjs', args, {}));
  assert.deepEqual(status, { code: 0, signal: null });
  assert.deepEqual(JSON.parse(out.text), { argv0: 'node', args });
});

test('the child environment is exactly the one requested', async (t) => {
  const spawner = makeSpawner(t);
  const env = buildChildEnv({
    daemonEnv: { PATH: '/usr/bin:/bin', 'odd-name': 'x', IFS: 'z', PWD: '/nonexistent' }, serverUrl: 'unix:///tmp/x.sock',
    processName: 'web_0', groupName: 'web', programEnv: { A: '1', EMPTY: '' }, user: null, spawnId: nextSpawnId(),
  });
  const { out } = await runToEnd(t, spawner, nodeRequest('print-env.mjs', [], { env }));
  assert.deepEqual(JSON.parse(out.text), env);
});

test('a NUL byte anywhere in the command, argv, directory or environment is a spawn error, not a crash', (t) => {
  const spawner = makeSpawner(t);
  const base = nodeRequest('print-argv.mjs', [], {});
  const cases: Array<[string, Parameters<NodeSpawner['spawn']>[0]]> = [
    ['file', { ...base, file: `${base.file}\0x` }],
    ['argv', { ...base, argv: [...base.argv, 'a\0b'] }],
    ['cwd', { ...base, cwd: '/tmp\0x' }],
    ['env value', { ...base, env: { ...base.env, A: 'x\0y' } }],
    ['env name', { ...base, env: { ...base.env, 'A\0B': 'x' } }],
  ];
  for (const [what, req] of cases) {
    const r = spawner.spawn(req);
    assert.deepEqual(r, { ok: false, error: `couldn't exec ${req.argv[0]}: embedded null byte` }, what);
  }
});

test('the child runs in directory= and a relative command is exec\'d from there', async (t) => {
  const spawner = makeSpawner(t);
  const dir = tempDir(t);
  const { out } = await runToEnd(t, spawner, nodeRequest('print-cwd.mjs', [], { cwd: dir }));
  assert.equal(out.text.trim(), dir);
});

test('umask= is applied to the child and the daemon keeps its own', async (t) => {
  const spawner = makeSpawner(t);
  // Read the daemon's umask without the deprecated no-argument process.umask().
  const before = process.umask(0o022);
  process.umask(before);
  const { out } = await runToEnd(t, spawner, nodeRequest('print-umask.mjs', [], { umask: 0o077 }));
  assert.equal(out.text.trim(), '0077');
  const after = process.umask(before);
  assert.equal(after, before);
});

test('each child leads its own session and process group', async (t) => {
  const spawner = makeSpawner(t);
  const child = spawnOk(t, spawner, nodeRequest('sleep-forever.mjs'));
  const stat = readFileSync(`/proc/${child.pid}/stat`, 'latin1');
  const [pgid, sid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ').slice(2, 4).map(Number);
  assert.equal(pgid, child.pid);
  assert.equal(sid, child.pid);
  process.kill(child.pid, 'SIGKILL');
  assert.deepEqual(await waitForExit(child), { code: null, signal: 'SIGKILL' });
});

test('stdio are pipes, and with redirectStderr fd 2 is the very pipe of fd 1', async (t) => {
  const spawner = makeSpawner(t);
  for (const redirectStderr of [false, true]) {
    const child = spawnOk(t, spawner, nodeRequest('sleep-forever.mjs', [], { redirectStderr }));
    const links = [0, 1, 2].map((fd) => readlinkSync(`/proc/${child.pid}/fd/${fd}`));
    for (const fd of [0, 1, 2]) assert.ok(statSync(`/proc/${child.pid}/fd/${fd}`).isFIFO(), `fd ${fd} is a pipe`);
    assert.equal(links[1] === links[2], redirectStderr, `fd 1 ${links[1]} vs fd 2 ${links[2]}`);
    assert.equal(child.stderr === null, redirectStderr);
    process.kill(child.pid, 'SIGKILL');
    await waitForExit(child);
  }
});

test('redirectStderr preserves the order of interleaved stdout and stderr writes', async (t) => {
  const spawner = makeSpawner(t);
  const { out } = await runToEnd(t, spawner, nodeRequest('alternate-output.mjs', ['400'], { redirectStderr: true }));
  const expected = Array.from({ length: 400 }, (_, i) => `${i} ${i % 2 === 0 ? 'out' : 'err'}\n`).join('');
  assert.equal(out.text, expected);
});

test('without redirectStderr the two streams arrive separately', async (t) => {
  const spawner = makeSpawner(t);
  const { out, err } = await runToEnd(t, spawner, nodeRequest('alternate-output.mjs', ['10']));
  assert.equal(out.text, '0 out\n2 out\n4 out\n6 out\n8 out\n');
  assert.equal(err.text, '1 err\n3 err\n5 err\n7 err\n9 err\n');
});

test('stdin stays open: the child reads what is written and never sees EOF while running', async (t) => {
  const spawner = makeSpawner(t);
  const child = spawnOk(t, spawner, nodeRequest('echo-stdin.mjs'));
  const out = new Collected(child.stdout);
  await out.waitForLine(/^ready$/m);
  child.stdin.write('ping\n');
  await out.waitForLine(/^got ping$/m);
  child.stdin.write('pong\n');
  await out.waitForLine(/^got pong$/m);
  assert.ok(isAlive(child.pid));
  assert.doesNotMatch(out.text, /stdin EOF/);
  process.kill(child.pid, 'SIGKILL');
  assert.deepEqual(await waitForExit(child), { code: null, signal: 'SIGKILL' });
});

test('onExit fires once, after all trailing output was read', async (t) => {
  const spawner = makeSpawner(t);
  const size = 3 * 1024 * 1024 + 7;
  const child = spawnOk(t, spawner, nodeRequest('spew-then-exit.mjs', [String(size)]));
  const out = new Collected(child.stdout);
  let calls = 0;
  child.onExit(() => (calls += 1));
  const status = await waitForExit(child);
  assert.deepEqual(status, { code: 0, signal: null });
  assert.equal(out.bytes, size);
  assert.equal(calls, 1);
  // A listener registered after the report still gets it.
  assert.deepEqual(await waitForExit(child), status);
});

test('a grandchild holding the pipes delays the exit report only by the EOF grace', async (t) => {
  const spawner = makeSpawner(t, { eofGraceMs: 50 });
  const req = nodeRequest('exit-leaving-grandchild.mjs');
  const child = spawnOk(t, spawner, req);
  const out = new Collected(child.stdout);
  const status = await waitForExit(child, 5_000);
  assert.deepEqual(status, { code: 0, signal: null });
  const [, pid] = await out.waitForLine(/^grandchild (\d+)$/m);
  await out.waitForLine(/^ready \d+$/m);
  assert.equal(out.closed, false);
  // The stream keeps delivering the grandchild's output after the exit was reported.
  process.kill(Number(pid), 'SIGUSR1');
  await out.waitForLine(new RegExp(`^usr1 ${pid}$`, 'm'));
  process.kill(Number(pid), 'SIGKILL');
  await out.waitForClose();
  await waitUntilDead([Number(pid)]);
});

test('user= with supplementary groups runs the child with that uid, gid and groups', { skip: !IS_ROOT && 'needs root' }, async (t) => {
  if (findSetpriv() === null) assert.fail('util-linux setpriv is not installed (/usr/bin/setpriv)');
  const spawner = makeSpawner(t);
  const user = { uid: NOBODY, gid: NOBODY, groups: [NOBODY, 100, 4] };
  const { status, out } = await runToEnd(t, spawner, nodeRequest('print-ids.mjs', [], { user }));
  assert.deepEqual(status, { code: 0, signal: null });
  assert.deepEqual(JSON.parse(out.text), {
    uid: [NOBODY, NOBODY, NOBODY, NOBODY], gid: [NOBODY, NOBODY, NOBODY, NOBODY], groups: [4, 100, NOBODY],
  });
});

test('user= without supplementary groups uses Node\'s own uid/gid, keeping argv[0]', { skip: !IS_ROOT && 'needs root' }, async (t) => {
  const spawner = makeSpawner(t);
  const user = { uid: NOBODY, gid: NOBODY, groups: [NOBODY] };
  const ids = await runToEnd(t, spawner, nodeRequest('print-ids.mjs', [], { user }));
  assert.deepEqual(JSON.parse(ids.out.text).uid, [NOBODY, NOBODY, NOBODY, NOBODY]);
  const argv = await runToEnd(t, spawner, nodeRequest('print-argv.mjs', ['x'], { user }));
  assert.deepEqual(JSON.parse(argv.out.text), { argv0: 'node', args: ['x'] });
});

test('user= gets HOME, USER and LOGNAME of that user, and its pipes stay reachable via /dev/stdout', { skip: !IS_ROOT && 'needs root' }, async (t) => {
  const spawner = makeSpawner(t);
  const env = buildChildEnv({
    daemonEnv: { PATH: '/usr/bin:/bin', HOME: '/root' }, serverUrl: null, processName: 'p', groupName: 'p',
    programEnv: {}, user: { name: 'nobody', home: '/nonexistent' }, spawnId: nextSpawnId(),
  });
  const user = { uid: NOBODY, gid: NOBODY, groups: [NOBODY, 100] };
  const { out } = await runToEnd(t, spawner, nodeRequest('print-env.mjs', [], { env, user }));
  assert.deepEqual(JSON.parse(out.text), env);
  const sh = await runToEnd(t, spawner, {
    ...nodeRequest('print-env.mjs', [], { user }), file: '/bin/sh', argv: ['sh', '-c', 'echo via-dev-stdout > /dev/stdout'],
  });
  assert.equal(sh.out.text, 'via-dev-stdout\n');
});

test('spawn failures are data: a missing directory', async (t) => {
  const spawner = makeSpawner(t);
  const r = spawner.spawn(nodeRequest('print-cwd.mjs', [], { cwd: '/nonexistent/dir' }));
  assert.deepEqual(r, { ok: false, error: "couldn't chdir to /nonexistent/dir: ENOENT" });
  const file = join(tempDir(t), 'file');
  writeFileSync(file, '');
  assert.deepEqual(spawner.spawn(nodeRequest('print-cwd.mjs', [], { cwd: file })), { ok: false, error: `couldn't chdir to ${file}: ENOTDIR` });
});

test('spawn failures are data: a script whose interpreter is missing', async (t) => {
  const spawner = makeSpawner(t);
  const script = join(tempDir(t), 'bad-shebang');
  writeFileSync(script, '#!/nonexistent/interpreter\n');
  chmodSync(script, 0o755);
  const r = spawner.spawn({ ...nodeRequest('print-cwd.mjs'), file: script, argv: ['bad-shebang'] });
  assert.deepEqual(r, { ok: false, error: "couldn't exec bad-shebang: ENOENT" });
});

test('spawn failures are data: no permission for user=', { skip: !IS_ROOT && 'needs root' }, async (t) => {
  const spawner = makeSpawner(t);
  const dir = tempDir(t);
  const script = join(dir, 'root-only');
  writeFileSync(script, '#!/bin/sh\necho hi\n');
  chmodSync(script, 0o700);
  const user = { uid: NOBODY, gid: NOBODY, groups: [NOBODY] };
  const r = spawner.spawn({ ...nodeRequest('print-cwd.mjs', [], { user }), file: script, argv: [script] });
  assert.deepEqual(r, { ok: false, error: `couldn't exec ${script}: EACCES` });
  const closed = join(dir, 'closed');
  mkdirSync(closed, { mode: 0o700 });
  const r2 = spawner.spawn(nodeRequest('print-cwd.mjs', [], { user, cwd: closed }));
  assert.deepEqual(r2, { ok: false, error: `couldn't chdir to ${closed}: EACCES` });
});

test('a relative file without a slash is exec\'d from the directory, never searched on PATH', async (t) => {
  const spawner = makeSpawner(t);
  const dir = tempDir(t);
  const r = spawner.spawn({ ...nodeRequest('print-cwd.mjs', [], { cwd: dir }), file: 'node', argv: ['node', fixture('print-cwd.mjs')] });
  assert.deepEqual(r, { ok: false, error: "couldn't exec node: ENOENT" });
});

test('a spawn failure leaves no file descriptor behind in the daemon', async (t) => {
  const spawner = makeSpawner(t);
  spawner.spawn(nodeRequest('print-cwd.mjs', [], { cwd: '/nonexistent' }));
  const fds = (): number => readdirSync('/proc/self/fd').length;
  const before = fds();
  for (let i = 0; i < 20; i++) spawner.spawn(nodeRequest('print-cwd.mjs', [], { cwd: '/nonexistent' }));
  const script = join(tempDir(t), 'bad');
  writeFileSync(script, '#!/nonexistent\n');
  chmodSync(script, 0o755);
  for (let i = 0; i < 20; i++) spawner.spawn({ ...nodeRequest('print-cwd.mjs'), file: script, argv: [script] });
  // The FIFO pool may be refilling in the background (an mkfifo child holds 3 pipes until it
  // exits): a leak never goes away, those do. /proc has no change notification, so re-check.
  const deadline = Date.now() + 5_000;
  while (fds() > before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  assert.ok(fds() <= before, `open fds ${before} -> ${fds()}`);
});
