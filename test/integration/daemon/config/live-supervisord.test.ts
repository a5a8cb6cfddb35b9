// Proves that supervisor-reference.py's dump (the oracle of differential.test.ts) is what the
// real daemon runs with: for three corpus-like configs, start the real
// `/usr/bin/supervisord -n -c <file>`, ask it for supervisor.getAllConfigInfo over its unix
// socket, and check every per-process field it reports against the reference dump of the same
// file. Nothing is started (autostart=false everywhere).
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test, type TestContext } from 'node:test';
import type { ComparableProcess } from '../../../../packages/daemon/src/config/comparable.js';
import {
  isReferenceConfig,
  isReferenceError,
  REFERENCE_PROCESS_ENV,
  requireSupervisord,
  runSupervisorReference,
  SUPERVISOR_PYTHON,
  SUPERVISORD,
} from '../../../helpers/reference.js';

const WHY = 'the live test checks the reference dump against what the real supervisord reports';
const START_TIMEOUT_MS = 20_000;
const STOP_TIMEOUT_MS = 10_000;

/** Environment of the daemon and of the reference reading (same ENV_* expansions on both). */
const DAEMON_ENV: Readonly<Record<string, string>> = { HOME: '/tmp', PATH: '/usr/bin:/bin', LANG: 'C.UTF-8', TEND_LIVE: 'yes' };

const COMMON = `[unix_http_server]
file=%(here)s/supervisor.sock

[supervisord]
logfile=%(here)s/supervisord.log
pidfile=%(here)s/supervisord.pid
childlogdir=%(here)s/childlogs

[rpcinterface:supervisor]
supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface
`;

interface LiveConfig {
  readonly name: string;
  /** Relative path → content; supervisord.conf is the main file. */
  readonly files: Readonly<Record<string, string>>;
}

const CONFIGS: readonly LiveConfig[] = [
  {
    name: 'programs, numprocs and a heterogeneous group',
    files: {
      'supervisord.conf': `; live 1: programs, numprocs, [group:x], explicit values of every kind
${COMMON}
[supervisord]
identifier=live-one

[group:app]
programs=web,worker
priority=50

[program:web]
command=/bin/sleep 1000
autostart=false
autorestart=true
startsecs=3
startretries=5
stopsignal=INT
stopwaitsecs=7
exitcodes=0,2
priority=10
stdout_logfile=%(here)s/web.out
stdout_logfile_maxbytes=1MB
stdout_logfile_backups=2
stderr_logfile=NONE

[program:worker]
command=/bin/sleep %(process_num)d
process_name=%(program_name)s_%(process_num)02d
numprocs=3
numprocs_start=1
autostart=false
redirect_stderr=true
stopasgroup=true
directory=/tmp

[program:solo]
command=/bin/echo %(ENV_TEND_LIVE)s %%s
autostart=false
priority=-3
stopsignal=hup
serverurl=http://127.0.0.1:1/
`,
    },
  },
  {
    // No [DEFAULT] here: its keys reach [rpcinterface:supervisor] too and become keyword
    // arguments of make_main_rpcinterface, which makes the real daemon exit at startup with
    // "Could not make supervisor rpc interface".
    name: 'event listener and an included file with %(here)s',
    files: {
      'supervisord.conf': `; live 2: [include] with %(here)s in the included file, an event listener pool
${COMMON}
[include]
files=conf.d/*.conf
`,
      'conf.d/listen.conf': `; live 2, included: an event listener pool and a program logging next to this file
[eventlistener:mon]
command=/bin/cat
events=PROCESS_STATE,TICK_60
buffer_size=20
autostart=false
startsecs=0
stopwaitsecs=4
process_name=mon_%(process_num)d
numprocs=2
stdout_logfile=%(here)s/mon.log
stderr_logfile=%(here)s/mon.err
stderr_logfile_maxbytes=10KB

[program:hello]
command=/bin/echo %(here)s
autostart=false
autorestart=false
stopsignal=usr1
user=nobody
stdout_logfile=%(here)s/hello.log
`,
    },
  },
  {
    name: 'AUTO logs, syslog flags, capture and events',
    files: {
      'supervisord.conf': `; live 3: AUTO logs (the daemon names them in childlogdir), syslog/capture/events flags, exit codes
${COMMON}
[supervisord]
identifier=live-three
environment=GLOBAL="g"

[program:auto]
command=/bin/sleep 1000
autostart=false
stdout_logfile=AUTO
stdout_logfile_maxbytes=5MB
stdout_capture_maxbytes=1KB
stdout_events_enabled=true
stderr_syslog=true
stderr_events_enabled=yes
exitcodes=1, 2, 255
killasgroup=true
environment=OWN="%(ENV_GLOBAL)s"

[program:quiet]
command=/bin/true
autostart=false
stdout_logfile=NONE
stderr_logfile=NONE
stdout_syslog=true
startretries=0
`,
    },
  },
];

