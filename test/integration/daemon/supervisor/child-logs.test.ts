// Child output through the whole engine (Supervisor → ManagedProcess → spawner pipes → capture →
// rotating log files): the bytes a child writes are the bytes in its log files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { nodeCommand, startEngine } from '../../../helpers/daemon.js';

const HEAD = `[supervisord]
logfile=%(here)s/supervisord.log
pidfile=%(here)s/supervisord.pid
childlogdir=%(here)s
`;

type Options = Readonly<Record<string, string | number | boolean>>;

function program(name: string, options: Options): string {
  return `[program:${name}]\n${Object.entries(options).map(([k, v]) => `${k}=${String(v)}`).join('\n')}\n`;
}

function conf(...sections: string[]): string {
  return [HEAD, ...sections].join('\n');
}

interface Chunk {
  readonly fd: 1 | 2;
  readonly bytes: Buffer;
}

// Invalid UTF-8, NULs, a CR, an ANSI sequence (strip_ansi is off), and multi-byte characters
// split across two writes on each channel.
const EURO = Buffer.from('€'); // e2 82 ac
const E_ACUTE = Buffer.from('é'); // c3 a9
const CHUNKS: readonly Chunk[] = [
  { fd: 1, bytes: Buffer.from('hello ') },
  { fd: 2, bytes: Buffer.from('err line 1\n') },
  { fd: 1, bytes: Buffer.from([0xff, 0xfe, 0x00, 0x00, 0x78, 0x80, 0x0a]) },
  { fd: 1, bytes: EURO.subarray(0, 2) },
  { fd: 2, bytes: Buffer.concat([Buffer.from([0x00]), E_ACUTE.subarray(0, 1)]) },
  { fd: 1, bytes: Buffer.concat([EURO.subarray(2), Buffer.from('\r\n')]) },
  { fd: 2, bytes: Buffer.concat([E_ACUTE.subarray(1), Buffer.from([0xc0, 0xaf, 0x0a])]) },
  { fd: 1, bytes: Buffer.from('\x1b[31mred\x1b[0m no newline at the end') },
];

function chunkArgs(chunks: readonly Chunk[]): string[] {
  return chunks.map((c) => `${c.fd}:${c.bytes.toString('hex')}`);
}

function bytesOf(chunks: readonly Chunk[], fd?: 1 | 2): Buffer {
  return Buffer.concat(chunks.filter((c) => fd === undefined || c.fd === fd).map((c) => c.bytes));
}

test('stdout_logfile and stderr_logfile hold exactly the bytes the child wrote', async (t) => {
  const e = startEngine(t, conf(program('bytes', {
    command: nodeCommand('write-chunks.mjs', ...chunkArgs(CHUNKS)), startsecs: 0, autorestart: false,
    stdout_logfile: '%(here)s/out.log', stderr_logfile: '%(here)s/err.log',
  })));
  await e.waitForState('bytes', 'EXITED');
  assert.deepEqual(readFileSync(join(e.dir, 'out.log')), bytesOf(CHUNKS, 1));
  assert.deepEqual(readFileSync(join(e.dir, 'err.log')), bytesOf(CHUNKS, 2));
});

test('redirect_stderr=true puts both channels in one file in the order they were written', async (t) => {
  const e = startEngine(t, conf(
    program('mixed', {
      command: nodeCommand('write-chunks.mjs', ...chunkArgs(CHUNKS)), startsecs: 0, autorestart: false,
      stdout_logfile: '%(here)s/mixed.log', redirect_stderr: true,
    }),
    // No pauses at all: the order survives only because both fds are the same pipe.
    program('alternating', {
      command: nodeCommand('alternate-output.mjs', 2000), startsecs: 0, autorestart: false,
      stdout_logfile: '%(here)s/alternating.log', redirect_stderr: true,
    }),
  ));
  await e.waitForState('mixed', 'EXITED');
  await e.waitForState('alternating', 'EXITED');
  assert.deepEqual(readFileSync(join(e.dir, 'mixed.log')), bytesOf(CHUNKS));
  const expected = Array.from({ length: 2000 }, (_, i) => `${i} ${i % 2 === 0 ? 'out' : 'err'}\n`).join('');
  assert.equal(readFileSync(join(e.dir, 'alternating.log'), 'utf8'), expected);
});

test('AUTO logs are created in childlogdir with supervisor\'s name pattern and mode 0600', async (t) => {
  const e = startEngine(t, conf(program('autolog', {
    command: nodeCommand('write-chunks.mjs', ...chunkArgs(CHUNKS)), startsecs: 0, autorestart: false,
  })).replace('childlogdir=%(here)s', 'childlogdir=%(here)s/children'), { files: { 'children/unrelated.txt': 'kept\n' } });
  await e.waitForState('autolog', 'EXITED');
  const names = readdirSync(join(e.dir, 'children')).sort();
  assert.equal(names.length, 3, names.join(' '));
  const [errName, outName, other] = names as [string, string, string];
  assert.match(outName, /^autolog-stdout---supervisor-[a-z0-9_]{8}\.log$/);
  assert.match(errName, /^autolog-stderr---supervisor-[a-z0-9_]{8}\.log$/);
  assert.equal(other, 'unrelated.txt');
  assert.deepEqual(e.proc('autolog').logPaths, { stdout: join(e.dir, 'children', outName), stderr: join(e.dir, 'children', errName) });
  assert.deepEqual(readFileSync(join(e.dir, 'children', outName)), bytesOf(CHUNKS, 1));
  assert.deepEqual(readFileSync(join(e.dir, 'children', errName)), bytesOf(CHUNKS, 2));
  for (const name of [outName, errName]) assert.equal(statSync(join(e.dir, 'children', name)).mode & 0o777, 0o600, name);
});

