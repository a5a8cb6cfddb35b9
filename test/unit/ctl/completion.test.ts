// Shell completion, as supervisorctl's Controller.complete.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { completeLine, completionNeed, currentWord } from '../../../packages/ctl/src/completion.js';
import { info } from './harness.js';

const VERBS = ['help', 'add', 'avail', 'clear', 'start', 'status', 'stop', 'tail', 'update'];
const INFOS = [info('grp', 'g1', 'RUNNING'), info('grp', 'g2', 'STOPPED'), info('sleeper', 'sleeper', 'RUNNING')];

test('the word being completed keeps : * and -', () => {
  assert.equal(currentWord('start grp:g'), 'grp:g');
  assert.equal(currentWord('tail -f my-proc'), 'my-proc');
  assert.equal(currentWord('status '), '');
});

test('which list completes a line', () => {
  assert.equal(completionNeed(''), 'verbs');
  assert.equal(completionNeed('st'), 'verbs');
  assert.equal(completionNeed('help st'), 'verbs');
  assert.equal(completionNeed('add '), 'groups');
  assert.equal(completionNeed('start s'), 'processes');
  assert.equal(completionNeed('version '), 'none');
});

test('verbs, groups and processes', async () => {
  const fetch = () => Promise.resolve(INFOS);
  assert.deepEqual(await completeLine('st', VERBS, fetch), [['start ', 'status ', 'stop '], 'st']);
  assert.deepEqual(await completeLine('update ', VERBS, fetch), [['grp ', 'sleeper '], '']);
  assert.deepEqual(await completeLine('start ', VERBS, fetch), [['grp:g1 ', 'grp:* ', 'grp:g2 ', 'sleeper '], '']);
  assert.deepEqual(await completeLine('start sl', VERBS, fetch), [['sleeper '], 'sl']);
  assert.deepEqual(await completeLine('start sleeper:', VERBS, fetch), [['sleeper:sleeper ', 'sleeper:* '], 'sleeper:']);
  let fetched = false;
  await completeLine('version ', VERBS, () => {
    fetched = true;
    return Promise.resolve(INFOS);
  });
  assert.equal(fetched, false, 'no RPC when no names are needed');
});
