// tendctl against tendd: the auto transport settles on JSON-RPC (POST /rpc), prints the same lines
// as over XML-RPC, and the tend-only views (--json stats, the TTY table) get tend.getProcessStats.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { REPO } from '../../helpers/bins.js';
import { nodeCommand, startDaemon } from '../../helpers/daemon.js';
import { requireTool } from '../../helpers/tools.js';
import { SupervisorApi } from '../../../packages/ctl/src/api.js';
import { connectRpcClient } from '../../../packages/ctl/src/client.js';
import type { TransportMemo } from '../../../packages/ctl/src/client.js';
import { normalize, runCtlBin } from './compat-harness.js';

const CONF = `[unix_http_server]
file=%(here)s/td.sock

[supervisord]
logfile=%(here)s/td.log
childlogdir=%(here)s

[rpcinterface:supervisor]
supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface

[supervisorctl]
serverurl=unix://%(here)s/td.sock

[program:sleeper]
command=${nodeCommand('tick.mjs', 1000000)}

[program:idle]
command=${nodeCommand('tick.mjs', 1000000)}
autostart=false
`;

test('tendctl speaks JSON-RPC to tendd and prints the same as over XML-RPC', async (t) => {
  assert.ok(existsSync(join(REPO, 'packages/ctl/dist/main.js')), 'run `npx tsc -b` first');
  const d = startDaemon(t, CONF);
  await d.waitForLog(/^success: sleeper entered RUNNING/);
  const serverurl = `unix://${join(d.dir, 'td.sock')}`;

  const memo: TransportMemo = new Map();
  const client = connectRpcClient({ serverurl, username: null, password: null }, 'auto', memo);
  const api = new SupervisorApi(client);
  assert.equal(await api.getVersion(), '3.0');
  const stats = await api.getProcessStats();
  client.close();
  assert.equal(memo.get(serverurl), 'json');
  assert.ok(stats.some((s) => s.name === 'sleeper' && s.pid > 0 && s.rss_bytes > 0));

  for (const line of ['status', 'status sleeper nosuch', 'pid sleeper', 'version', 'avail', 'tail sleeper', 'start idle', 'stop idle', 'signal WINCH sleeper', 'help']) {
    const runs = [];
    for (const transport of ['auto', 'json', 'xmlrpc']) {
      runs.push(await runCtlBin('tend', [`--transport=${transport}`, '-c', d.confPath, ...line.split(' ')], { cwd: d.dir }));
    }
    if (line === 'start idle' || line === 'stop idle') continue; // state changes: each run differs on purpose
    const [auto, json, xml] = runs.map((r) => ({ stdout: normalize(r.stdout), status: r.status }));
    assert.deepEqual(json, auto, line);
    assert.deepEqual(xml, auto, line);
  }

  const doc = JSON.parse((await runCtlBin('tend', ['--json', '-c', d.confPath, 'status', 'sleeper'], { cwd: d.dir })).stdout) as { processes: { stats: { rss_bytes: number } | null }[] };
  assert.ok(doc.processes[0]!.stats !== null && doc.processes[0]!.stats.rss_bytes > 0, 'tendd reports stats');
});

test('on a terminal, status against tendd draws the table with RSS', async (t) => {
  if (!requireTool(t, '/usr/bin/script', 'the table test needs a pseudo-terminal from util-linux script')) return;
  const d = startDaemon(t, CONF);
  await d.waitForLog(/^success: sleeper entered RUNNING/);
  const cmd = `${process.execPath} ${join(REPO, 'packages/ctl/bin/tendctl.js')} -c ${d.confPath} status`;
  const out = spawnSync('/usr/bin/script', ['-qec', cmd, '/dev/null'], { cwd: d.dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '' }, timeout: 20_000 });
  assert.match(out.stdout, /│ NAME +│ STATE +│ +PID │ +UPTIME │ RESTARTS │ +CPU │ +RSS │ DESCRIPTION +│/);
  assert.match(out.stdout, /│ sleeper +│ RUNNING +│ +\d+ │ +0:00:0\d │ +0 │ +\d+\.\d% │ +[\d.]+ MiB │/);
  assert.match(out.stdout, /│ idle +│ STOPPED +│/);
  assert.doesNotMatch(out.stdout, /\x1b\[3\dm/, 'NO_COLOR turns the colours off');
  assert.equal(out.status, 3);
});
