// The built tendd, run the way a user runs it: `tendd -n -c conf` in the foreground, signals by
// pid, and the background mode. The main log is read from tendd's stdout echo as it arrives.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TENDD } from '../helpers/bins.js';
import {
  isAlive, killSupervised, nodeCommand, parseLogRecords, procStat, startDaemon, waitForFileMatch, waitUntilDead, withDeadline,
  type DaemonLogLine,
} from '../helpers/daemon.js';

const ROOT_WARNING = 'Supervisor is running as root.  Privileges were not dropped because no user is specified in the config file.  If you intend to run as root, you can set user=root in the config file to avoid this message.';

function head(extra = ''): string {
  return `[supervisord]
logfile=%(here)s/tendd.log
pidfile=%(here)s/tendd.pid
childlogdir=%(here)s
${extra}
`;
}

type Options = Readonly<Record<string, string | number | boolean>>;

function program(name: string, options: Options): string {
  return `[program:${name}]\n${Object.entries(options).map(([k, v]) => `${k}=${String(v)}`).join('\n')}\n`;
}

function messages(lines: readonly DaemonLogLine[]): string[] {
  return lines.map((l) => `${l.level} ${l.message}`);
}

function pidOf(lines: readonly DaemonLogLine[], name: string): number {
  const m = lines.map((l) => new RegExp(`^spawned: '${name}' with pid (\\d+)$`).exec(l.message)).filter((x) => x !== null).at(-1);
  assert.ok(m, `no spawned: line for ${name}`);
  return Number(m[1]);
}

/**
 * report-term.mjs as program `name` (startsecs=0), its stdout in <dir>/<name>.out, so a test can
 * wait for it to have installed its SIGTERM handler (childReady) before anything stops it.
 */
function polite(name: string, options: Options = {}, exitDelayMs = 0): string {
  return program(name, { command: nodeCommand('report-term.mjs', exitDelayMs), startsecs: 0, stdout_logfile: `%(here)s/${name}.out`, ...options });
}

