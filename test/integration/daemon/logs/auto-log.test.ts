import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { autoLogCleanupPattern, clearAutoLogDir, createAutoLogFile } from '../../../../packages/daemon/src/logs/auto-log.js';
import { makeTempDir, requireReference, runLogsReference } from './logs-reference.js';

test('an AUTO log is <dir>/<name>-<channel>---<identifier>-<8 chars>.log, created empty with mode 0600', (t) => {
  const dir = makeTempDir(t);
  const created = createAutoLogFile({ childlogdir: dir, processName: 'sleeper', channel: 'stdout', identifier: 'supervisor' });
  assert.ok(created.ok);
  assert.match(created.path, /^\/.+\/sleeper-stdout---supervisor-[a-z0-9_]{8}\.log$/);
  assert.equal(created.path.startsWith(`${dir}/`), true);
  const st = statSync(created.path);
  assert.equal(st.size, 0);
  assert.equal(st.mode & 0o777, 0o600);
  assert.equal(autoLogCleanupPattern('supervisor').test(created.path.slice(dir.length + 1)), true, 'the startup cleanup finds it');
});

test('two AUTO logs for the same channel get different names', (t) => {
  const dir = makeTempDir(t);
  const a = createAutoLogFile({ childlogdir: dir, processName: 'p', channel: 'stderr', identifier: 'id' });
  const b = createAutoLogFile({ childlogdir: dir, processName: 'p', channel: 'stderr', identifier: 'id' });
  assert.ok(a.ok && b.ok);
  assert.notEqual(a.path, b.path);
});

test('a name that exists already is never reused: the next random name is tried', (t) => {
  const dir = makeTempDir(t);
  const taken = join(dir, 'p-stdout---supervisor-aaaaaaaa.log');
  writeFileSync(taken, 'previous run');
  const names = ['aaaaaaaa', 'aaaaaaaa', 'bbbbbbbb'];
  const created = createAutoLogFile({ childlogdir: dir, processName: 'p', channel: 'stdout', identifier: 'supervisor', randomChars: () => names.shift() ?? 'zzzzzzzz' });
  assert.ok(created.ok);
  assert.equal(created.path, join(dir, 'p-stdout---supervisor-bbbbbbbb.log'));
  assert.equal(readFileSync(taken, 'utf8'), 'previous run');
});

test('a missing childlogdir is an error result, not an exception', (t) => {
  const dir = makeTempDir(t);
  const created = createAutoLogFile({ childlogdir: join(dir, 'missing'), processName: 'p', channel: 'stdout', identifier: 'supervisor' });
  assert.equal(created.ok, false);
  assert.equal(created.ok ? null : created.code, 'ENOENT');
});

test('the startup cleanup deletes this identifier\'s AUTO logs and backups, and nothing else', (t) => {
  const dir = makeTempDir(t);
  const doomed = ['a-stdout---supervisor-12345678.log', 'a-stdout---supervisor-12345678.log.1', 'b-stderr---supervisor-x_y_z_ab.log.10'];
  const kept = ['a-stdout---other-12345678.log', 'app.log', 'supervisord.log', 'a-stdout---supervisor-.log'];
  for (const name of [...doomed, ...kept]) writeFileSync(join(dir, name), 'x');
  // Undecodable bytes in a matching name: deleted by its real (byte) name.
  const odd = Buffer.concat([Buffer.from(`${dir}/`), Buffer.from([0xff, 0xfe]), Buffer.from('-stdout---supervisor-abcdefgh.log')]);
  writeFileSync(odd, 'x');
  const result = clearAutoLogDir(dir, 'supervisor');
  assert.deepEqual(result.warnings, []);
  assert.equal(result.removed.length, doomed.length + 1);
  assert.deepEqual(readdirSync(dir).sort(), [...kept].sort());
});

test('the cleanup reports what it cannot delete in supervisor\'s words', (t) => {
  const dir = makeTempDir(t);
  mkdirSync(join(dir, 'x---supervisor-dir.log'));
  assert.deepEqual(clearAutoLogDir(dir, 'supervisor').warnings, [`Failed to clean up '${dir}/x---supervisor-dir.log'`]);
  assert.deepEqual(clearAutoLogDir(join(dir, 'missing'), 'supervisor'), { removed: [], warnings: ['Could not clear childlog dir'] });
});

test('the cleanup regex matches the same names as supervisor\'s', async (t) => {
  if (!requireReference(t)) return;
  const identifiers = ['supervisor', 'a.b', 'x+', 'sup_1', 'ab|cd', '[0-9]'];
  const names = [
    'p-stdout---supervisor-abcdefgh.log', 'p-stdout---supervisor-abcdefgh.log.3', 'p-stdout---supervisor-ab.logx',
    'p-stdout---supervisor-a b.log', 'p---supervisor-.log', '---supervisor-a.log', 'x---aXb-q.log', 'x---a.b-q.log',
    'x---xxx-q.log', 'x---ab-q.log', 'x---cd-q.log', 'x---7-q.log', 'x\r---supervisor-q.log', 'x\n---supervisor-q.log',
    'x---supervisor-a\x1cb.log', 'x---supervisor-a\u0085b.log', 'x---supervisor-a\ufeffb.log', 'x---supervisor-\u00e9.log',
    'x---supervisor-a\u3000b.log', 'x---sup_1-z.log.', 'x---supervisor-q.LOG',
  ];
  const answers = await runLogsReference(identifiers.map((identifier) => ({ kind: 'match', identifier, names })));
  identifiers.forEach((identifier, i) => {
    const pattern = autoLogCleanupPattern(identifier);
    assert.deepEqual(names.map((n) => pattern.test(n)), answers[i]!.matches, `identifier ${identifier}`);
  });
});
