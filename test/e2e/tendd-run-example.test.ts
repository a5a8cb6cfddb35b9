// The bundled example, run as the README says (`tendd -n -c conf.d.example/supervisord.conf`),
// on a copy in a temp dir so the test owns every file it writes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { get } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO } from '../helpers/bins.js';
import { isAlive, startDaemon, withDeadline } from '../helpers/daemon.js';

const PORTS = [8100, 8101, 8102];
/** myapp.conf runs the guides' Gunicorn app when gunicorn and Flask are installed; else it goes FATAL. */
const HAVE_GUNICORN = existsSync('/usr/bin/gunicorn') && spawnSync('/usr/bin/python3', ['-c', 'import flask']).status === 0;

/** Whether 127.0.0.1:port can be listened on right now. */
function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

function httpGet(port: number): Promise<{ status: number | undefined; body: string }> {
  return withDeadline(new Promise((resolve, reject) => {
    get({ host: '127.0.0.1', port, path: '/', agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (s: string) => { body += s; }).on('end', () => resolve({ status: res.statusCode, body }));
    }).on('error', reject);
  }), 5_000, `GET http://127.0.0.1:${port}/`);
}

test('the bundled example: web and worker RUNNING, flaky FATAL, the web servers answer, SIGTERM stops everything', async (t) => {
  const busy = [];
  for (const port of [...PORTS, 8000]) if (!(await portFree(port))) busy.push(port);
  assert.deepEqual(busy, [], 'ports 8000 and 8100-8102 must be free (is `npm start` running?)');

  const dir = mkdtempSync(join(tmpdir(), 'tend-example-'));
  const example = join(dir, 'conf.d.example');
  cpSync(join(REPO, 'conf.d.example'), example, { recursive: true, filter: (src) => !src.startsWith(join(REPO, 'conf.d.example', 'run', '')) });
  mkdirSync(join(example, 'run'), { recursive: true });

  const d = startDaemon(t, null, { dir, args: ['-n', '-c', 'conf.d.example/supervisord.conf'] });
  // Registered after the daemon's own cleanup, so it runs once the daemon is gone.
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const names = ['web_0', 'web_1', 'web_2', 'worker'];
  for (const name of names) await d.waitForLog(new RegExp(`^success: ${name} entered RUNNING state`));
  await d.waitForLog(/^gave up: flaky entered FATAL state, too many start retries too quickly$/, { timeoutMs: 15_000 });
  if (HAVE_GUNICORN) await d.waitForLog(/^success: myapp entered RUNNING state/, { timeoutMs: 15_000 });
  else await d.waitForLog(/^gave up: myapp entered FATAL state/, { timeoutMs: 15_000 });
  const flakyRuns = d.lines().filter((l) => l.message.startsWith("spawned: 'flaky'")).length;
  assert.equal(flakyRuns, 3, 'flaky was tried 1 + startretries (2) times');

  const pidOf = (name: string): number => Number(new RegExp(`^spawned: '${name}' with pid (\\d+)$`).exec(d.lines().find((l) => l.message.startsWith(`spawned: '${name}'`))?.message ?? '')?.[1]);
  for (const [i, port] of PORTS.entries()) {
    const res = await httpGet(port);
    assert.deepEqual(res, { status: 200, body: `hello from tend: GET / served by pid ${pidOf(`web_${i}`)} on port ${port}\n` });
  }

  const pids = d.spawnedPids();
  await d.ready();
  d.signal('SIGTERM');
  assert.deepEqual(await d.exited(), { code: 0, signal: null });
  const stopped = d.lines().map((l) => /^stopped: (\w+) \(exit status 0\)$/.exec(l.message)?.[1]).filter((n) => n !== undefined);
  // myapp (priority 999) first when it runs, then worker (200), then the web group (100).
  const first = HAVE_GUNICORN ? ['myapp', 'worker'] : ['worker'];
  assert.deepEqual([...stopped.slice(0, first.length), ...stopped.slice(first.length).sort()], [...first, 'web_0', 'web_1', 'web_2']);
  assert.deepEqual(pids.filter(isAlive), [], 'no program survives');
});