/** The fields supervisor.getAllConfigInfo reports for one process (rpcinterface.py). */
type LiveInfo = Record<string, unknown>;

function writeTree(dir: string, files: Readonly<Record<string, string>>): void {
  for (const [rel, content] of Object.entries(files)) {
    const path = join(dir, rel);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
  }
}

/** Poll `check` until it returns true, with a deadline; fail early when `abort` says why. */
async function pollUntil(check: () => Promise<boolean>, opts: { timeoutMs: number; what: string; abort: () => string | null }): Promise<void> {
  const deadline = Date.now() + opts.timeoutMs;
  for (;;) {
    const why = opts.abort();
    if (why !== null) throw new Error(`gave up waiting for ${opts.what}: ${why}`);
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${opts.timeoutMs} ms waiting for ${opts.what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function canConnect(socketPath: string): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = createConnection(socketPath);
    sock.once('connect', () => {
      sock.destroy();
      resolve(true);
    });
    sock.once('error', () => resolve(false));
  });
}

function waitForExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

const GET_ALL_CONFIG_INFO = `
import json, sys, xmlrpc.client
from supervisor.xmlrpc import SupervisorTransport
transport = SupervisorTransport(None, None, 'unix://' + sys.argv[1])
proxy = xmlrpc.client.ServerProxy('http://127.0.0.1', transport=transport)
json.dump(proxy.supervisor.getAllConfigInfo(), sys.stdout)
`;

function getAllConfigInfo(socketPath: string): Promise<LiveInfo[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(SUPERVISOR_PYTHON, ['-c', GET_ALL_CONFIG_INFO, socketPath], { env: { ...REFERENCE_PROCESS_ENV }, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code !== 0) {
        reject(new Error(`getAllConfigInfo client exited with ${code ?? signal}: ${Buffer.concat(err).toString('utf8')}`));
        return;
      }
      resolve(JSON.parse(Buffer.concat(out).toString('utf8')) as LiveInfo[]);
    });
  });
}

/** getAllConfigInfo's view of a reference process: None → 'none', per rpcinterface.py. */
function expectedInfo(group: { name: string; priority: number }, p: ComparableProcess): LiveInfo {
  const none = (v: unknown): unknown => (v === null ? 'none' : v);
  return {
    name: p.name,
    group: group.name,
    group_prio: group.priority,
    process_prio: p.priority,
    command: p.command,
    directory: none(p.directory),
    uid: none(p.uid),
    autostart: p.autostart,
    startsecs: p.startsecs,
    startretries: p.startretries,
    stopsignal: p.stopsignal,
    stopwaitsecs: p.stopwaitsecs,
    killasgroup: p.killasgroup,
    exitcodes: p.exitcodes,
    redirect_stderr: p.redirect_stderr,
    serverurl: none(p.serverurl),
    stdout_logfile: none(p.stdout_logfile),
    stdout_logfile_maxbytes: p.stdout_logfile_maxbytes,
    stdout_logfile_backups: p.stdout_logfile_backups,
    stdout_capture_maxbytes: p.stdout_capture_maxbytes,
    stdout_events_enabled: p.stdout_events_enabled,
    stdout_syslog: p.stdout_syslog,
    stderr_logfile: none(p.stderr_logfile),
    stderr_logfile_maxbytes: p.stderr_logfile_maxbytes,
    stderr_logfile_backups: p.stderr_logfile_backups,
    stderr_capture_maxbytes: p.stderr_capture_maxbytes,
    stderr_events_enabled: p.stderr_events_enabled,
    stderr_syslog: p.stderr_syslog,
  };
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

async function startSupervisord(t: TestContext, dir: string, configFile: string): Promise<{ socketPath: string; output: () => string }> {
  const socketPath = join(dir, 'supervisor.sock');
  const child = spawn(SUPERVISORD, ['-n', '-c', configFile], { cwd: dir, env: { ...DAEMON_ENV }, stdio: ['ignore', 'pipe', 'pipe'] });
  const chunks: Buffer[] = [];
  child.stdout?.on('data', (b: Buffer) => chunks.push(b));
  child.stderr?.on('data', (b: Buffer) => chunks.push(b));
  let spawnError: Error | null = null;
  child.on('error', (e) => {
    spawnError = e;
  });
  const output = (): string => Buffer.concat(chunks).toString('utf8');

  t.after(async () => {
    if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
      process.kill(child.pid, 'SIGTERM');
      if (!(await waitForExit(child, STOP_TIMEOUT_MS))) {
        process.kill(child.pid, 'SIGKILL');
        await waitForExit(child, STOP_TIMEOUT_MS);
      }
    }
  });

  await pollUntil(() => canConnect(socketPath), {
    timeoutMs: START_TIMEOUT_MS,
    what: `supervisord's socket ${socketPath}`,
    abort: () => {
      if (spawnError) return `cannot start ${SUPERVISORD}: ${(spawnError as Error).message}`;
      if (child.exitCode !== null || child.signalCode !== null) {
        return `supervisord exited (${child.exitCode ?? child.signalCode}) before listening:\n${output()}`;
      }
      return null;
    },
  });
  return { socketPath, output };
}

