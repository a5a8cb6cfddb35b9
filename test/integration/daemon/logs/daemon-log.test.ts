import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, renameSync, unlinkSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { DaemonLog, SYSLOG_NOTE, type DaemonLogOptions } from '../../../../packages/daemon/src/logs/daemon-log.js';
import type { LogFileError } from '../../../../packages/daemon/src/logs/log-file-error.js';
import { nodeLogFs } from '../../../../packages/daemon/src/logs/log-fs.js';
import { LogLevel } from '../../../../packages/daemon/src/logs/log-record.js';
import { makeTempDir } from './logs-reference.js';

// Local-time parts, so the expected lines hold in any TZ.
const T0 = new Date(2026, 10, 21, 18, 56, 47, 127).getTime();
const STAMP = '2026-11-21 18:56:47,127';

function fixedClock(start = T0): { now: () => number; advance: (ms: number) => void } {
  let t = start;
  return { now: () => t, advance: (ms) => { t += ms; } };
}

function collector(): { write: (text: string) => void; text: () => string } {
  const parts: string[] = [];
  return { write: (text) => { parts.push(text); }, text: () => parts.join('') };
}

function openLog(path: string, options: Partial<DaemonLogOptions> = {}, maxBytes = 0, backups = 0): DaemonLog {
  const log = new DaemonLog({ level: LogLevel.INFO, now: fixedClock().now, ...options });
  const opened = log.open({ logfile: path, maxBytes, backups });
  assert.ok(opened.ok, opened.ok ? '' : opened.error.message);
  return log;
}

test('records go to the log file as `YYYY-MM-DD HH:MM:SS,mmm LEVL message`', (t) => {
  const path = join(makeTempDir(t), 'supervisord.log');
  const log = openLog(path);
  log.info("spawned: 'g1' with pid 5749");
  log.critical('Supervisor is running as root.');
  log.close();
  assert.equal(readFileSync(path, 'utf8'), `${STAMP} INFO spawned: 'g1' with pid 5749\n${STAMP} CRIT Supervisor is running as root.\n`);
});

test('records below the loglevel number are dropped', (t) => {
  const path = join(makeTempDir(t), 'warn.log');
  const log = openLog(path, { level: LogLevel.WARN });
  log.blather('b');
  log.trace('t');
  log.debug('d');
  log.info('i');
  log.warn('w');
  log.error('e');
  log.critical('c');
  assert.equal(log.isEnabledFor('INFO'), false);
  assert.equal(log.isEnabledFor('WARN'), true);
  log.close();
  assert.equal(readFileSync(path, 'utf8'), `${STAMP} WARN w\n${STAMP} ERRO e\n${STAMP} CRIT c\n`);

  const blather = join(makeTempDir(t), 'blather.log');
  const all = openLog(blather, { level: LogLevel.BLAT });
  all.blather('b');
  all.log('TRAC', 't');
  all.close();
  assert.equal(readFileSync(blather, 'utf8'), `${STAMP} BLAT b\n${STAMP} TRAC t\n`);
});

test('with an echo stream every record is written there too, in the same order', (t) => {
  const path = join(makeTempDir(t), 'echo.log');
  const echo = collector();
  const clock = fixedClock();
  const log = openLog(path, { echo, now: clock.now });
  log.info('one');
  clock.advance(1001);
  log.warn('two');
  log.debug('hidden');
  log.close();
  const expected = `${STAMP} INFO one\n2026-11-21 18:56:48,128 WARN two\n`;
  assert.equal(echo.text(), expected);
  assert.equal(readFileSync(path, 'utf8'), expected);
});

test('records logged before open() are written at open(), stamped with the time they were logged', (t) => {
  const path = join(makeTempDir(t), 'early.log');
  const echo = collector();
  const clock = fixedClock();
  const log = new DaemonLog({ level: LogLevel.INFO, now: clock.now, echo });
  log.warn('No file matches via include "/etc/x/*.conf"');
  log.debug('below the level, never kept');
  clock.advance(5);
  log.info('Included extra file "/etc/y.conf" during parsing');
  assert.equal(echo.text(), '', 'nothing is echoed before open()');
  assert.equal(existsSync(path), false);
  clock.advance(1000);
  assert.equal(log.open({ logfile: path, maxBytes: 0, backups: 0 }).ok, true);
  log.info('supervisord started with pid 1');
  log.close();
  const expected = [
    `${STAMP} WARN No file matches via include "/etc/x/*.conf"\n`,
    '2026-11-21 18:56:47,132 INFO Included extra file "/etc/y.conf" during parsing\n',
    '2026-11-21 18:56:48,132 INFO supervisord started with pid 1\n',
  ].join('');
  assert.equal(readFileSync(path, 'utf8'), expected);
  assert.equal(echo.text(), expected);
});

