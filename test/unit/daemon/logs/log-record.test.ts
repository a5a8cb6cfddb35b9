import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatLogRecord, formatTimestamp, isLevelEnabled, LogLevel } from '../../../../packages/daemon/src/logs/log-record.js';

// Built from local-time parts, so the expected text holds in any TZ.
const AT = new Date(2026, 10, 21, 18, 56, 47, 127).getTime();

test('a record is `YYYY-MM-DD HH:MM:SS,mmm LEVL message` in local time with a newline', () => {
  assert.equal(formatLogRecord('INFO', "spawned: 'g1' with pid 5749", AT), "2026-11-21 18:56:47,127 INFO spawned: 'g1' with pid 5749\n");
});

test('fields are zero-padded and milliseconds are truncated, not rounded', () => {
  const early = new Date(2026, 0, 2, 3, 4, 5, 6).getTime();
  assert.equal(formatTimestamp(early), '2026-01-02 03:04:05,006');
  assert.equal(formatTimestamp(early + 0.9), '2026-01-02 03:04:05,006');
  assert.equal(formatTimestamp(new Date(2026, 11, 31, 23, 59, 59, 999).getTime() + 0.999), '2026-12-31 23:59:59,999');
});

test('a multi-line message is written as is, after one header', () => {
  assert.equal(formatLogRecord('DEBG', "'x' stdout output:\nline 1\nline 2\n", AT), "2026-11-21 18:56:47,127 DEBG 'x' stdout output:\nline 1\nline 2\n\n");
});

test('level names and numbers are supervisor\'s', () => {
  assert.deepEqual(LogLevel, { CRIT: 50, ERRO: 40, WARN: 30, INFO: 20, DEBG: 10, TRAC: 5, BLAT: 3 });
});

test('a record passes when its level is at or above the threshold', () => {
  assert.equal(isLevelEnabled('INFO', 20), true);
  assert.equal(isLevelEnabled('DEBG', 20), false);
  assert.equal(isLevelEnabled('WARN', 20), true);
  assert.equal(isLevelEnabled('BLAT', 3), true);
  assert.equal(isLevelEnabled('TRAC', 10), false);
  assert.equal(isLevelEnabled('CRIT', 50), true);
  assert.equal(isLevelEnabled('ERRO', 50), false);
});