/** Resolves once program `name` (see polite()) has printed `ready <pid>` (any pid, or this one). */
async function childReady(dir: string, name: string, pid?: number): Promise<void> {
  await waitForFileMatch(join(dir, `${name}.out`), new RegExp(`^ready ${pid ?? '\\d+'}$`, 'm'));
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

test('tendd -n logs in supervisord\'s format, writes its pidfile and removes it at exit', async (t) => {
  const started = Date.now();
  const d = startDaemon(t, head() + polite('app'));
  await d.waitForLog(/^success: app entered RUNNING state/);
  await childReady(d.dir, 'app');
  const pidfile = join(d.dir, 'tendd.pid');
  assert.equal(readFileSync(pidfile, 'utf8'), `${d.pid}\n`);
  const appPid = pidOf(d.lines(), 'app');
  assert.deepEqual(messages(d.lines()), [
    ...(process.getuid?.() === 0 ? [`CRIT ${ROOT_WARNING}`] : []),
    `INFO supervisord started with pid ${d.pid}`,
    `INFO spawned: 'app' with pid ${appPid}`,
    'INFO success: app entered RUNNING state, process has stayed up for > than 0 seconds (startsecs)',
  ]);
  assert.deepEqual(await d.stop(), { code: 0, signal: null });
  for (const line of d.stdout().trimEnd().split('\n')) {
    const m = /^(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d),(\d{3}) (CRIT|ERRO|WARN|INFO|DEBG|TRAC|BLAT) \S/.exec(line);
    assert.ok(m, `not a supervisord log line: ${JSON.stringify(line)}`);
    // Local time, as supervisord writes it.
    const [, y, mo, da, h, mi, s, ms] = m.map(Number) as number[];
    const when = new Date(y ?? 0, (mo ?? 1) - 1, da, h, mi, s, ms).getTime();
    assert.ok(when >= started - 1000 && when <= Date.now() + 1000, `timestamp of ${JSON.stringify(line)} is not now in local time`);
  }
  // supervisord logs the same three lines (its first shutdown tick reports what is still running).
  assert.deepEqual(messages(d.lines()).slice(-3), ['WARN received SIGTERM indicating exit request', 'INFO waiting for app to die', 'INFO stopped: app (exit status 0)']);
  assert.equal(existsSync(pidfile), false, 'the pidfile is removed at exit');
  assert.equal(readFileSync(join(d.dir, 'tendd.log'), 'utf8'), d.stdout(), 'the log file holds what was echoed');
  assert.equal(isAlive(appPid), false);
});

// Autostart goes group by group in ascending group priority. Inside a [group:x] supervisord
// keeps the order of `programs=` (it sorts by priority only within one program's numprocs), and
// stops a group's processes in descending priority (checked against supervisord 4.2.5 by hand;
// tendd-run-supervisord.test.ts compares the two daemons).
const LEVELS = head('loglevel=debug')
  + polite('first', { priority: 100 }, 300)
  + '[group:mid]\nprograms=m2,m1\npriority=200\n'
  + polite('m1', { priority: 20 }, 300)
  + polite('m2', { priority: 10 }, 300)
  + polite('last', { priority: 300 }, 300)
  + polite('dflt', {}, 300);
// A group whose programs= order is not its priority order.
const UNSORTED_GROUP = '[group:odd]\nprograms=o1,o2\npriority=250\n'
  + polite('o1', { priority: 20 }, 300)
  + polite('o2', { priority: 10 }, 300);

/** `signal x` / `stopped x` for the DEBG `killing x …` and INFO `stopped: x …` lines, in log order. */
function stopEvents(lines: readonly DaemonLogLine[]): string[] {
  return lines
    .map((l) => /^(killing|stopped:) (\w+)/.exec(l.message))
    .filter((m) => m !== null)
    .map((m) => `${m[1] === 'killing' ? 'signal' : 'stopped'} ${m[2]}`);
}

test('programs are spawned in ascending group priority, in programs= order inside a group', async (t) => {
  const d = startDaemon(t, LEVELS + UNSORTED_GROUP);
  await d.waitForLog(/^success: /, { count: 7 });
  const spawned = d.lines().map((l) => /^spawned: '(\w+)'/.exec(l.message)?.[1]).filter((n) => n !== undefined);
  assert.deepEqual(spawned, ['first', 'm2', 'm1', 'o1', 'o2', 'last', 'dflt']);
});

test('SIGTERM stops programs in descending priority, each level only after the one above has stopped', async (t) => {
  const d = startDaemon(t, LEVELS);
  await d.waitForLog(/^success: /, { count: 5 });
  for (const name of ['first', 'm1', 'm2', 'last', 'dflt']) await childReady(d.dir, name);
  await d.ready();
  const pids = d.spawnedPids();
  d.signal('SIGTERM');
  assert.deepEqual(await d.exited(20_000), { code: 0, signal: null });
  const events = stopEvents(d.lines());
  // m1 and m2 form one level (group mid): both are signalled before either has stopped, and
  // they may exit in either order.
  assert.deepEqual([...events.slice(0, 6), ...events.slice(6, 8).sort(), ...events.slice(8)], [
    'signal dflt', 'stopped dflt',
    'signal last', 'stopped last',
    'signal m1', 'signal m2', 'stopped m1', 'stopped m2',
    'signal first', 'stopped first',
  ]);
  // Each program takes 300 ms to exit after SIGTERM, so a level that did not wait for the one
  // above would show up out of order.
  const at = (re: RegExp): number => {
    const line = d.lines().find((l) => re.test(l.message));
    assert.ok(line, String(re));
    const [date, time] = line.time.split(' ') as [string, string];
    return new Date(`${date}T${time.replace(',', '.')}`).getTime();
  };
  assert.ok(at(/^stopped: dflt/) - at(/^killing dflt/) >= 250, 'the fixture took its time to exit');
  assert.ok(at(/^killing last/) >= at(/^stopped: dflt/));
  assert.ok(at(/^killing first/) >= Math.max(at(/^stopped: m1/), at(/^stopped: m2/)));
  assert.deepEqual(pids.filter(isAlive), [], 'no child survives');
});

// ENGINE BUG (Supervisor.stopGroups): it signals a group's processes in reverse config order,
// which is descending priority only when programs= happens to list them in ascending priority.
// supervisord's stop_all sorts by priority: o1 (20) is signalled before o2 (10).
test('a group\'s processes are signalled in descending priority whatever the programs= order', async (t) => {
  const d = startDaemon(t, head('loglevel=debug') + UNSORTED_GROUP);
  await d.waitForLog(/^success: /, { count: 2 });
  for (const name of ['o1', 'o2']) await childReady(d.dir, name);
  await d.ready();
  d.signal('SIGTERM');
  assert.deepEqual(await d.exited(), { code: 0, signal: null });
  const events = stopEvents(d.lines());
  assert.deepEqual([...events.slice(0, 2), ...events.slice(2).sort()], ['signal o1', 'signal o2', 'stopped o1', 'stopped o2']);
});

// ENGINE BUG (main.ts): tendd installs its signal handlers only after startDaemon() has written
// the pidfile, logged `supervisord started` and spawned every autostart program. A SIGTERM in
// that window takes the default action: tendd dies at once, its programs (each in its own
// session) are orphaned and the pidfile stays. supervisord installs its handlers before it
// writes the pidfile. The window is widened here with 30 programs to spawn; the signal is sent
// when the first one is logged as spawned.
test('a SIGTERM sent while tendd is still spawning its programs stops everything cleanly', async (t) => {
  const d = startDaemon(t, head() + program('many', {
    command: nodeCommand('report-term.mjs'), startsecs: 0, numprocs: 30, process_name: '%(program_name)s_%(process_num)02d',
  }));
  await d.waitForLog(/^spawned: /);
  d.signal('SIGTERM');
  const status = await d.exited();
  const orphans = d.spawnedPids().filter(isAlive);
  assert.deepEqual({ status, orphans, pidfileLeft: existsSync(join(d.dir, 'tendd.pid')) },
    { status: { code: 0, signal: null }, orphans: [], pidfileLeft: false });
});

// ENGINE BUG (main.ts / daemon.ts): nothing keeps tendd's event loop alive but its children and
// timers (signal handlers do not). Once no program runs and no timer is pending, e.g. every
// program FATAL, EXITED or autostart=false, Node simply exits: code 0, no log line, programs
// never stopped by tendd, the pidfile left behind with a dead pid. supervisord stays up and keeps
// answering signals (and RPC) with nothing running.
test('tendd keeps running when no program is running any more', async (t) => {
  const d = startDaemon(t, head()
    + program('crashy', { command: nodeCommand('exit-with-code.mjs', 1), startsecs: 10, startretries: 0 })
    + polite('manual', { autostart: false }));
  await d.waitForLog(/^gave up: crashy entered FATAL state/);
  await d.ready().catch(() => undefined);
  // A round trip through a signal: a daemon that is still there answers it.
  const alive = d.child.exitCode === null && d.child.signalCode === null;
  if (alive) d.signal('SIGUSR2');
  const answered = alive ? await d.waitForLog(/^supervisord logreopen$/).then(() => true, () => false) : false;
  assert.deepEqual({ alive, answered, exitedOnItsOwn: d.child.exitCode !== null ? d.child.exitCode : null, pidfile: existsSync(join(d.dir, 'tendd.pid')) },
    { alive: true, answered: true, exitedOnItsOwn: null, pidfile: true });
  assert.deepEqual(await d.stop(), { code: 0, signal: null });
  assert.equal(existsSync(join(d.dir, 'tendd.pid')), false);
});

test('SIGINT and SIGQUIT shut tendd down like SIGTERM', async (t) => {
  for (const sig of ['SIGINT', 'SIGQUIT'] as const) {
    await t.test(sig, async (st) => {
      const d = startDaemon(st, head() + polite('app'));
      await d.waitForLog(/^success: app/);
      await childReady(d.dir, 'app');
      await d.ready();
      const [pid] = d.spawnedPids();
      d.signal(sig);
      assert.deepEqual(await d.exited(), { code: 0, signal: null });
      assert.deepEqual(messages(d.lines()).slice(-3), [`WARN received ${sig} indicating exit request`, 'INFO waiting for app to die', 'INFO stopped: app (exit status 0)']);
      assert.equal(isAlive(pid ?? 0), false);
      assert.equal(existsSync(join(d.dir, 'tendd.pid')), false);
    });
  }
});

function environOf(pid: number): string[] {
  return readFileSync(`/proc/${pid}/environ`, 'latin1').split('\0');
}

test('SIGHUP with a valid changed config restarts the programs with the new config', async (t) => {
  const conf = (version: number, extra = ''): string =>
    head() + polite('app', { environment: `VERSION="${version}"` }) + extra;
  const d = startDaemon(t, conf(1));
  await d.waitForLog(/^success: app/);
  const before = pidOf(d.lines(), 'app');
  await childReady(d.dir, 'app', before);
  assert.ok(environOf(before).includes('VERSION=1'));
  writeFileSync(d.confPath, conf(2, polite('extra')));
  await d.ready();
  d.signal('SIGHUP');
  await d.waitForLog(/^success: app/, { count: 2 });
  await d.waitForLog(/^success: extra/);
  const after = pidOf(d.lines(), 'app');
  assert.notEqual(after, before);
  await childReady(d.dir, 'app', after);
  await childReady(d.dir, 'extra');
  assert.equal(isAlive(before), false);
  assert.ok(environOf(after).includes('VERSION=2'));
  const log = messages(d.lines());
  const hup = log.indexOf('WARN received SIGHUP indicating restart request');
  assert.ok(hup >= 0, log.join('\n'));
  assert.ok(log.indexOf('INFO stopped: app (exit status 0)') > hup);
  assert.equal(d.child.exitCode, null, 'tendd kept running');
  assert.deepEqual(await d.stop(), { code: 0, signal: null });
});

test('SIGHUP with a broken config keeps the running programs and logs the errors with file:line', async (t) => {
  const good = head() + polite('app');
  const d = startDaemon(t, good);
  await d.waitForLog(/^success: app/);
  const pid = pidOf(d.lines(), 'app');
  writeFileSync(d.confPath, `${good}startsecs=soon\nautostart=maybe\n`);
  await d.ready();
  d.signal('SIGHUP');
  const problems = await d.waitForLog(new RegExp(`^${escapeRe(d.confPath)}:\\d+ `), { count: 2 });
  assert.match(problems[0]?.message ?? '', new RegExp(`^${escapeRe(d.confPath)}:\\d+ \\[program:app\\] startsecs: .*soon`));
  assert.match(problems[1]?.message ?? '', new RegExp(`^${escapeRe(d.confPath)}:\\d+ \\[program:app\\] autostart: .*maybe`));
  assert.ok(problems.every((p) => p.level === 'ERRO'));
  const log = messages(d.lines());
  assert.ok(log.includes('ERRO reload aborted: the configuration has 2 problems; the running configuration is kept'), log.join('\n'));
  assert.ok(!log.some((l) => l.includes('stopped:')), 'nothing was stopped');
  assert.ok(isAlive(pid), 'the program still runs with the same pid');
  assert.equal(d.child.exitCode, null, 'tendd kept running');
  // It is still fully alive: a good config is picked up by the next SIGHUP.
  writeFileSync(d.confPath, good);
  d.signal('SIGHUP');
  await d.waitForLog(/^success: app/, { count: 2 });
  assert.deepEqual(await d.stop(), { code: 0, signal: null });
});

test('SIGUSR2 reopens the main log and the child logs by name', async (t) => {
  const d = startDaemon(t, head() + program('ticker', { command: nodeCommand('tick.mjs', 20), startsecs: 0, stdout_logfile: '%(here)s/tick.log' }));
  await d.waitForLog(/^success: ticker/);
  const mainLog = join(d.dir, 'tendd.log');
  const tickLog = join(d.dir, 'tick.log');
  await waitForFileMatch(tickLog, /^tick 3 /m);
  renameSync(mainLog, `${mainLog}.old`);
  renameSync(tickLog, `${tickLog}.old`);
  await d.ready();
  d.signal('SIGUSR2');
  const fresh = await waitForFileMatch(mainLog, /supervisord logreopen/);
  assert.deepEqual(parseLogRecords(fresh).map((l) => `${l.level} ${l.message}`)[0], 'INFO supervisord logreopen');
  const old = readFileSync(`${mainLog}.old`, 'utf8');
  assert.match(old, /INFO received SIGUSR2 indicating log reopen request\n$/);
  const ticks = await waitForFileMatch(tickLog, /^tick \d+ \d+\n/m);
  const firstNew = Number(/^tick (\d+)/.exec(ticks)?.[1]);
  const lastOld = Number(readFileSync(`${tickLog}.old`, 'utf8').trimEnd().split('\n').at(-1)?.split(' ')[1]);
  assert.ok(firstNew > lastOld, `new file starts at tick ${firstNew}, the old one ended at ${lastOld}`);
  assert.deepEqual(await d.stop(), { code: 0, signal: null });
});

/** Runs `node tendd.js args` to completion (the background parent), with a deadline. */
function runParent(args: readonly string[], cwd: string, timeoutMs = 15_000): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [TENDD, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (s: string) => { stdout += s; });
  child.stderr.setEncoding('utf8').on('data', (s: string) => { stderr += s; });
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
  return withDeadline(done, timeoutMs, 'the tendd parent to exit').catch((e: unknown) => {
    child.kill('SIGKILL');
    throw e;
  });
}