for (const live of CONFIGS) {
  test(`live supervisord agrees with the reference dump: ${live.name}`, async (t) => {
    if (!requireSupervisord(t, WHY)) return;
    // realpath: supervisord reports paths under the real directory (tmpdir may be a symlink)
    const dir = realpathSync(mkdtempSync(join(tmpdir(), 'tend-live-')));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    writeTree(dir, live.files);
    mkdirSync(join(dir, 'childlogs'));
    const configFile = join(dir, 'supervisord.conf');

    const [ref] = await runSupervisorReference([{ configFile, cwd: dir, env: DAEMON_ENV }]);
    assert.ok(ref !== undefined);
    if ('crash' in ref) assert.fail(`supervisor-reference.py crashed:\n${ref.crash}`);
    if (isReferenceError(ref)) assert.fail(`the reference refuses the live config: ${ref.error}`);
    assert.ok(isReferenceConfig(ref));
    const childlogdir = ref.config.supervisord['childlogdir'];
    const identifier = ref.config.supervisord['identifier'];
    assert.equal(childlogdir, join(dir, 'childlogs'));
    assert.equal(typeof identifier, 'string');

    const daemon = await startSupervisord(t, dir, configFile);
    const infos = await getAllConfigInfo(daemon.socketPath);

    const live_ = new Map(infos.map((i) => [`${String(i['group'])}:${String(i['name'])}`, i]));
    const expected = ref.config.groups.flatMap((g) => g.processes.map((p) => expectedInfo(g, p)));
    assert.deepStrictEqual([...live_.keys()].sort(), expected.map((e) => `${String(e['group'])}:${String(e['name'])}`).sort(),
      'the daemon and the reference disagree on which processes exist');
    assert.ok(expected.length > 0);

    for (const want of expected) {
      const key = `${String(want['group'])}:${String(want['name'])}`;
      const got = live_.get(key);
      assert.ok(got !== undefined);
      const subset: LiveInfo = {};
      for (const field of Object.keys(want)) subset[field] = got[field];
      // AUTO logs: the reference says AUTO, the running daemon has already named the file
      for (const channel of ['stdout', 'stderr']) {
        const field = `${channel}_logfile`;
        if (want[field] !== 'AUTO') continue;
        const pattern = new RegExp(`^${escapeRegExp(`${String(childlogdir)}/${String(want['name'])}-${channel}---${String(identifier)}-`)}[^/]+\\.log$`);
        assert.match(String(got[field]), pattern, `${key} ${field}: AUTO should become a file in childlogdir`);
        subset[field] = 'AUTO';
      }
      assert.deepStrictEqual(subset, want, `${key}: getAllConfigInfo differs from the reference dump\n--- daemon output ---\n${daemon.output()}`);
      assert.equal(got['inuse'], true, `${key}: group should be in use`);
    }
  });
}
