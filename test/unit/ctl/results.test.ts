// Exit status folding and set_exitstatus_from_xmlrpc_fault.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ExitCode, foldExit } from '../../../packages/ctl/src/exit-codes.js';
import { exitStatusForFault, resultName } from '../../../packages/ctl/src/results.js';

test('the last failure wins; successes never reset', () => {
  assert.equal(foldExit(0, 0), 0);
  assert.equal(foldExit(7, 0), 7);
  assert.equal(foldExit(7, 1), 1);
  assert.equal(foldExit(1, 7), 7);
});

test('fault → exit status: SUCCESS and the ignored code unchanged, dead-program faults 7, the rest 1', () => {
  assert.equal(exitStatusForFault(80), ExitCode.SUCCESS);
  assert.equal(exitStatusForFault(60, 60), ExitCode.SUCCESS);
  for (const code of [50, 40, 70]) assert.equal(exitStatusForFault(code), ExitCode.NOT_RUNNING);
  for (const code of [10, 11, 20, 21, 30, 60]) assert.equal(exitStatusForFault(code), ExitCode.GENERIC);
});

test('result names use the short form when group and process agree', () => {
  assert.equal(resultName({ group: 'a', name: 'a' }), 'a');
  assert.equal(resultName({ group: 'g', name: 'p' }), 'g:p');
});
