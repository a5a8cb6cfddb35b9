// The real /usr/bin/supervisorctl (4.2.5) against tend's server with a fake method set: its
// XML-RPC transport (one keep-alive connection, no retry), its parser (expat: the log with
// ANSI colours and invalid UTF-8 must be well-formed XML), its auth, and its own HTTP client
// for `tail -f`.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { requireTool } from '../../../helpers/tools.js';
import { NASTY_LOG, startHarness, type Harness, type HarnessOptions } from './rpc-harness.js';

const SUPERVISORCTL = '/usr/bin/supervisorctl';
const ENV = { PATH: '/usr/bin:/bin', LANG: 'C.UTF-8', PYTHONIOENCODING: 'utf-8', PYTHONDONTWRITEBYTECODE: '1' };

function ctlConfig(h: Harness, serverurl: string, creds = ''): string {
  const path = join(h.dir, `ctl-${Math.random().toString(36).slice(2)}.conf`);
  writeFileSync(path, `[supervisorctl]\nserverurl=${serverurl}\n${creds}`);
  return path;
}

// Asynchronous: the server runs in this very process, so a spawnSync would deadlock it.
function ctl(conf: string, ...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(SUPERVISORCTL, ['-c', conf, ...args], { env: ENV, encoding: 'utf8', timeout: 20_000 }, (err, stdout, stderr) => {
      const code = err === null ? 0 : typeof err.code === 'number' ? err.code : null;
      resolve({ status: code, stdout, stderr });
    });
  });
}

async function setup(t: TestContext, options: HarnessOptions = {}): Promise<{ h: Harness; out: string } | null> {
  if (!requireTool(t, SUPERVISORCTL, 'the real supervisorctl is run against tend\'s server')) return null;
  const paths = { out: '' };
  const h = await startHarness(t, { logtail: { processLog: (name) => (name === 'web' ? paths.out : null), mainLog: () => null }, ...options });
  paths.out = join(h.dir, 'web.out.log');
  writeFileSync(paths.out, NASTY_LOG);
  return { h, out: paths.out };
}

test('status, version, tail and maintail work; the ANSI / invalid-UTF-8 log is readable', async (t) => {
  const s = await setup(t);
  if (s === null) return;
  const conf = ctlConfig(s.h, `unix://${s.h.socketPath}`);

  const status = await ctl(conf, 'status');
  assert.equal(status.stderr, '');
  assert.equal(status.stdout, 'web                              RUNNING   pid 1234, uptime 0:01:40\nworker                           STOPPED   Not started\n');
  assert.equal(status.status, 3, 'supervisorctl status exits 3 when a shown process is not running');

  const version = await ctl(conf, 'version');
  assert.deepEqual([version.status, version.stdout, version.stderr], [0, '4.2.5\n', '']);

  const tail = await ctl(conf, 'tail', 'web');
  assert.equal(tail.stderr, '');
  assert.equal(tail.status, 0);
  assert.equal(tail.stdout, 'plain line\n\u241b[31mred\u241b[0m \u2400nul \r\n\ufffd\ufffdA\ufffd\n\u00e9t\u00e9 \u{1f600}\n\n');

  const maintail = await ctl(conf, 'maintail');
  assert.equal(maintail.stderr, '');
  assert.equal(maintail.status, 0);
  assert.ok(maintail.stdout.includes('\u241b[31mred'));
});

test('tail -f follows the log through /logtail', async (t) => {
  const s = await setup(t);
  if (s === null) return;
  const conf = ctlConfig(s.h, `unix://${s.h.socketPath}`);
  const child = spawn(SUPERVISORCTL, ['-c', conf, 'tail', '-f', 'web'], { env: ENV });
  t.after(() => child.kill('SIGKILL'));
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
  const waitFor = async (text: string): Promise<void> => {
    const deadline = Date.now() + 10_000;
    while (!out.includes(text)) {
      assert.ok(Date.now() < deadline, `no ${JSON.stringify(text)} in ${JSON.stringify(out)} (stderr ${JSON.stringify(err)})`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  await waitFor('\u{1f600}\n');
  assert.ok(out.includes('\x1b[31mred'), 'the stream carries the raw ANSI escapes for the terminal');
  assert.ok(!out.includes('Undecodable'), out);
  appendFileSync(s.out, 'a new line\n');
  await waitFor('a new line\n');
  assert.equal(err.replace(/^==> Press Ctrl-C to exit <==\n/, ''), '');
});

test('with a username and a {SHA} password: the right one works, a wrong one is refused', async (t) => {
  const s = await setup(t, { username: 'admin', password: '{SHA}40bd001563085fc35165329ea1ff5c5ecbdbbeef' });
  if (s === null) return;
  const good = await ctl(ctlConfig(s.h, `unix://${s.h.socketPath}`, 'username=admin\npassword=123\n'), 'status');
  assert.equal(good.stderr, '');
  assert.match(good.stdout, /^web +RUNNING/);
  const bad = await ctl(ctlConfig(s.h, `unix://${s.h.socketPath}`, 'username=admin\npassword=nope\n'), 'status');
  assert.match(bad.stdout + bad.stderr, /Server requires authentication/);
  assert.notEqual(bad.status, 0);
});

test('over TCP (serverurl=http://…)', async (t) => {
  const s = await setup(t, { inet: true });
  if (s === null) return;
  const r = await ctl(ctlConfig(s.h, `http://127.0.0.1:${s.h.port}`), 'status', 'web');
  assert.equal(r.stderr, '');
  assert.equal(r.stdout, 'web                              RUNNING   pid 1234, uptime 0:01:40\n');
  assert.equal(r.status, 0);
});
