// restart-under-load (issue 6): the guides' stack run by each daemon — nginx (not daemonized, on a
// free loopback port) proxying to gunicorn (3 sync workers, conf.d.example/apps/flask/main.py) —
// under `wrk -t2 -c32 -d10s`, with `supervisorctl restart myapp` issued 5 s into the load. Counts
// the requests that did not get a 2xx: wrk's "Non-2xx or 3xx responses" plus its socket errors.
// No numeric goal: the two daemons are reported side by side.
//
// The failed count is the outage times the rate at which nginx turns requests into 502s while the
// app's port is closed, and that rate depends on how much CPU nginx gets then. supervisord's children
// stay in its session, so with the kernel's autogroup scheduling (sched_autogroup_enabled=1)
// nginx, gunicorn and supervisord share one CPU share; tend's are each in a session of their own
// (setsid), so nginx gets more CPU and answers 502s about twice as fast. `outage` (the first to
// the last 502, from nginx's $msec) is the figure that compares the daemons themselves.
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderConfig } from '../lib/config.js';
import { ctlArgv, describeCtlFailure, runCtl, type CtlRun } from '../lib/ctl.js';
import { launchDaemon, stopNotes, type DaemonKind, type StopReport } from '../lib/daemon.js';
import { figure, mapDaemons, type PerDaemon } from '../lib/figures.js';
import { isSuccess, mustLogTimeMs } from '../lib/log-lines.js';
import { readCmdline } from '../lib/proc.js';
import { sleepMs } from '../lib/sleep.js';
import type { Scenario, ScenarioContext, ScenarioResult } from '../lib/types.js';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const APP_DIR = join(REPO, 'conf.d.example/apps/flask');
const TOOLS = { wrk: '/usr/bin/wrk', gunicorn: '/usr/bin/gunicorn', nginx: '/usr/sbin/nginx' };
const SIZES = {
  full: { durationS: 10, restartAtMs: 5000, threads: 2, connections: 32 },
  smoke: { durationS: 1, restartAtMs: 300, threads: 2, connections: 32 },
};
type Sizes = typeof SIZES.full;

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      s.close(() => (typeof addr === 'object' && addr !== null ? res(addr.port) : rej(new Error('no port'))));
    });
  });
}

function httpStatus(port: number): Promise<number> {
  return new Promise((res) => {
    const req = get({ host: '127.0.0.1', port, path: '/', timeout: 2000, agent: false }, (r) => {
      r.resume();
      r.on('end', () => res(r.statusCode ?? 0));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => res(0));
  });
}

interface WrkResult {
  readonly requests: number;
  readonly non2xx: number;
  readonly socketErrors: { connect: number; read: number; write: number; timeout: number };
  readonly requestsPerSecond: number;
  readonly output: string;
}

export function parseWrk(out: string): WrkResult {
  const n = (re: RegExp): number => Number(re.exec(out)?.[1] ?? 0);
  const se = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  if (!/(\d+) requests in/.test(out)) throw new Error(`unexpected wrk output:\n${out}`);
  return {
    requests: n(/(\d+) requests in/), non2xx: n(/Non-2xx or 3xx responses: (\d+)/),
    socketErrors: { connect: Number(se?.[1] ?? 0), read: Number(se?.[2] ?? 0), write: Number(se?.[3] ?? 0), timeout: Number(se?.[4] ?? 0) },
    requestsPerSecond: Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? NaN), output: out,
  };
}

function runWrk(port: number, sizes: Sizes): Promise<WrkResult> {
  return new Promise((res, rej) => {
    const child = spawn(TOOLS.wrk, [`-t${sizes.threads}`, `-c${sizes.connections}`, `-d${sizes.durationS}s`, `http://127.0.0.1:${port}/`], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => { out += c; });
    child.stderr.setEncoding('utf8').on('data', (c: string) => { out += c; });
    const timer = setTimeout(() => child.kill('SIGKILL'), (sizes.durationS + 30) * 1000);
    child.once('error', rej);
    child.once('close', (code) => {
      clearTimeout(timer);
      if (code !== 0) rej(new Error(`wrk exited ${String(code)}:\n${out}`));
      else {
        try { res(parseWrk(out)); } catch (e) { rej(e as Error); }
      }
    });
  });
}

/** Kill, by pid, whatever of this run's gunicorn/nginx survived its daemon (matched by port or prefix dir in argv). */
async function killStack(marks: readonly string[]): Promise<number> {
  const ours = (pid: number): boolean => {
    const argv = readCmdline(pid);
    return argv !== null && argv.some((a) => marks.some((m) => a.includes(m)));
  };
  const pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map(Number).filter((p) => p !== process.pid && ours(p));
  for (const p of pids) {
    try { process.kill(p, 'SIGKILL'); } catch { /* gone */ }
  }
  const deadline = Date.now() + 5000;
  while (pids.some((p) => ours(p)) && Date.now() < deadline) await sleepMs(20);
  return pids.length;
}