/** A temp dir, removed after the test by a hook registered now: register other cleanup first. */
function tempDir(t: { after: (fn: () => void) => void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'tend-run-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

test('without -n tendd returns 0 once the daemon is ready, and the pidfile names it in its own session', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'tend-run-'));
  writeFileSync(join(dir, 'supervisord.conf'), head('nodaemon=false') + polite('app'));
  const pidfile = join(dir, 'tendd.pid');
  const logfile = join(dir, 'tendd.log');
  let daemonPid = 0;
  // Hooks run in the order they are registered: kill what is left, then remove the dir.
  t.after(() => {
    if (daemonPid > 0 && isAlive(daemonPid) && readFileSync(`/proc/${daemonPid}/cmdline`, 'latin1').includes(TENDD)) {
      process.kill(daemonPid, 'SIGKILL');
    }
    if (existsSync(logfile)) killSupervised(parseLogRecords(readFileSync(logfile, 'utf8')).map((l) => Number(/^spawned: '.+' with pid (\d+)$/.exec(l.message)?.[1] ?? 0)).filter((p) => p > 0));
  });
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const parent = await runParent(['-c', join(dir, 'supervisord.conf')], dir);
  assert.deepEqual({ code: parent.code, stdout: parent.stdout, stderr: parent.stderr }, { code: 0, stdout: '', stderr: '' });
  // Ready means started: the pidfile and the startup lines are there when the parent returns.
  daemonPid = Number(readFileSync(pidfile, 'utf8'));
  assert.ok(isAlive(daemonPid));
  const stat = procStat(daemonPid);
  assert.equal(stat.sid, daemonPid, 'the daemon leads its own session');
  assert.notEqual(stat.ppid, process.pid);
  assert.match(readFileSync(logfile, 'utf8'), new RegExp(`INFO supervisord started with pid ${daemonPid}\n`));
  const log = parseLogRecords(await waitForFileMatch(logfile, /success: app entered RUNNING/));
  const appPid = Number(/with pid (\d+)/.exec(log.find((l) => l.message.startsWith("spawned: 'app'"))?.message ?? '')?.[1]);
  await childReady(dir, 'app', appPid);
  process.kill(daemonPid, 'SIGTERM');
  await waitUntilDead([daemonPid, appPid], 15_000);
  assert.equal(existsSync(pidfile), false);
  assert.deepEqual(parseLogRecords(readFileSync(logfile, 'utf8')).slice(-3).map((l) => `${l.level} ${l.message}`),
    ['WARN received SIGTERM indicating exit request', 'INFO waiting for app to die', 'INFO stopped: app (exit status 0)']);
});

