import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseLogtailUri } from '../../../../packages/daemon/src/rpc/logtail-route.js';

test('namespec and channel from the URI; channel defaults to stdout', () => {
  assert.deepEqual(parseLogtailUri('/logtail/web'), { namespec: 'web', channel: 'stdout' });
  assert.deepEqual(parseLogtailUri('/logtail/grp:web/stderr'), { namespec: 'grp:web', channel: 'stderr' });
  assert.deepEqual(parseLogtailUri('//logtail/web/stderr?x#y'), { namespec: 'web', channel: 'stderr' });
  assert.deepEqual(parseLogtailUri('/logtail/grp%3Aweb/stdout'), { namespec: 'grp:web', channel: 'stdout' });
  assert.deepEqual(parseLogtailUri('/logtail/web/stdout/more'), { namespec: 'web', channel: 'stdout/more' });
});

test('no namespec → null (404)', () => {
  assert.equal(parseLogtailUri('/logtail'), null);
  assert.equal(parseLogtailUri('/logtail/'), null);
  assert.equal(parseLogtailUri('/logtailx'), null);
});
