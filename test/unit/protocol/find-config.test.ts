// Where tendd and tendctl look for a config file without -c.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { configSearchPaths, findConfig } from '../../../packages/protocol/src/find-config.js';

test('search paths: tend.conf names before supervisord.conf ones', () => {
  const paths = configSearchPaths('/opt/tend/bin/tendctl');
  assert.deepEqual(paths.slice(0, 2), ['/opt/tend/etc/tend.conf', '/opt/tend/tend.conf']);
  assert.ok(paths.indexOf('/etc/tend/tend.conf') < paths.indexOf('/etc/supervisor/supervisord.conf'));
  assert.equal(findConfig(paths, (p) => p === 'supervisord.conf' || p === '/etc/supervisor/supervisord.conf'), 'supervisord.conf');
  assert.equal(findConfig(paths, () => false), null);
});
