import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeSpawnFailure } from '../../../../packages/daemon/src/process/spawn-errors.js';

test('pipe creation failures use supervisor\'s dispatcher texts', () => {
  assert.equal(describeSpawnFailure('pipes', 'EMFILE', 'web', 'gunicorn'), "too many open files to spawn 'web'");
  assert.equal(describeSpawnFailure('pipes', 'ENOSPC', 'web', 'gunicorn'), "unknown error making dispatchers for 'web': ENOSPC");
});

test('fork failures use supervisor\'s fork texts', () => {
  assert.equal(describeSpawnFailure('spawn', 'EAGAIN', 'web', 'gunicorn'), "Too many processes in process table to spawn 'web'");
  assert.equal(describeSpawnFailure('spawn', 'ENOMEM', 'web', 'gunicorn'), "unknown error during fork for 'web': ENOMEM");
  assert.equal(describeSpawnFailure('spawn', 'EMFILE', 'web', 'gunicorn'), "too many open files to spawn 'web'");
});

test('exec failures read like the line supervisor\'s child prints', () => {
  assert.equal(describeSpawnFailure('spawn', 'ENOENT', 'web', 'gunicorn'), "couldn't exec gunicorn: ENOENT");
  assert.equal(describeSpawnFailure('spawn', 'ENOEXEC', 'web', './run'), "couldn't exec ./run: ENOEXEC");
});
