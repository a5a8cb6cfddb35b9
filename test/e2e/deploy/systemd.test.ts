// tendd under systemd: the shipped unit (contrib/systemd/tendd.service) passes
// `systemd-analyze verify` and says what the README says it does; sd_notify readiness
// (packages/daemon/src/os/sd-notify.ts) delivers READY=1 the way systemd reads it; the unit's
// ExecStart and ExecReload lines, run as systemd would run them, do what they claim.
//
// There is no systemd to run the unit here (tests run in containers): systemd's side of the
// notify protocol is played by test/fixtures/deploy/notify-socket.py, a unix datagram socket with
// SO_PASSCRED that reports each datagram's fields and its sender's pid as the kernel gives them
// to systemd, and answers systemd-notify's BARRIER=1 as systemd does (closing the fd it carries).
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { REPO, TENDCTL, TENDD } from '../../helpers/bins.js';
import { fixture, startDaemon, waitForFileMatch, withDeadline, type DaemonHandle } from '../../helpers/daemon.js';
import { checkExecutable, requireTool } from '../../helpers/tools.js';
import {
  isSettled, notifyReady, notifyStatus, notifyStopping, sdNotify, settledStatus, takeNotifySocket, whenSettled, type SettleView,
} from '../../../packages/daemon/src/os/sd-notify.js';

const UNIT = join(REPO, 'contrib/systemd/tendd.service');
const SYSTEMD_ANALYZE = '/usr/bin/systemd-analyze';
const SYSTEMD_NOTIFY = '/usr/bin/systemd-notify';
const PYTHON = '/usr/bin/python3';
const SETPRIV = '/usr/bin/setpriv';
const NOTIFY_SOCKET_PY = join(REPO, 'test/fixtures/deploy/notify-socket.py');
const NOTIFY_LIKE_GUNICORN = join(REPO, 'test/fixtures/deploy/notify-like-gunicorn.mjs');

// ---------------------------------------------------------------------------------------------
// Helpers

function tempDir(t: TestContext, prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** The unit's [Service] (and other) keys: key → values in order (a key may repeat, e.g. ExecReload). */
function parseUnit(text: string): Map<string, string[]> {
  const keys = new Map<string, string[]>();
  let section = '';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const s = /^\[(.+)\]$/.exec(line);
    if (s) {
      section = s[1] ?? '';
      continue;
    }
    const eq = line.indexOf('=');
    const key = `${section}.${line.slice(0, eq)}`;
    keys.set(key, [...(keys.get(key) ?? []), line.slice(eq + 1)]);
  }
  return keys;
}

function one(unit: Map<string, string[]>, key: string): string {
  const v = unit.get(key);
  assert.equal(v?.length, 1, `${key} is set once`);
  return v?.[0] ?? '';
}

/** `systemd-analyze verify FILE`: its status and the lines of its output that concern FILE's unit. */
function verify(file: string): { status: number | null; problems: string[] } {
  const r = spawnSync(SYSTEMD_ANALYZE, ['verify', file], { encoding: 'utf8', timeout: 60_000 });
  const name = file.slice(file.lastIndexOf('/') + 1);
  const problems = `${r.stdout}${r.stderr}`.split('\n').filter((l) => l.includes(file) || l.includes(name));
  return { status: r.status, problems };
}

/** A unit file's text with its ExecStart/ExecReload pointed at this checkout's binaries (absolute paths that exist). */
function pointedAtCheckout(text: string): string {
  return text
    .replace(/^ExecStart=\/usr\/bin\/env tendd /m, `ExecStart=${TENDD} `)
    .replace(/^ExecReload=\/usr\/bin\/env tendctl /gm, `ExecReload=${TENDCTL} `);
}

interface NotifyMessage {
  readonly pid: number | null;
  readonly uid: number | null;
  readonly fields: Readonly<Record<string, string>>;
  readonly fds: number;
  /** Wall-clock ms when the fake systemd read it. */
  readonly at: number;
}

interface FakeSystemd {
  readonly socket: string;
  /** Every datagram so far, BARRIER=1 ones included. */
  messages(): NotifyMessage[];
  /** Datagrams other than BARRIER=1. */
  notifications(): NotifyMessage[];
  waitFor(what: string, check: (ms: NotifyMessage[]) => boolean, timeoutMs?: number): Promise<NotifyMessage[]>;
}