test('when the file cannot be opened the early records are kept, and close() sends them to stderr', (t) => {
  const dir = makeTempDir(t);
  const stderr = collector();
  const log = new DaemonLog({ level: LogLevel.INFO, now: fixedClock().now, stderr });
  log.warn('early warning');
  const opened = log.open({ logfile: join(dir, 'missing', 'x.log'), maxBytes: 0, backups: 0 });
  assert.equal(opened.ok, false);
  assert.equal(opened.ok ? null : opened.error.code, 'ERR_LOG_OPEN');
  assert.equal(stderr.text(), '');
  log.close();
  assert.equal(stderr.text(), `${STAMP} WARN early warning\n`);
});

test('open() twice is a programmer error', (t) => {
  const log = openLog(join(makeTempDir(t), 'twice.log'));
  assert.throws(() => log.open({ logfile: 'other.log', maxBytes: 0, backups: 0 }), /already open/);
  log.close();
});

test('the main log rotates with logfile_maxbytes and logfile_backups', (t) => {
  const dir = makeTempDir(t);
  const path = join(dir, 'main.log');
  const log = openLog(path, {}, 100, 2);
  for (let i = 0; i < 10; i++) log.info(`message number ${i} with some padding`);
  log.close();
  assert.deepEqual(readdirSync(dir).sort(), ['main.log', 'main.log.1', 'main.log.2']);
  const line = (i: number): string => `${STAMP} INFO message number ${i} with some padding\n`;
  // Each line is 64 bytes, so every second record rotates: .2 = 6,7  .1 = 8,9  current empty.
  assert.equal(readFileSync(`${path}.2`, 'utf8'), line(6) + line(7));
  assert.equal(readFileSync(`${path}.1`, 'utf8'), line(8) + line(9));
  assert.equal(readFileSync(path, 'utf8'), '');
});

test('clear() deletes the log file and reopens it empty; `reopening log file` is only echoed', (t) => {
  const dir = makeTempDir(t);
  const path = join(dir, 'main.log');
  const echo = collector();
  const log = openLog(path, { echo }, 50, 1);
  log.info('a long message that goes to the backup'); // 68 bytes: rotates
  log.info('short'); // 35 bytes: stays
  assert.deepEqual(log.clear(), { ok: true });
  assert.equal(readFileSync(path, 'utf8'), '');
  assert.equal(readFileSync(`${path}.1`, 'utf8'), `${STAMP} INFO a long message that goes to the backup\n`);
  assert.ok(echo.text().endsWith(`${STAMP} INFO reopening log file\n`));
  log.info('after');
  log.close();
  assert.equal(readFileSync(path, 'utf8'), `${STAMP} INFO after\n`);
});

test('clear() is NO_FILE when the file is gone, and FAILED when it cannot be deleted', (t) => {
  const dir = makeTempDir(t);
  const path = join(dir, 'main.log');
  const log = openLog(path);
  unlinkSync(path);
  assert.deepEqual(log.clear(), { ok: false, fault: 'NO_FILE' });
  log.close();

  const refusing = openLog(path, { fs: { ...nodeLogFs, unlink: () => { throw Object.assign(new Error('EPERM'), { code: 'EPERM' }); } } });
  refusing.info('kept');
  const cleared = refusing.clear();
  assert.equal(cleared.ok, false);
  assert.equal(cleared.ok ? null : cleared.fault, 'FAILED');
  refusing.close();
  assert.equal(readFileSync(path, 'utf8'), `${STAMP} INFO kept\n`);
});

test('reopen() after an external rename writes to a fresh file', (t) => {
  const dir = makeTempDir(t);
  const path = join(dir, 'main.log');
  const log = openLog(path);
  log.info('old');
  renameSync(path, `${path}.rotated`);
  assert.equal(log.reopen().ok, true);
  log.info('new');
  log.close();
  assert.equal(readFileSync(`${path}.rotated`, 'utf8'), `${STAMP} INFO old\n`);
  assert.equal(readFileSync(path, 'utf8'), `${STAMP} INFO new\n`);
});

test('logfile=syslog writes the records to stderr after a one-time note', () => {
  const stderr = collector();
  const echo = collector();
  const log = new DaemonLog({ level: LogLevel.INFO, now: fixedClock().now, stderr, echo });
  log.info('early');
  assert.equal(log.open({ logfile: 'syslog', maxBytes: 0, backups: 0 }).ok, true);
  log.info('later');
  assert.equal(log.path, null);
  assert.deepEqual(log.clear(), { ok: false, fault: 'NO_FILE' });
  log.close();
  assert.equal(stderr.text(), `${STAMP} WARN ${SYSLOG_NOTE}\n${STAMP} INFO early\n${STAMP} INFO later\n`);
  assert.equal(echo.text(), `${STAMP} INFO early\n${STAMP} INFO later\n`);
});