/** nginx's 502 log (one `$msec` a line): first → last 502 in ms, NaN without any. */
export function outageMs(log: string): number {
  const times = log.split('\n').map((l) => Number(l.split(' ')[0])).filter((t) => Number.isFinite(t) && t > 0);
  if (times.length === 0) return NaN;
  return (Math.max(...times) - Math.min(...times)) * 1000;
}

function readOutageMs(path: string): number {
  try {
    return outageMs(readFileSync(path, 'utf8'));
  } catch {
    return NaN;
  }
}

interface DaemonRun {
  readonly wrk: WrkResult;
  /** nginx: first → last 502 (the app's port closed, the new master not listening yet). */
  readonly outageMs: number;
  /** Daemon log: `exited:`/`stopped: myapp` → the next `spawned: 'myapp'` (the supervisor's share of the outage). */
  readonly stoppedToSpawnedMs: number;
  readonly failed: number;
  readonly restart: Omit<CtlRun, 'argv'> | null;
  readonly restartIssuedAtMs: number;
  readonly upAfter: number;
  readonly leftovers: number;
  readonly stop: StopReport;
}

async function measure(ctx: ScenarioContext, kind: DaemonKind, sizes: Sizes): Promise<DaemonRun> {
  const dir = join(ctx.workDir, kind);
  const ngx = join(dir, 'nginx');
  mkdirSync(ngx, { recursive: true });
  const [appPort, webPort] = [await freePort(), await freePort()];
  writeFileSync(join(ngx, 'nginx.conf'), `user root;
worker_processes 1;
pid ${ngx}/nginx.pid;
error_log ${ngx}/error.log warn;
events { worker_connections 1024; }
http {
  log_format msec '$msec';
  map $status $is502 { 502 1; default 0; }
  access_log ${ngx}/502.log msec if=$is502;
  client_body_temp_path ${ngx}/body;
  proxy_temp_path ${ngx}/proxy;
  fastcgi_temp_path ${ngx}/fastcgi;
  uwsgi_temp_path ${ngx}/uwsgi;
  scgi_temp_path ${ngx}/scgi;
  upstream myapp { server 127.0.0.1:${appPort}; }
  server {
    listen 127.0.0.1:${webPort};
    location / { proxy_pass http://myapp; }
  }
}
`);
  const configText = `${renderConfig({ probePath: ctx.probe.path, programs: [], control: true })}
[program:myapp]
command=${TOOLS.gunicorn} main:app -b 127.0.0.1:${appPort} --name=MyApp --workers=3
directory=${APP_DIR}
autostart=true
autorestart=true
startsecs=1
stopsignal=TERM
stopwaitsecs=35
stdout_logfile=%(here)s/myapp.out.log
stderr_logfile=%(here)s/myapp.err.log

[program:nginx]
command=${TOOLS.nginx} -p %(here)s/nginx -c %(here)s/nginx/nginx.conf -g 'daemon off;'
autostart=true
autorestart=true
startsecs=1
stdout_logfile=%(here)s/nginx.out.log
stderr_logfile=%(here)s/nginx.err.log
`;
  const marks = [`127.0.0.1:${appPort}`, ngx];
  const daemon = await launchDaemon({ kind, binaries: ctx.binaries, dir, configText, probePath: ctx.probe.path });
  let stop: StopReport;
  let result: Omit<DaemonRun, 'stop' | 'leftovers' | 'stoppedToSpawnedMs' | 'outageMs'>;
  try {
    await daemon.waitLog(isSuccess, 2, 30_000, "'success:'");
    let status = 0;
    for (let i = 0; i < 100 && status !== 200; i++) {
      status = await httpStatus(webPort);
      if (status !== 200) await sleepMs(100);
    }
    if (status !== 200) throw new Error(`${kind}: nginx → gunicorn never answered 200 (last ${status})`);
    const argv = ctlArgv('supervisorctl', ctx.binaries, join(dir, 'supervisord.conf'), ['restart', 'myapp']);
    const t0 = Date.now();
    const wrk = runWrk(webPort, sizes);
    await sleepMs(sizes.restartAtMs);
    const restartIssuedAtMs = Date.now() - t0;
    let restart: Omit<CtlRun, 'argv'> | null = null;
    if (argv !== null) {
      const { argv: _a, ...r } = await runCtl(argv, { cwd: dir, timeoutMs: 60_000 });
      restart = r;
    }
    const w = await wrk;
    const upAfter = await httpStatus(webPort);
    const se = w.socketErrors;
    result = { wrk: w, failed: w.non2xx + se.connect + se.read + se.write + se.timeout, restart, restartIssuedAtMs, upAfter };
  } finally {
    stop = await daemon.stop();
  }
  const leftovers = await killStack(marks);
  const lines = daemon.log.lines;
  const stoppedAt = lines.findIndex((l) => / (INFO|WARN) stopped: myapp /.test(l));
  const spawnedAfter = stoppedAt === -1 ? -1 : lines.findIndex((l, i) => i > stoppedAt && / INFO spawned: 'myapp' /.test(l));
  const stoppedToSpawnedMs = spawnedAfter === -1 ? NaN : mustLogTimeMs(lines[spawnedAfter] ?? '') - mustLogTimeMs(lines[stoppedAt] ?? '');
  return { ...result, outageMs: readOutageMs(join(ngx, '502.log')), stoppedToSpawnedMs, stop, leftovers };
}

