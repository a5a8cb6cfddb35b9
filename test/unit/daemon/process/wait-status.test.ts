import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeExitStatus, exitStatusCode, isExpectedExit } from '../../../../packages/daemon/src/process/wait-status.js';

test('an exit is `exit status N`', () => {
  assert.equal(describeExitStatus({ code: 0, signal: null }), 'exit status 0');
  assert.equal(describeExitStatus({ code: 127, signal: null }), 'exit status 127');
});

test('a signal is `terminated by SIGNAME` with Python\'s signal names', () => {
  assert.equal(describeExitStatus({ code: null, signal: 'SIGTERM' }), 'terminated by SIGTERM');
  assert.equal(describeExitStatus({ code: null, signal: 'SIGKILL' }), 'terminated by SIGKILL');
  assert.equal(describeExitStatus({ code: null, signal: 'SIGIO' }), 'terminated by SIGPOLL');
  assert.equal(describeExitStatus({ code: null, signal: 'SIGIOT' }), 'terminated by SIGABRT');
});

test('neither code nor signal is an unknown cause', () => {
  assert.equal(describeExitStatus({ code: null, signal: null }), 'unknown termination cause');
});

test('exitstatus is the code, or -1 when killed by a signal', () => {
  assert.equal(exitStatusCode({ code: 3, signal: null }), 3);
  assert.equal(exitStatusCode({ code: null, signal: 'SIGHUP' }), -1);
});

test('expected only when the exit code is listed; a signal never is', () => {
  assert.equal(isExpectedExit({ code: 0, signal: null }, [0, 2]), true);
  assert.equal(isExpectedExit({ code: 2, signal: null }, [0, 2]), true);
  assert.equal(isExpectedExit({ code: 1, signal: null }, [0, 2]), false);
  assert.equal(isExpectedExit({ code: null, signal: 'SIGTERM' }, [0, -1]), false);
});