// Numbered 64-byte lines, so any misplaced or lost byte shows.
function numberedStream(bytes: number, tag: string): Buffer {
  const lines: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const line = `${tag} ${String(i).padStart(10, '0')} ${'.'.repeat(64 - tag.length - 13)}\n`;
    lines.push(line);
    size += line.length;
  }
  return Buffer.from(lines.join('')).subarray(0, bytes);
}

test('rotation under load: the surviving files, oldest first, are exactly the tail of the stream', async (t) => {
  const MB = 1024 * 1024;
  const out = numberedStream(20 * MB + 12_345, 'out');
  const err = numberedStream(2 * MB, 'err');
  const e = startEngine(t, conf(program('spew', {
    command: nodeCommand('log-spew.mjs', '%(here)s/out.bin', '%(here)s/err.bin', '--seed', 42), startsecs: 0, autorestart: false,
    stdout_logfile: '%(here)s/spew.log', stdout_logfile_maxbytes: '1MB', stdout_logfile_backups: 3,
    stderr_logfile: '%(here)s/spew.err', stderr_logfile_maxbytes: 0,
  })), { files: { 'out.bin': out, 'err.bin': err } });
  const exited = await e.waitForState('spew', 'EXITED', { timeoutMs: 60_000 });
  assert.equal(exited.snapshot.exitStatus, 0);
  const path = join(e.dir, 'spew.log');
  assert.ok(!existsSync(`${path}.4`), 'no more than 3 backups');
  const files = [`${path}.3`, `${path}.2`, `${path}.1`, path];
  const sizes = files.map((f) => statSync(f).size);
  for (const [i, size] of sizes.slice(0, 3).entries()) assert.ok(size >= MB, `${files[i]} is ${size} bytes, rotated before reaching maxbytes`);
  const survived = Buffer.concat(files.map((f) => readFileSync(f)));
  assert.ok(survived.length >= 3 * MB);
  assert.ok(survived.equals(out.subarray(out.length - survived.length)), 'the surviving files are the tail of the stream, in order');
  assert.ok(readFileSync(join(e.dir, 'spew.err')).equals(err), 'stderr (never rotated) is the whole stream');
});

test('a child that exits in the middle of its output loses none of the bytes it wrote', async (t) => {
  const stream = numberedStream(8 * 1024 * 1024, 'mid');
  const exitAfter = 3_000_001;
  const e = startEngine(t, conf(
    program('cut', {
      command: nodeCommand('log-spew.mjs', '%(here)s/out.bin', '%(here)s/empty.bin', '--seed', 7, '--exit-after', exitAfter),
      startsecs: 0, autorestart: false, stdout_logfile: '%(here)s/cut.log', stdout_logfile_maxbytes: 0,
    }),
    program('burst', {
      command: nodeCommand('spew-then-exit.mjs', 4 * 1024 * 1024 + 3), startsecs: 0, autorestart: false,
      stdout_logfile: '%(here)s/burst.log', stdout_logfile_maxbytes: 0,
    }),
  ), { files: { 'out.bin': stream, 'empty.bin': '' } });
  const cut = await e.waitForState('cut', 'EXITED', { timeoutMs: 30_000 });
  assert.deepEqual({ exitStatus: cut.snapshot.exitStatus, expected: cut.expected }, { exitStatus: 7, expected: false });
  const logged = readFileSync(join(e.dir, 'cut.log'));
  assert.equal(logged.length, exitAfter);
  assert.ok(logged.equals(stream.subarray(0, exitAfter)));
  await e.waitForState('burst', 'EXITED', { timeoutMs: 30_000 });
  const burst = readFileSync(join(e.dir, 'burst.log'));
  assert.ok(burst.equals(Buffer.alloc(4 * 1024 * 1024 + 3, 'x')), `burst.log has ${burst.length} bytes`);
});

test('output accumulates in the log file across restarts', async (t) => {
  const e = startEngine(t, conf(program('runs', {
    command: nodeCommand('print-pid.mjs'), startsecs: 0, autorestart: false, stdout_logfile: '%(here)s/runs.log',
  })), { autostart: false });
  const path = join(e.dir, 'runs.log');
  writeFileSync(path, 'from an earlier daemon\n');
  for (let run = 1; run <= 3; run++) {
    assert.equal(e.proc('runs').start().ok, true);
    await e.waitForState('runs', 'EXITED', { count: run });
  }
  assert.equal(readFileSync(path, 'utf8'), ['from an earlier daemon', ...e.spawns.map((s) => `run ${s.pid}`), ''].join('\n'));
});