export const restartUnderLoad: Scenario = {
  name: 'restart-under-load',
  title: 'Restarting gunicorn behind nginx under wrk load',
  summary: 'nginx → gunicorn (3 workers, Flask) under wrk -t2 -c32 -d10s; `supervisorctl restart myapp` at 5 s: requests without a 2xx',
  async run(ctx: ScenarioContext): Promise<ScenarioResult> {
    const sizes = ctx.smoke ? SIZES.smoke : SIZES.full;
    const runs: PerDaemon<DaemonRun> = {};
    for (const kind of ctx.daemons) {
      ctx.say(`${kind}: nginx + gunicorn, wrk for ${sizes.durationS} s, restart myapp at ${sizes.restartAtMs} ms`);
      runs[kind] = await measure(ctx, kind, sizes);
    }
    const notes: string[] = [];
    for (const [kind, r] of Object.entries(runs)) {
      const se = r.wrk.socketErrors;
      notes.push(`${kind}: ${r.wrk.requests} requests, ${r.wrk.non2xx} non-2xx/3xx, socket errors connect ${se.connect} read ${se.read} write ${se.write} timeout ${se.timeout}; restart issued at ${(r.restartIssuedAtMs / 1000).toFixed(2)} s, GET / after the run: ${r.upAfter}`);
      if (r.restart === null) notes.push(`${kind}: restart n/a: supervisorctl is not available`);
      else if (r.restart.code !== 0) notes.push(`${kind}: restart failed: ${describeCtlFailure({ ...r.restart, argv: ['supervisorctl', '-c', 'x', 'restart', 'myapp'] })}`);
      if (r.leftovers > 0) notes.push(`${kind}: ${r.leftovers} gunicorn/nginx process(es) outlived the daemon; killed by pid`);
      notes.push(...stopNotes(kind as DaemonKind, r.stop));
    }
    return {
      name: this.name,
      title: this.title,
      params: { wrk: `-t${sizes.threads} -c${sizes.connections} -d${sizes.durationS}s`, restartAtMs: sizes.restartAtMs, gunicornWorkers: 3 },
      figures: [
        figure('failed', 'requests without a 2xx (non-2xx/3xx + socket errors)', '', 0, mapDaemons(runs, (r) => r.failed)),
        figure('non2xx', 'non-2xx/3xx responses (nginx 502s)', '', 0, mapDaemons(runs, (r) => r.wrk.non2xx)),
        figure('outage', 'nginx: first → last 502 (app port closed until the new master listens)', 's', 3, mapDaemons(runs, (r) => r.outageMs / 1000)),
        figure('502-rate', '502s per second of outage (how fast nginx fails requests; CPU-bound)', '/s', 0, mapDaemons(runs, (r) => r.wrk.non2xx / (r.outageMs / 1000))),
        figure('socket-errors', 'socket errors (connect + read + write + timeout)', '', 0, mapDaemons(runs, (r) => r.failed - r.wrk.non2xx)),
        figure('requests', 'requests completed', '', 0, mapDaemons(runs, (r) => r.wrk.requests)),
        figure('rps', 'requests per second', '/s', 0, mapDaemons(runs, (r) => r.wrk.requestsPerSecond)),
        figure('stopped-to-spawned', "daemon log: 'stopped: myapp' → next 'spawned: myapp'", 's', 3, mapDaemons(runs, (r) => r.stoppedToSpawnedMs / 1000)),
        figure('restart-cli', '`supervisorctl restart myapp` under load', 's', 2, mapDaemons(runs, (r) => (r.restart?.code === 0 ? r.restart.ms / 1000 : NaN))),
      ],
      goal: { text: 'none set in issue 6 (report and compare)', met: null, detail: '' },
      notes,
      raw: mapDaemons(runs, (r) => ({ ...r, wrk: { ...r.wrk } })),
    };
  },
};