/** systemd's end of the notify socket (notify-socket.py at <dir>/notify.sock); stopped in cleanup. */
async function fakeSystemd(t: TestContext, dir: string): Promise<FakeSystemd> {
  const socket = join(dir, 'notify.sock');
  const child = spawn(PYTHON, [NOTIFY_SOCKET_PY, socket], { stdio: ['pipe', 'pipe', 'pipe'] });
  const messages: NotifyMessage[] = [];
  let out = '';
  let err = '';
  const checkers = new Set<() => void>();
  let listening!: () => void;
  const bound = new Promise<void>((resolve) => { listening = resolve; });
  child.stdout.setEncoding('utf8').on('data', (s: string) => {
    out += s;
    let nl: number;
    while ((nl = out.indexOf('\n')) >= 0) {
      const line = out.slice(0, nl);
      out = out.slice(nl + 1);
      if (line === 'listening') listening();
      else messages.push(JSON.parse(line) as NotifyMessage);
    }
    for (const c of [...checkers]) c();
  });
  child.stderr.setEncoding('utf8').on('data', (s: string) => { err += s; });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  t.after(async () => {
    child.stdin.end(); // it exits when stdin closes
    await withDeadline(exited, 5_000, 'notify-socket.py to exit').catch(() => {
      if (child.exitCode === null) child.kill('SIGKILL');
    });
  });
  await withDeadline(Promise.race([bound, exited.then(() => { throw new Error(`notify-socket.py exited: ${err}`); })]), 10_000, 'the fake notify socket to be bound');
  const notifications = (): NotifyMessage[] => messages.filter((m) => m.fields['BARRIER'] !== '1');
  return {
    socket,
    messages: () => [...messages],
    notifications,
    waitFor: (what, check, timeoutMs = 10_000) => new Promise((resolve, reject) => {
      const run = (): void => {
        if (!check(notifications())) return;
        done();
        resolve(notifications());
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; got ${JSON.stringify(messages)}; stderr: ${err}`));
      }, timeoutMs);
      const done = (): void => {
        clearTimeout(timer);
        checkers.delete(run);
      };
      checkers.add(run);
      run();
    }),
  };
}

function requireNotifyTools(t: TestContext): boolean {
  return requireTool(t, SYSTEMD_NOTIFY, 'sd_notify readiness goes through systemd-notify (apt-get install systemd)')
    && requireTool(t, PYTHON, 'the fake systemd notify socket is a Python script (Node has no unix datagram sockets)');
}

function isRoot(): boolean {
  return process.getuid?.() === 0;
}

/** Runs `node TENDCTL args` without blocking the event loop (tendd, our child, keeps logging). */
function tendctlAsync(args: readonly string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return withDeadline(new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [TENDCTL, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => { stdout += s; });
    child.stderr.setEncoding('utf8').on('data', (s: string) => { stderr += s; });
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  }), 30_000, `tendctl ${args.join(' ')}`);
}

function pidOf(d: DaemonHandle, name: string): number {
  const pids = d.lines().map((l) => new RegExp(`^spawned: '${name}' with pid (\\d+)$`).exec(l.message)?.[1]).filter((p) => p !== undefined);
  return Number(pids.at(-1) ?? 0);
}

/** ExecStart's argv after `/usr/bin/env tendd`, with the unit's config path replaced by `conf`. */
function execStartArgs(conf: string): string[] {
  const unit = parseUnit(readFileSync(UNIT, 'utf8'));
  const argv = one(unit, 'Service.ExecStart').split(/\s+/);
  assert.deepEqual(argv.slice(0, 2), ['/usr/bin/env', 'tendd']);
  const args = argv.slice(2);
  const c = args.indexOf('-c');
  assert.ok(c >= 0 && args[c + 1] === '/etc/supervisor/supervisord.conf', 'ExecStart names the config with -c');
  args[c + 1] = conf;
  return args;
}

/** The ExecReload lines as argv lists for this checkout's tendctl, the config path replaced by `conf`. */
function execReloadArgs(conf: string): string[][] {
  const unit = parseUnit(readFileSync(UNIT, 'utf8'));
  return (unit.get('Service.ExecReload') ?? []).map((line) => {
    const argv = line.split(/\s+/);
    assert.deepEqual(argv.slice(0, 2), ['/usr/bin/env', 'tendctl']);
    return argv.slice(2).map((a) => (a === '/etc/supervisor/supervisord.conf' ? conf : a));
  });
}

function daemonConf(programs: string): string {
  return `[unix_http_server]
file=%(here)s/tend.sock

[supervisord]
logfile=%(here)s/tendd.log
pidfile=%(here)s/tendd.pid
childlogdir=%(here)s

[rpcinterface:supervisor]
supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface

[supervisorctl]
serverurl=unix://%(here)s/tend.sock

[include]
files = conf.d/*.conf

${programs}`;
}

// ---------------------------------------------------------------------------------------------
// The unit file

test('systemd-analyze verify accepts contrib/systemd/tendd.service, with no warning about it', (t) => {
  if (!requireTool(t, SYSTEMD_ANALYZE, 'the unit is checked by systemd\'s own parser (apt-get install systemd)')) return;
  // As shipped: ExecStart=/usr/bin/env tendd … (verify checks that /usr/bin/env is executable).
  assert.deepEqual(verify(UNIT), { status: 0, problems: [] });

  // Pointed at this checkout's binaries, the way a packager with absolute paths would ship it.
  const dir = tempDir(t, 'tend-unit-');
  const text = readFileSync(UNIT, 'utf8');
  const local = join(dir, 'tendd.service');
  writeFileSync(local, pointedAtCheckout(text));
  assert.ok(checkExecutable(TENDD).ok && checkExecutable(TENDCTL).ok, 'bin/tendd.js and bin/tendctl.js are executable');
  assert.deepEqual(verify(local), { status: 0, problems: [] });

  // The check has teeth: verify exits 0 on a bad value but says so, and a missing binary fails.
  mkdirSync(join(dir, 'broken'));
  const broken = join(dir, 'broken', 'tendd.service');
  writeFileSync(broken, text.replace(/^KillMode=mixed$/m, 'KillMode=mixd'));
  assert.match(verify(broken).problems.join('\n'), /kill mode/i);
  writeFileSync(broken, text.replace(/^ExecStart=\/usr\/bin\/env tendd/m, `ExecStart=${join(dir, 'no-such-tendd')}`));
  assert.notEqual(verify(broken).status, 0);
});

test('the unit: Type=notify, NotifyAccess=all, KillMode=mixed, reload = reread then update, restart on failure', () => {
  const unit = parseUnit(readFileSync(UNIT, 'utf8'));
  assert.equal(one(unit, 'Service.Type'), 'notify');
  assert.equal(one(unit, 'Service.NotifyAccess'), 'all');
  assert.equal(one(unit, 'Service.KillMode'), 'mixed');
  assert.equal(one(unit, 'Service.Restart'), 'on-failure');
  assert.equal(one(unit, 'Service.ExecStart'), '/usr/bin/env tendd -n -c /etc/supervisor/supervisord.conf');
  assert.deepEqual(unit.get('Service.ExecReload'), [
    '/usr/bin/env tendctl -c /etc/supervisor/supervisord.conf reread',
    '/usr/bin/env tendctl -c /etc/supervisor/supervisord.conf update',
  ]);
  assert.equal(unit.get('Service.ExecStop'), undefined, 'SIGTERM is the shutdown request');
  // Long enough for programs stopping one priority level after another (default stopwaitsecs 10).
  assert.ok(Number(one(unit, 'Service.TimeoutStopSec')) >= 90);
  assert.deepEqual(unit.get('Install.WantedBy'), ['multi-user.target']);
});

// ---------------------------------------------------------------------------------------------
// sd-notify.ts

test('notifyReady sends READY=1, STATUS= and MAINPID=<our pid> through systemd-notify; as root the datagram comes from our pid', async (t) => {
  if (!requireNotifyTools(t)) return;
  const dir = tempDir(t, 'tend-notify-');
  const systemd = await fakeSystemd(t, dir);
  const started = performance.now();
  assert.equal(notifyReady('4 programs: 3 RUNNING, 1 FATAL', { socket: systemd.socket }), true);
  const ms = performance.now() - started;
  // systemd-notify waited for the barrier, so the datagram was read before it returned; our
  // event loop (blocked meanwhile) reads the receiver's report now.
  const [ready] = await systemd.waitFor('READY=1', (ms) => ms.length >= 1);
  assert.deepEqual(ready?.fields, { READY: '1', STATUS: '4 programs: 3 RUNNING, 1 FATAL', MAINPID: String(process.pid) });
  if (isRoot()) assert.equal(ready?.pid, process.pid, 'root: the credentials name the daemon (NotifyAccess=main would do)');
  assert.equal(systemd.messages().filter((m) => m.fields['BARRIER'] === '1' && m.fds === 1).length, 1, 'one barrier, with its fd');
  t.diagnostic(`notifyReady took ${ms.toFixed(1)} ms (spawnSync of systemd-notify, barrier included)`);

  assert.equal(notifyStatus('reloading config', { socket: systemd.socket }), true);
  assert.equal(notifyStopping(undefined, { socket: systemd.socket }), true);
  assert.equal(sdNotify({ STATUS: 'two\nlines' }, { socket: systemd.socket }).ok, true);
  await systemd.waitFor('3 more notifications', (ms) => ms.length >= 4);
  assert.deepEqual(systemd.notifications().slice(1).map((m) => m.fields), [
    { STATUS: 'reloading config', MAINPID: String(process.pid) },
    { STOPPING: '1', MAINPID: String(process.pid) },
    { STATUS: 'two lines', MAINPID: String(process.pid) },
  ]);

  // No socket: nothing runs, false. A socket nobody listens on: false, with systemd-notify's reason.
  assert.equal(notifyReady('x', { socket: null }), false);
  const missing = sdNotify({ READY: '1' }, { socket: join(dir, 'nobody.sock') });
  assert.equal(missing.ok, false);
  assert.match(missing.error ?? '', /No such file or directory|Connection refused/);
});

test('notifyReady without root: the datagram comes from systemd-notify\'s own pid, so the unit needs NotifyAccess=all', async (t) => {
  if (!requireNotifyTools(t) || !requireTool(t, SETPRIV, 'runs the notifier as nobody')) return;
  if (!isRoot()) {
    t.skip('needs root to drop to nobody');
    return;
  }
  const dir = tempDir(t, 'tend-notify-nobody-');
  chmodSync(dir, 0o755);
  const systemd = await fakeSystemd(t, dir);
  chmodSync(systemd.socket, 0o666); // systemd's /run/systemd/notify is writable by every user
  const module = join(REPO, 'packages/daemon/dist/os/sd-notify.js');
  const script = `import(${JSON.stringify(module)}).then((m) => process.stdout.write(String(m.notifyReady('as nobody', { socket: ${JSON.stringify(systemd.socket)} }))))`;
  const r = spawnSync(SETPRIV, ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, '-e', script], { encoding: 'utf8', timeout: 20_000 });
  assert.equal(r.stdout, 'true', r.stderr);
  const [ready] = await systemd.waitFor('READY=1', (ms) => ms.length >= 1);
  assert.equal(ready?.fields['READY'], '1');
  assert.equal(ready?.uid, 65534);
  assert.notEqual(ready?.pid, Number(ready?.fields['MAINPID']), 'the sender is not the main pid: only NotifyAccess=all accepts it');
});

test('takeNotifySocket removes NOTIFY_SOCKET from the environment and the notify functions keep using it', async (t) => {
  if (!requireNotifyTools(t)) return;
  const dir = tempDir(t, 'tend-notify-take-');
  const systemd = await fakeSystemd(t, dir);
  const env: NodeJS.ProcessEnv = { NOTIFY_SOCKET: systemd.socket, PATH: '/usr/bin' };
  assert.equal(takeNotifySocket(env), systemd.socket);
  assert.deepEqual(env, { PATH: '/usr/bin' });
  assert.equal(notifyReady('taken'), true);
  await systemd.waitFor('STATUS=taken', (ms) => ms.length >= 1);
  assert.deepEqual(systemd.notifications().map((m) => m.fields['STATUS']), ['taken']);
  t.after(() => takeNotifySocket({})); // leave the module with no socket for later tests
});

test('isSettled / whenSettled / settledStatus: ready once no autostart program is STARTING or BACKOFF', async () => {
  const procs: SettleView[] = [
    { autostart: true, state: 'STARTING' },
    { autostart: true, state: 'BACKOFF' },
    { autostart: false, state: 'STOPPED' },
  ];
  assert.equal(isSettled(procs), false);
  const listeners = new Set<() => void>();
  const subscribe = (cb: () => void): (() => void) => {
    listeners.add(cb);
    return () => listeners.delete(cb);
  };
  const emit = (): void => { for (const l of [...listeners]) l(); };
  let resolved = false;
  const w = whenSettled(() => procs, subscribe);
  void w.settled.then(() => { resolved = true; });
  procs[0] = { autostart: true, state: 'RUNNING' };
  emit();
  await Promise.resolve();
  assert.equal(resolved, false, 'one program is still in BACKOFF');
  procs[1] = { autostart: true, state: 'FATAL' };
  emit();
  await w.settled;
  assert.equal(listeners.size, 0, 'unsubscribed once settled');
  assert.equal(settledStatus(procs), '3 programs: 1 FATAL, 1 RUNNING, 1 STOPPED');
  assert.equal(settledStatus([]), '0 programs');
  // Already settled: resolves without any event.
  await withDeadline(whenSettled(() => [], subscribe).settled, 1_000, 'an empty config to be settled');
  assert.equal(listeners.size, 0);
});

// ---------------------------------------------------------------------------------------------
// The unit's command lines, run as systemd runs them

test('ExecReload (tendctl reread, then tendctl update) restarts only the program whose config changed', { timeout: 60_000 }, async (t) => {
  const files = {
    'conf.d/keep.conf': `[program:keep]\ncommand=${process.execPath} ${fixture('tick.mjs')} 1000000\nstartsecs=0\n`,
    'conf.d/change.conf': `[program:change]\ncommand=${process.execPath} ${fixture('tick.mjs')} 1000000\nstartsecs=0\n`,
  };
  const dir = tempDir(t, 'tend-reload-');
  const conf = join(dir, 'supervisord.conf');
  const u = startDaemon(t, daemonConf(''), { dir, files, args: execStartArgs(conf) });
  await u.waitForLog(/^success: keep entered RUNNING state/);
  await u.waitForLog(/^success: change entered RUNNING state/);
  const keep = pidOf(u, 'keep');
  const change = pidOf(u, 'change');

  writeFileSync(join(dir, 'conf.d/change.conf'), `[program:change]\ncommand=${process.execPath} ${fixture('tick.mjs')} 999999\nstartsecs=0\n`);
  writeFileSync(join(dir, 'conf.d/added.conf'), `[program:added]\ncommand=${process.execPath} ${fixture('tick.mjs')} 1000000\nstartsecs=0\n`);
  const outputs: string[] = [];
  for (const args of execReloadArgs(conf)) {
    const r = await tendctlAsync(args);
    assert.equal(r.status, 0, `tendctl ${args.join(' ')}: ${r.stderr}`);
    outputs.push(r.stdout);
  }
  assert.deepEqual(outputs, [
    'added: available\nchange: changed\n',
    'change: stopped\nchange: updated process group\nadded: added process group\n',
  ], 'reread lists the changes; update applies them');
  await u.waitForLog(/^success: added entered RUNNING state/);
  assert.equal(pidOf(u, 'keep'), keep, 'the unchanged program kept its pid');
  assert.notEqual(pidOf(u, 'change'), change, 'the changed program was restarted');
});

// The daemon takes NOTIFY_SOCKET out of its environment before programs copy it, and sends
// READY=1 once every autostart program has settled.
test('Type=notify: READY=1 comes from tendd once every autostart program has settled, and never from a program', {
  timeout: 60_000,
}, async (t) => {
  if (!requireNotifyTools(t)) return;
  const dir = tempDir(t, 'tend-notify-daemon-');
  const systemd = await fakeSystemd(t, dir);
  const files = {
    'conf.d/app.conf': `[program:app]\ncommand=${process.execPath} ${NOTIFY_LIKE_GUNICORN} app\nstartsecs=1\nstdout_logfile=%(here)s/../app.out\n`,
    'conf.d/crash.conf': `[program:crash]\ncommand=${process.execPath} ${fixture('exit-with-code.mjs')} 3\nstartsecs=1\nstartretries=1\n`,
    'conf.d/manual.conf': `[program:manual]\ncommand=${process.execPath} ${fixture('sleep-forever.mjs')}\nautostart=false\n`,
  };
  const conf = join(dir, 'supervisord.conf');
  // As systemd starts it: the unit's ExecStart arguments, NOTIFY_SOCKET in the environment.
  const saved = process.env['NOTIFY_SOCKET'];
  process.env['NOTIFY_SOCKET'] = systemd.socket;
  let d: DaemonHandle;
  try {
    d = startDaemon(t, daemonConf(''), { dir, files, args: execStartArgs(conf) });
  } finally {
    if (saved === undefined) delete process.env['NOTIFY_SOCKET'];
    else process.env['NOTIFY_SOCKET'] = saved;
  }
  const [ready] = await systemd.waitFor('READY=1', (ms) => ms.some((m) => m.fields['READY'] === '1'), 20_000);
  assert.ok(ready);
  assert.deepEqual(systemd.notifications().filter((m) => m.pid !== d.pid), [], 'no notification from anything but tendd (a program that inherits NOTIFY_SOCKET speaks for the unit)');
  assert.equal(ready.fields['MAINPID'], String(d.pid));
  assert.equal(await waitForFileMatch(join(dir, 'app.out'), /\n/), 'no NOTIFY_SOCKET\n', 'programs do not inherit NOTIFY_SOCKET');
  // Ready only after app is RUNNING and crash has given up (FATAL); manual is not autostart. The
  // log records carry the wall-clock ms they were written at, before READY=1 was sent.
  const logged = async (re: RegExp): Promise<number> => {
    const [line] = await d.waitForLog(re);
    const m = /^(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d),(\d{3})$/.exec(line?.time ?? '');
    assert.ok(m, `a timestamp on ${String(re)}`);
    const [y, mo, da, h, mi, se, ms] = m.slice(1).map(Number) as [number, number, number, number, number, number, number];
    return new Date(y, mo - 1, da, h, mi, se, ms).getTime();
  };
  assert.ok(await logged(/^success: app entered RUNNING state/) <= ready.at, 'READY=1 came after app was RUNNING');
  assert.ok(await logged(/^gave up: crash entered FATAL state/) <= ready.at, 'READY=1 came after crash gave up');
  assert.match(ready.fields['STATUS'] ?? '', /\b1 RUNNING\b/, 'STATUS= sums up the programs');
  assert.match(ready.fields['STATUS'] ?? '', /\b1 FATAL\b/, 'STATUS= sums up the programs');
  assert.equal(systemd.notifications().filter((m) => m.fields['READY'] === '1').length, 1, 'one READY=1');
  assert.deepEqual(await d.stop(), { code: 0, signal: null });
});

test('tendctl generate systemd prints a unit for the config in use that systemd-analyze verify accepts', (t) => {
  if (!requireTool(t, SYSTEMD_ANALYZE, 'the generated unit is checked by systemd\'s own parser (apt-get install systemd)')) return;
  const dir = tempDir(t, 'tend-genunit-');
  const conf = join(dir, 'supervisord.conf');
  writeFileSync(conf, '[supervisord]\n[unix_http_server]\nfile=%(here)s/s.sock\n[supervisorctl]\nserverurl=unix://%(here)s/s.sock\n');
  const r = spawnSync(process.execPath, [TENDCTL, '-c', conf, 'generate', 'systemd'], { encoding: 'utf8', timeout: 30_000 });
  assert.equal(r.status, 0, r.stderr);
  const unit = parseUnit(r.stdout);
  assert.equal(one(unit, 'Service.Type'), 'notify');
  assert.ok(one(unit, 'Service.ExecStart').endsWith(` -n -c ${conf}`));
  const file = join(dir, 'tendd.service');
  writeFileSync(file, r.stdout);
  assert.deepEqual(verify(file), { status: 0, problems: [] });
});