function hardNofile(): number | null {
  const line = readFileSync('/proc/self/limits', 'utf8').split('\n').find((l) => l.startsWith('Max open files'));
  const hard = line?.trim().split(/\s+/)[4];
  return hard === undefined || hard === 'unlimited' ? null : Number(hard);
}

test('a startup failure in background mode is printed by the command, which exits non-zero', async (t) => {
  const dir = tempDir(t);
  mkdirSync(join(dir, 'a-directory'));
  const cases: { name: string; conf: string; stderr: RegExp }[] = [
    {
      name: 'logfile is a directory',
      conf: head('nodaemon=false').replace('logfile=%(here)s/tendd.log', 'logfile=%(here)s/a-directory'),
      stderr: new RegExp(`^Error: .*${escapeRe(join(dir, 'a-directory'))}.*\nFor help, use tendd -h\n$`),
    },
  ];
  const hard = hardNofile();
  if (hard !== null) {
    cases.push({
      name: 'minfds above the hard limit',
      conf: head(`nodaemon=false\nminfds=${hard + 1}`),
      stderr: new RegExp(`^Error: The minimum number of file descriptors required to run this process is ${hard + 1} as per the "minfds" command-line argument or config file setting\\. The current environment will only allow you to open ${hard} file descriptors\\..*\nFor help, use tendd -h\n$`),
    });
  } else t.diagnostic('RLIMIT_NOFILE hard limit is unlimited: the minfds case cannot be provoked here');
  for (const c of cases) {
    const conf = join(dir, `${c.name.replace(/\W+/g, '-')}.conf`);
    writeFileSync(conf, c.conf);
    const r = await runParent(['-c', conf], dir);
    assert.equal(r.code, 2, `${c.name}: ${r.stderr}`);
    assert.match(r.stderr, c.stderr, c.name);
    assert.equal(r.stdout, '', c.name);
    assert.equal(existsSync(join(dir, 'tendd.pid')), false, `${c.name}: no pidfile`);
  }
});

