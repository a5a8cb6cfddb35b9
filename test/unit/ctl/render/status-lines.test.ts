// renderStatusLines: supervisorctl's _show_statuses column rules.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderStatusLines } from '../../../../packages/ctl/src/render/status-lines.js';

const row = (group: string, name: string, statename: string, description: string) => ({ group, name, statename, description });

test('namespec in max(30, longest)+3 columns, statename in 10, then the description', () => {
  assert.deepEqual(renderStatusLines([row('exit0', 'exit0', 'STOPPED', 'Not started'), row('grp', 'g1', 'RUNNING', 'pid 5749, uptime 0:00:05')]), [
    'exit0                            STOPPED   Not started',
    'grp:g1                           RUNNING   pid 5749, uptime 0:00:05',
  ]);
});

test('an empty description keeps the trailing spaces', () => {
  assert.deepEqual(renderStatusLines([row('newone', 'newone', 'STARTING', '')]), ['newone                           STARTING  ']);
});

test('a namespec longer than 30 widens every line', () => {
  const long = 'a'.repeat(40);
  const lines = renderStatusLines([row(long, long, 'RUNNING', 'x'), row('b', 'b', 'STOPPED', 'y')]);
  assert.equal(lines[0], `${long}   RUNNING   x`);
  assert.equal(lines[1], `b${' '.repeat(42)}STOPPED   y`);
});

test('a statename longer than 10 is not cut', () => {
  assert.deepEqual(renderStatusLines([row('a', 'a', 'VERYLONGSTATE', 'x')]), [`a${' '.repeat(32)}VERYLONGSTATEx`]);
});

test('widths count code points, as Python does', () => {
  const [line] = renderStatusLines([row('ünï', 'ünï', 'RUNNING', '')]);
  assert.equal([...line!].length, 33 + 10);
});

test('no processes, no lines', () => {
  assert.deepEqual(renderStatusLines([]), []);
});
