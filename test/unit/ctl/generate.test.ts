// tendctl generate systemd: the unit for the config in use, with the installed paths.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FakeServer, runCtl } from './harness.js';

test('generate systemd prints a Type=notify unit for the config file and the installed commands', async () => {
  const r = await runCtl(new FakeServer(), 'generate systemd', { configFile: '/etc/supervisor/supervisord.conf' });
  assert.equal(r.status, 0);
  assert.match(r.stdout, /^Type=notify$/m);
  assert.match(r.stdout, /^ExecStart=\/usr\/local\/bin\/tendd -n -c \/etc\/supervisor\/supervisord\.conf$/m);
  assert.match(r.stdout, /^ExecReload=\/usr\/local\/bin\/tendctl -c \/etc\/supervisor\/supervisord\.conf reread$/m);
  assert.match(r.stdout, /^ExecReload=\/usr\/local\/bin\/tendctl -c \/etc\/supervisor\/supervisord\.conf update$/m);
  assert.match(r.stdout, /^KillMode=mixed$/m);
  assert.deepEqual(r.calls, [], 'generating a unit makes no RPC call');
});

test('generate without a target, or with an unknown one, is a usage error', async () => {
  for (const line of ['generate', 'generate upstart']) {
    const r = await runCtl(new FakeServer(), line);
    assert.equal(r.status, 2, line);
    assert.match(r.stdout, /^Error: generate requires a target: systemd$/m);
  }
});