/** One JSON-RPC call on tendd's unix socket (POST /rpc); resolves with `result`. */
function jsonRpc(socketPath: string, method: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method, params: [] });
    const req = httpRequest({ socketPath, path: '/rpc', method: 'POST', headers: { 'Content-Type': 'application/json' } }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (s: string) => { text += s; }).on('end', () => {
        const reply = JSON.parse(text) as { result?: unknown; error?: unknown };
        if (reply.error !== undefined) reject(new Error(JSON.stringify(reply.error)));
        else resolve(reply.result);
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

test('the control socket answers while hundreds of programs are still being started', async (t) => {
  const N = 600;
  const programs = Array.from({ length: N }, (_, i) => program(`p${String(i).padStart(3, '0')}`, {
    command: '/bin/sleep 1000', startsecs: 0, stdout_logfile: 'NONE', stderr_logfile: 'NONE',
  }));
  const d = startDaemon(t, `${head()}\n[unix_http_server]\nfile=%(here)s/tendd.sock\n\n${programs.join('\n')}`);
  // Asked the moment the daemon says it has started, which is before its autostart begins.
  await d.waitForLog(/^supervisord started with pid \d+$/, { timeoutMs: 15_000 });
  const info = await jsonRpc(join(d.dir, 'tendd.sock'), 'supervisor.getAllProcessInfo') as { name: string; statename: string; start: number }[];
  const spawnedWhenAnswered = d.spawnedPids().length;
  assert.equal(info.length, N);
  const notYet = info.filter((p) => p.statename === 'STOPPED' && p.start === 0).length;
  assert.ok(notYet > 0, `the answer came after every program had started (${spawnedWhenAnswered} spawned lines seen)`);
  // Autostart carries on after the answer, in order, to the last program.
  await d.waitForLog(/^spawned: 'p\d+' with pid \d+$/, { count: N, timeoutMs: 30_000 });
  const order = d.lines().map((l) => /^spawned: '(p\d+)'/.exec(l.message)?.[1]).filter((n) => n !== undefined);
  assert.deepEqual(order, [...order].sort());
  t.diagnostic(`answered with ${notYet} of ${N} programs not yet started`);
  assert.equal((await d.stop(30_000)).code, 0);
});
