import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import type { ChildProcess } from 'node:child_process';
import type { Socket } from 'node:net';
import { watchExit } from '../../../../packages/daemon/src/process/exit-watch.js';
import type { ExitReport } from '../../../../packages/daemon/src/process/exit-watch.js';

function fakes(streams: number): { child: ChildProcess; outputs: Socket[] } {
  return {
    child: new EventEmitter() as unknown as ChildProcess,
    outputs: Array.from({ length: streams }, () => new EventEmitter() as unknown as Socket),
  };
}

test('the exit is reported once both the exit and every stream\'s close have happened', () => {
  const { child, outputs } = fakes(2);
  let afterExit = 0;
  const onExit = watchExit(child, outputs, 100, () => (afterExit += 1));
  const seen: ExitReport[] = [];
  onExit((s) => seen.push(s));
  child.emit('exit', 1, null);
  outputs[0]?.emit('close');
  assert.deepEqual(seen, []);
  outputs[1]?.emit('close');
  assert.deepEqual(seen, [{ code: 1, signal: null }]);
  assert.equal(afterExit, 1);
});

test('streams closing before the exit wait for the exit', () => {
  const { child, outputs } = fakes(1);
  const onExit = watchExit(child, outputs, 100, () => {});
  const seen: ExitReport[] = [];
  onExit((s) => seen.push(s));
  outputs[0]?.emit('close');
  assert.deepEqual(seen, []);
  child.emit('exit', null, 'SIGKILL');
  assert.deepEqual(seen, [{ code: null, signal: 'SIGKILL' }]);
});

test('a stream held open by a descendant delays the report by the grace only', (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const { child, outputs } = fakes(1);
  const onExit = watchExit(child, outputs, 100, () => {});
  const seen: ExitReport[] = [];
  onExit((s) => seen.push(s));
  child.emit('exit', 0, null);
  t.mock.timers.tick(99);
  assert.deepEqual(seen, []);
  t.mock.timers.tick(1);
  assert.deepEqual(seen, [{ code: 0, signal: null }]);
  outputs[0]?.emit('close');
  assert.equal(seen.length, 1);
});

test('a listener added after the report is still called, once, asynchronously', async () => {
  const { child, outputs } = fakes(0);
  const onExit = watchExit(child, outputs, 100, () => {});
  child.emit('exit', 2, null);
  const late = new Promise<ExitReport>((resolve) => onExit(resolve));
  assert.deepEqual(await late, { code: 2, signal: null });
});

test('a stream error does not throw', () => {
  const { child, outputs } = fakes(1);
  watchExit(child, outputs, 100, () => {});
  assert.doesNotThrow(() => outputs[0]?.emit('error', new Error('EIO')));
});
