// renderStatusTable: the TTY view (columns, colours, blank stats against supervisord).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderStatusTable, stateStyle, TABLE_HEAD } from '../../../../packages/ctl/src/render/status-table.js';
import { shouldColor } from '../../../../packages/ctl/src/render/colors.js';
import { info } from '../harness.js';

const stats = { name: 'g1', group: 'grp', pid: 4242, restarts: 3, cpu_percent: 12.345, rss_bytes: 10 * 1024 * 1024 + 1 };

test('the table has the head, pid, uptime, restarts, CPU and RSS columns', () => {
  const text = renderStatusTable([{ info: info('grp', 'g1', 'RUNNING'), stats, expectedExit: null }], false);
  for (const h of TABLE_HEAD) assert.match(text, new RegExp(h));
  assert.match(text, /grp:g1/);
  assert.match(text, /4242/);
  assert.match(text, /0:01:40/);
  assert.match(text, /│ +3 │/);
  assert.match(text, /12\.3%/);
  assert.match(text, /10\.0 MiB/);
  assert.doesNotMatch(text, /\x1b\[/, 'no colour when disabled');
});

test('without stats the columns stay blank; non-running rows show their description', () => {
  const text = renderStatusTable([{ info: info('q', 'q', 'FATAL', { description: 'Exited too quickly (process log may have details)' }), stats: null, expectedExit: null }], false);
  assert.match(text, /Exited too quickly/);
  assert.doesNotMatch(text, /%/);
});

test('state colours', () => {
  const style = (statename: string, extra: Parameters<typeof info>[3] = {}, expectedExit: boolean | null = null) =>
    stateStyle({ info: info('a', 'a', statename, extra), stats: null, expectedExit });
  assert.equal(style('RUNNING'), 'green');
  for (const s of ['STARTING', 'BACKOFF', 'STOPPING']) assert.equal(style(s), 'yellow');
  for (const s of ['FATAL', 'UNKNOWN']) assert.equal(style(s), 'red');
  assert.equal(style('STOPPED'), 'dim');
  assert.equal(style('EXITED', { exitstatus: 0 }), 'dim');
  assert.equal(style('EXITED', { exitstatus: 3 }), 'red');
  assert.equal(style('EXITED', { exitstatus: 3 }, true), 'dim');
  assert.equal(style('EXITED', { exitstatus: 0 }, false), 'red');
  const text = renderStatusTable([{ info: info('a', 'a', 'RUNNING'), stats: null, expectedExit: null }], true);
  assert.match(text, /\x1b\[32mRUNNING\x1b\[39m/);
});

test('NO_COLOR and FORCE_COLOR', () => {
  assert.equal(shouldColor({}, true), true);
  assert.equal(shouldColor({}, false), false);
  assert.equal(shouldColor({ NO_COLOR: '1' }, true), false);
  assert.equal(shouldColor({ NO_COLOR: '' }, true), true);
  assert.equal(shouldColor({ FORCE_COLOR: '1' }, false), true);
  assert.equal(shouldColor({ FORCE_COLOR: '0' }, true), false);
  assert.equal(shouldColor({ FORCE_COLOR: '1', NO_COLOR: '1' }, false), true);
  assert.equal(shouldColor({ TERM: 'dumb' }, true), false);
});