test('a failing write of the log file goes to onError, and logging goes on', (t) => {
  const path = join(makeTempDir(t), 'main.log');
  const errors: LogFileError[] = [];
  let full = true;
  const fs = { ...nodeLogFs, write: (fd: number, b: Uint8Array, o: number, l: number): number => {
    if (full) throw Object.assign(new Error('ENOSPC'), { code: 'ENOSPC' });
    return nodeLogFs.write(fd, b, o, l);
  } };
  const log = openLog(path, { fs, onError: (e) => errors.push(e) });
  log.info('lost');
  log.flush();
  full = false;
  log.info('kept');
  log.close();
  assert.equal(errors.length, 1);
  assert.equal(errors[0]!.code, 'ERR_LOG_WRITE');
  assert.equal(errors[0]!.errno, 'ENOSPC');
  assert.equal(readFileSync(path, 'utf8'), `${STAMP} INFO kept\n`);
});

test('records logged after close() still reach the echo stream', (t) => {
  const path = join(makeTempDir(t), 'main.log');
  const echo = collector();
  const log = openLog(path, { echo });
  log.close();
  log.warn('received SIGTERM indicating exit request');
  assert.equal(echo.text(), `${STAMP} WARN received SIGTERM indicating exit request\n`);
  assert.equal(readFileSync(path, 'utf8'), '');
});

test('records logged in one turn are written together after it, in order, with one write(2)', async (t) => {
  const path = join(makeTempDir(t), 'main.log');
  const echo = collector();
  let writes = 0;
  const fs = { ...nodeLogFs, write: (fd: number, b: Uint8Array, o: number, l: number): number => {
    writes++;
    return nodeLogFs.write(fd, b, o, l);
  } };
  const log = openLog(path, { fs, echo });
  for (let i = 0; i < 100; i++) log.info(`spawned: 'p${i}' with pid ${1000 + i}`);
  assert.equal(readFileSync(path, 'utf8'), '', 'nothing is written during the turn');
  assert.equal(echo.text(), '');
  await new Promise((resolve) => setImmediate(resolve));
  const expected = Array.from({ length: 100 }, (_, i) => `${STAMP} INFO spawned: 'p${i}' with pid ${1000 + i}\n`).join('');
  assert.equal(readFileSync(path, 'utf8'), expected);
  assert.equal(echo.text(), expected);
  assert.equal(writes, 1);
  log.close();
});

test('reading `path` writes the pending records first, so the file a reader opens has them', (t) => {
  const path = join(makeTempDir(t), 'main.log');
  const log = openLog(path);
  log.info('just logged');
  assert.equal(readFileSync(log.path ?? '', 'utf8'), `${STAMP} INFO just logged\n`);
  log.close();
});

test('batched records rotate after the same records as when written one by one', async (t) => {
  const dir = makeTempDir(t);
  const path = join(dir, 'main.log');
  const log = openLog(path, {}, 100, 3);
  for (let i = 0; i < 7; i++) log.info(`message number ${i} with some padding`); // 64 bytes each
  await new Promise((resolve) => setImmediate(resolve));
  const line = (i: number): string => `${STAMP} INFO message number ${i} with some padding\n`;
  assert.equal(readFileSync(`${path}.3`, 'utf8'), line(0) + line(1));
  assert.equal(readFileSync(`${path}.2`, 'utf8'), line(2) + line(3));
  assert.equal(readFileSync(`${path}.1`, 'utf8'), line(4) + line(5));
  assert.equal(readFileSync(path, 'utf8'), line(6));
  log.close();
});

test('records logged right before the process exits reach the file: process.exit() and an uncaught exception', async (t) => {
  const dir = makeTempDir(t);
  const module = new URL('../../../../packages/daemon/src/logs/daemon-log.ts', import.meta.url).href;
  for (const [name, ending] of [['exit', 'process.exit(3);'], ['crash', "throw new Error('boom');"]] as const) {
    const path = join(dir, `${name}.log`);
    const script = `import { DaemonLog } from ${JSON.stringify(module)};
      const log = new DaemonLog({ level: 20, now: () => 0 });
      log.open({ logfile: ${JSON.stringify(path)}, maxBytes: 0, backups: 0 });
      log.info('first'); log.critical('last words'); ${ending}`;
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
    assert.notEqual(child.status, 0, `${name}: ${child.stderr}`);
    const text = readFileSync(path, 'utf8');
    assert.match(text, /INFO first\n.* CRIT last words\n$/, `${name}: ${JSON.stringify(text)}`);
  }
});
