// The handler table against protocol's METHOD_TABLE, and the pure formatting of process info.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { METHODS } from '../../../../packages/protocol/src/methods.js';
import { createSupervisorHandlers, type HandlerContext } from '../../../../packages/daemon/src/rpc/handlers/index.js';
import { formatStopTime, formatUptime } from '../../../../packages/daemon/src/rpc/handlers/process-info.js';

test('every supervisor.* and tend.* method in the table has exactly one handler, and nothing else does', () => {
  // The factories only close over the context; no method is called here.
  const handlers = createSupervisorHandlers({ supervisor: {}, daemon: {} } as unknown as HandlerContext);
  const expected = METHODS.map((m) => m.name).filter((n) => !n.startsWith('system.')).sort();
  assert.deepEqual([...handlers.keys()].sort(), expected);
});

test('the method table lists supervisor 4.2.5\'s 41 methods plus tend.getProcessStats', () => {
  const names = METHODS.map((m) => m.name);
  assert.equal(names.filter((n) => !n.startsWith('tend.')).length, 41);
  assert.ok(names.includes('tend.getProcessStats'));
});

test('uptime prints like Python str(timedelta)', () => {
  assert.equal(formatUptime(5), '0:00:05');
  assert.equal(formatUptime(12 * 3600 + 3 * 60 + 4), '12:03:04');
  assert.equal(formatUptime(86400 + 5), '1 day, 0:00:05');
  assert.equal(formatUptime(3 * 86400 + 4 * 3600 + 5 * 60 + 6), '3 days, 4:05:06');
  assert.equal(formatUptime(-3), '0:00:00');
});

test('stop times print as strftime %b %d %I:%M %p in local time', () => {
  const d = new Date(2026, 10, 21, 18, 57, 0);
  assert.equal(formatStopTime(d.getTime() / 1000), 'Nov 21 06:57 PM');
  assert.equal(formatStopTime(new Date(2026, 0, 1, 0, 0, 0).getTime() / 1000), 'Jan 01 12:00 AM');
  assert.equal(formatStopTime(new Date(2026, 0, 1, 12, 5, 0).getTime() / 1000), 'Jan 01 12:05 PM');
});
