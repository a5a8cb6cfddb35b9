// The case loop of fuzz.test.ts. It runs in a worker thread so that the test, on the main
// thread, can notice a case that never returns (the worker posts before and after each case)
// and stop it. Each case is a set of config files written into one of a few reused directories
// under the test's temp dir, then read with loadConfig. The only outcomes allowed: `ok: true`
// with a config, or `ok: false` with issues that each have a file, a message and supervisorText.
//
// A case is built from its own seeded generator (seed, index), so any one case can be run again
// alone (TEND_FUZZ_SEED + TEND_FUZZ_CASE). The inputs of a failing case are copied aside (keep);
// the test moves those of new failures to a directory that outlives it and prints the path.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';
import { loadConfig } from '../../../../packages/daemon/src/config/load.js';
import type { LoadResult } from '../../../../packages/daemon/src/config/types.js';
import { createRandom } from '../../../helpers/python-json.js';

export type FuzzSuite = 'fuzz' | 'regressions';

export interface FuzzJob {
  readonly suite: FuzzSuite;
  readonly seed: number;
  /** The test's temp dir; case directories are made (and reused) under it. */
  readonly root: string;
  /** First case index to run, and one past the last (null: to the end of the suite). */
  readonly from: number;
  readonly to: number | null;
}

export type FuzzMessage =
  | { readonly kind: 'begin'; readonly index: number; readonly label: string; readonly dir: string }
  | {
      readonly kind: 'end';
      readonly index: number;
      readonly category: string;
      readonly ok: boolean;
      readonly ms: number;
      readonly codes: readonly string[];
      readonly processes: number;
    }
  | { readonly kind: 'violation'; readonly index: number; readonly label: string; readonly problem: string; readonly keptAt: string | null }
  | { readonly kind: 'done'; readonly total: number };

/** Number of seeded random cases in the fuzz suite (after the fixed pathological ones). */
export const RANDOM_CASES = 10_000;
/** The environment loadConfig sees in every case (ENV_* names, `~`). */
const FUZZ_ENV = (home: string): Record<string, string> => ({
  HOME: home, PATH: '/usr/bin:/bin', LANG: 'C.UTF-8', TEND_PCT: '50%', TEND_Q: 'a"b',
});
const HOST = 'fuzzhost';
const MAX_KEPT = 30;

type Random = ReturnType<typeof createRandom>;
type FileSet = Map<string, string | Buffer>;

export interface FuzzCase {
  readonly category: 'corpus-mutation' | 'grammar' | 'pathological' | 'regression';
  readonly label: string;
  /** Relative path → content; `supervisord.conf` is the main file. A path ending in `/` is a directory. */
  readonly files: FileSet;
  /** Whether configFile is passed relative to cwd or absolute. */
  readonly relative: boolean;
  /** Regressions only: how many processes supervisord makes from this config. */
  readonly processes?: number;
}

const MAIN = 'supervisord.conf';

// ---------------------------------------------------------------------------------------------
// Small helpers over the seeded generator.

function chance(r: Random, p: number): boolean {
  return r.next() < p;
}

function between(r: Random, lo: number, hi: number): number {
  return lo + r.int(hi - lo + 1);
}

function caseSeed(seed: number, index: number): number {
  return (seed ^ Math.imul(index + 1, 0x9e3779b1) ^ 0x5bd1e995) >>> 0;
}

// ---------------------------------------------------------------------------------------------
// (a) Mutations of the differential corpus.

const CORPUS = fileURLToPath(new URL('../../../fixtures/conf/differential/', import.meta.url));

interface CorpusCase {
  readonly name: string;
  readonly files: FileSet;
  /** The files worth mutating: every file but READMEs, main first. */
  readonly targets: readonly string[];
}

function readTree(dir: string, base = dir, out: FileSet = new Map()): FileSet {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, e.name);
    if (e.isDirectory()) readTree(path, base, out);
    else out.set(relative(base, path), readFileSync(path));
  }
  return out;
}

let corpusCache: CorpusCase[] | undefined;
function corpus(): CorpusCase[] {
  corpusCache ??= readdirSync(CORPUS, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const files = readTree(join(CORPUS, name));
      const targets = [MAIN, ...[...files.keys()].filter((f) => f !== MAIN && !f.endsWith('README')).sort()];
      return { name, files, targets };
    });
  return corpusCache;
}

const INSERTS: readonly (string | readonly number[])[] = [
  '%', '%%', '%(', '%(x)s', '%(here)s', '%(program_name)s', '%(process_num)d', '%(process_num)02d', '%(numprocs)s',
  '%(host_node_name)s', '%(ENV_HOME)s', '%(ENV_NOPE)s', '%(program_name)d', '%(here)', '%(here)z', '%c', '%*d',
  '[', ']', '[]', '[program:x]', ';', ' ;', '#', ' #', '"', "'", '\\', '\t', '\r', '\n', '\r\n', '\n  ', '\n\t',
  '\0', '=', ':', ',', ' ', '=:', 'é', 'Ü', '日本', '🎉', '\u2028', '\u0085', '\u00a0', '\ufeff', '\u000b', '\u001c',
  '０', '٣', 'İ', 'ß', '\ud7ff',
  [0xff], [0xfe], [0xc3], [0x80], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xe2, 0x82], [0xc0, 0xaf],
];

function insertBytes(r: Random): Buffer {
  const item = r.pick(INSERTS);
  return typeof item === 'string' ? Buffer.from(item, 'utf8') : Buffer.from(item);
}

function splitLines(buf: Buffer): Buffer[] {
  const lines: Buffer[] = [];
  let start = 0;
  for (let i = 0; i < buf.length; i++) {
    if (buf[i] === 0x0a) {
      lines.push(buf.subarray(start, i + 1));
      start = i + 1;
    }
  }
  if (start < buf.length) lines.push(buf.subarray(start));
  return lines;
}

function longValue(r: Random): Buffer {
  const unit = r.pick(['x', 'ab', '%%', '%(here)s', 'é', ' ', 'a,', 'A=1,', '"', '\\', '\t', '1']);
  const length = r.pick([1_000, 10_000, 70_000, 300_000]);
  return Buffer.from(unit.repeat(Math.ceil(length / unit.length)), 'utf8');
}

/** One random edit of `buf`; returns the new content and a short description. */
function mutateOnce(r: Random, buf: Buffer): [Buffer, string] {
  const at = r.int(buf.length + 1);
  const lines = splitLines(buf);
  const li = r.int(Math.max(lines.length, 1));
  const withLines = (ls: Buffer[]): Buffer => Buffer.concat(ls);
  switch (r.int(14)) {
    case 0: {
      if (buf.length === 0) return [insertBytes(r), 'insert into empty'];
      const copy = Buffer.from(buf);
      const p = r.int(buf.length);
      copy[p] = copy[p]! ^ between(r, 1, 255);
      return [copy, `flip byte ${p}`];
    }
    case 1: {
      const n = between(r, 1, 20);
      return [Buffer.concat([buf.subarray(0, at), buf.subarray(at + n)]), `delete ${n} bytes at ${at}`];
    }
    case 2:
      return [withLines(lines.filter((_, i) => i !== li)), `delete line ${li + 1}`];
    case 3: {
      const line = lines[li] ?? Buffer.from('\n');
      const to = r.int(lines.length + 1);
      const copy = [...lines];
      copy.splice(to, 0, line.at(-1) === 0x0a ? line : Buffer.concat([line, Buffer.from('\n')]));
      return [withLines(copy), `duplicate line ${li + 1} to ${to + 1}`];
    }
    case 4: {
      const line = lines[li];
      if (!line) return [buf, 'no line'];
      const text = line.toString('latin1');
      const swapped = text.replace(/[=:]/, (c) => (c === '=' ? ':' : '='));
      const copy = [...lines];
      copy[li] = Buffer.from(swapped, 'latin1');
      return [withLines(copy), `swap = and : on line ${li + 1}`];
    }
    case 5:
    case 6:
    case 7: {
      const ins = insertBytes(r);
      return [Buffer.concat([buf.subarray(0, at), ins, buf.subarray(at)]), `insert ${JSON.stringify(ins.toString('latin1'))} at ${at}`];
    }
    case 8: {
      // At the end of a random line, so the long text lands in a value.
      const copy = [...lines];
      const line = copy[li] ?? Buffer.alloc(0);
      const nl = line.at(-1) === 0x0a ? 1 : 0;
      copy[li] = Buffer.concat([line.subarray(0, line.length - nl), longValue(r), line.subarray(line.length - nl)]);
      return [withLines(copy), `long value on line ${li + 1}`];
    }
    case 9:
      return [buf.subarray(0, at), `truncate at ${at}`];
    case 10: {
      const lj = r.int(Math.max(lines.length, 1));
      const copy = [...lines];
      const a = copy[li];
      const b = copy[lj];
      if (a && b) {
        copy[li] = b;
        copy[lj] = a;
      }
      return [withLines(copy), `swap lines ${li + 1} and ${lj + 1}`];
    }
    case 11: {
      const copy = [...lines];
      const line = copy[li];
      if (!line) return [buf, 'no line'];
      const indented = chance(r, 0.7);
      copy[li] = indented ? Buffer.concat([Buffer.from(r.pick(['  ', '\t', ' '])), line]) : Buffer.from(line.toString('latin1').replace(/^[ \t]+/, ''), 'latin1');
      return [withLines(copy), `${indented ? 'indent' : 'dedent'} line ${li + 1}`];
    }
    case 12: {
      const copy = [...lines];
      const line = copy[li];
      if (!line) return [buf, 'no line'];
      copy[li] = Buffer.from(line.toString('latin1').toUpperCase(), 'latin1');
      return [withLines(copy), `upper-case line ${li + 1}`];
    }
    default: {
      const copy = [...lines];
      copy.splice(li, 0, Buffer.from(`${grammarLine(r)}\n`, 'utf8'));
      return [withLines(copy), `insert generated line at ${li + 1}`];
    }
  }
}

function corpusMutation(r: Random): FuzzCase {
  const c = r.pick(corpus());
  const files: FileSet = new Map(c.files);
  const edits: string[] = [];
  const rounds = chance(r, 0.15) ? between(r, 5, 30) : between(r, 1, 4);
  for (let k = 0; k < rounds; k++) {
    const target = chance(r, 0.65) ? MAIN : r.pick(c.targets);
    const before = files.get(target);
    const [after, what] = mutateOnce(r, typeof before === 'string' ? Buffer.from(before) : (before ?? Buffer.alloc(0)));
    files.set(target, after);
    edits.push(`${target}: ${what}`);
  }
  return { category: 'corpus-mutation', label: `mutation of ${c.name} (${edits.join('; ')})`, files, relative: chance(r, 0.5) };
}

// ---------------------------------------------------------------------------------------------
// (b) Configs generated from a grammar of sections, options and values.

type ValueKind =
  | 'bool' | 'int' | 'bytes' | 'octal' | 'signal' | 'exitcodes' | 'loglevel' | 'autorestart' | 'user' | 'usergroup'
  | 'port' | 'logfile' | 'dirpath' | 'dir' | 'env' | 'text' | 'command' | 'procname' | 'numprocs' | 'events'
  | 'socket' | 'url' | 'programs' | 'files' | 'handler' | 'factory' | 'sockfile';

const NO_DIR = '/nonexistent-tend-fuzz';

// Valid and invalid spellings per value type (supervisor-spec §1.6). Integers stay well away
// from 2**53, where loadConfig is known to loop (see the regression test in fuzz.test.ts).
const VALID: Readonly<Record<ValueKind, readonly string[]>> = {
  bool: ['true', 'false', 'yes', 'no', 'on', 'off', '1', '0', 'TRUE', 'Off', 'yEs'],
  int: ['0', '1', '-1', '10', '+5', ' 7 ', '1_000', '999', '-2147483648', '10000000000000000000000', '０', '٣', '-0'],
  bytes: ['0', '1024', '10KB', '50mb', '1GB', '-1MB', '1_0kb', ' 5 MB', '2gB'],
  octal: ['022', '0o22', '22', '0777', '0', '007', '0O7', '-7'],
  signal: ['TERM', 'sigint', 'SIGHUP', '9', 'KILL', '0', 'SIG_DFL', 'SIG_IGN', 'usr1', 'RTMIN', 'sigrtmax', '15', '34'],
  exitcodes: ['0', '0,2', '1, 2 ,3', '255', '', '0,0', ' 1 '],
  loglevel: ['info', 'DEBUG', 'warn', 'blather', 'trace', 'critical', 'error', 'Info'],
  autorestart: ['true', 'false', 'unexpected', 'UNEXPECTED', 'yes', '0'],
  user: ['root', 'nobody', '0', '65534'],
  usergroup: ['nobody', 'nobody:nogroup', '0:0', 'root', '65534', 'root:0'],
  port: ['9001', '127.0.0.1:9001', '*:9001', ':9001', 'localhost:1', '65535', 'LOCALHOST:9002', '[::1]:9003'],
  logfile: ['%(here)s/x.log', 'logs/%(program_name)s.log', 'NONE', 'off', 'AUTO', 'auto', 'syslog', '~/x.log', 'x.log', '/tmp/tend-fuzz.log', 'logs/'],
  dirpath: ['%(here)s/s.log', 'logs/s.pid', 's.log', '~/s.log', '/tmp/tend-fuzz.pid', 'syslog'],
  dir: ['%(here)s', 'logs', '/tmp', '~', '%(here)s/logs', '.'],
  env: [],
  text: ['x', 'hello world', '', '%(here)s', 'café', 'a;b', 'a ;b', 'a#b', '100%%', '{SHA}82ab876d1387bfafe46cc1c8a2ef074eae50cb1d'],
  command: ['/bin/cat', 'echo %(process_num)d', 'sh -c "sleep 1"', '', 'date +%%s', 'run %(program_name)s %(group_name)s', 'x\n  y'],
  procname: ['%(program_name)s', '%(program_name)s_%(process_num)02d', '%(program_name)s-%(process_num)s', '%(process_num)d', 'fixed', '%(group_name)s.%(process_num)s'],
  numprocs: ['1', '2', '3', '0', '-1', '12', ' 2 '],
  events: ['PROCESS_STATE', 'TICK_60', 'PROCESS_STATE_RUNNING, TICK_5', 'process_communication', 'PROCESS_STATE,process_state', 'SUPERVISOR_STATE_CHANGE', 'PROCESS_LOG, EVENT'],
  socket: ['unix://%(here)s/%(program_name)s.sock', 'tcp://127.0.0.1:9000', 'tcp://LOCALHOST:9001', 'unix:///tmp/tend-fuzz/../x.sock'],
  url: ['AUTO', 'auto', ' AUTO ', 'http://127.0.0.1:9001', 'unix:///tmp/x.sock', 'http://x.invalid:1/'],
  programs: [],
  files: ['conf.d/*.conf', 'conf.d/*.ini', '%(here)s/conf.d/*.conf', 'conf.d/[ab]*.conf', 'conf.d/?.conf', 'sub/*/*.conf', 'conf.d/*.conf\n  conf.d/*.ini'],
  handler: ['supervisor.dispatchers:default_handler', ' supervisor.dispatchers:default_handler'],
  factory: ['supervisor.rpcinterface:make_main_rpcinterface'],
  sockfile: ['%(here)s/s.sock', 's.sock', '/tmp/tend-fuzz.sock', '~/s.sock', 'sub/../s.sock'],
};

const INVALID: Readonly<Record<ValueKind, readonly string[]>> = {
  bool: ['maybe', '2', '', ' ', 'tru', 'yesno', 'None'],
  int: ['abc', '1.5', '', '1e3', '0x10', '_1', '1__0', '1_', '--1', '١٢x', '∞'],
  bytes: ['10K', '10B', '1.5MB', 'MB', '10xb', '', 'kb1', '1TB'],
  octal: ['999', '8', '0x1f', 'abc', '', '0o', '0b1'],
  signal: ['FOO', '99', '-1', 'SIGFOO', '', '33', '65', 'SIG', '1.0'],
  exitcodes: ['256', '0,256', 'a', '0,,1', '-1', '0;1', ','],
  loglevel: ['warning', 'x', '', 'INFO2', 'critical '],
  autorestart: ['sometimes', '', 'unexpectedly', 'never'],
  user: ['no_such_user_tend', '99999', '', '-1', '4294967295', 'root:root'],
  usergroup: ['no_such_user_tend', 'nobody:no_such_group', ':', 'nobody:', ':nogroup', 'a:b:c', ''],
  port: ['0', '70000', 'abc', '127.0.0.1:', '', 'host:port:1', '-1', ':', '9001.5'],
  logfile: [`${NO_DIR}/x.log`, 'nodir/x.log', '~nosuchuser/x.log'],
  dirpath: [`${NO_DIR}/s.log`, 'nodir/s.pid'],
  dir: [NO_DIR, 'nodir', `${NO_DIR}/~`, ''],
  env: [],
  text: ['%', '%(nope)s', '%('],
  command: ['x %(foo)s', 'x %', 'x %(program_name)', 'x %(program_name)d', 'x %(process_num)*d'],
  procname: ['bad name', 'a:b', 'a/b', '', 'fixed', '%(nope)s', ' %(process_num)s '],
  numprocs: ['x', '2.0', ''],
  events: ['', 'FOO', 'PROCESS_STATE,,', ',', 'PROCESS_STATE, NOPE', 'EVENT_X'],
  socket: ['', 'unix://relative.sock', 'tcp://host', 'tcp://:9000', 'bogus', 'tcp://a b:1', 'unix://'],
  url: [],
  programs: [],
  files: ['', 'nothere/*.conf', MAIN, '*.conf', 'conf.d', 'conf.d/', '%(host_node_name)s.conf', '%(ENV_HOME)s/nothere.conf', 'conf.d/**', '%(nope)s', '%', 'conf.d/[!a]*.conf', 'conf.d/[z-a].conf', 'conf.d/[.conf', '*'],
  handler: ['x:y', 'supervisor.dispatchers:nope', '', 'supervisor.rpcinterface:make_main_rpcinterface'],
  factory: ['x:y', '', 'supervisor.dispatchers:default_handler'],
  sockfile: [`${NO_DIR}/s.sock`, ''],
};

const CHANNEL: readonly (readonly [string, ValueKind])[] = [
  ['logfile', 'logfile'], ['logfile_maxbytes', 'bytes'], ['logfile_backups', 'int'], ['capture_maxbytes', 'bytes'],
  ['events_enabled', 'bool'], ['syslog', 'bool'],
];

const PROGRAM_OPTIONS: readonly (readonly [string, ValueKind])[] = [
  ['command', 'command'], ['process_name', 'procname'], ['numprocs', 'numprocs'], ['numprocs_start', 'int'],
  ['priority', 'int'], ['autostart', 'bool'], ['startsecs', 'int'], ['startretries', 'int'], ['autorestart', 'autorestart'],
  ['exitcodes', 'exitcodes'], ['stopsignal', 'signal'], ['stopwaitsecs', 'int'], ['stopasgroup', 'bool'],
  ['killasgroup', 'bool'], ['user', 'user'], ['redirect_stderr', 'bool'], ['environment', 'env'], ['directory', 'dir'],
  ['umask', 'octal'], ['serverurl', 'url'],
  ...CHANNEL.map(([k, v]) => [`stdout_${k}`, v] as const),
  ...CHANNEL.map(([k, v]) => [`stderr_${k}`, v] as const),
];

const SECTION_OPTIONS: Readonly<Record<string, readonly (readonly [string, ValueKind])[]>> = {
  supervisord: [
    ['logfile', 'dirpath'], ['logfile_maxbytes', 'bytes'], ['logfile_backups', 'int'], ['loglevel', 'loglevel'],
    ['pidfile', 'dirpath'], ['umask', 'octal'], ['nodaemon', 'bool'], ['silent', 'bool'], ['minfds', 'int'],
    ['minprocs', 'int'], ['nocleanup', 'bool'], ['childlogdir', 'dir'], ['user', 'user'], ['directory', 'dir'],
    ['strip_ansi', 'bool'], ['environment', 'env'], ['identifier', 'text'], ['autoupdate', 'bool'], ['profile_options', 'text'],
  ],
  unix_http_server: [['file', 'sockfile'], ['chmod', 'octal'], ['chown', 'usergroup'], ['username', 'text'], ['password', 'text']],
  inet_http_server: [['port', 'port'], ['username', 'text'], ['password', 'text']],
  supervisorctl: [['serverurl', 'url'], ['username', 'text'], ['password', 'text'], ['prompt', 'text'], ['history_file', 'dirpath']],
  include: [['files', 'files']],
  group: [['programs', 'programs'], ['priority', 'int']],
  program: PROGRAM_OPTIONS,
  eventlistener: [...PROGRAM_OPTIONS, ['events', 'events'], ['buffer_size', 'int'], ['result_handler', 'handler']],
  'fcgi-program': [...PROGRAM_OPTIONS, ['socket', 'socket'], ['socket_backlog', 'int'], ['socket_owner', 'usergroup'], ['socket_mode', 'octal']],
  rpcinterface: [['supervisor.rpcinterface_factory', 'factory'], ['retries', 'text']],
  ctlplugin: [['supervisor.ctl_factory', 'factory']],
  DEFAULT: PROGRAM_OPTIONS,
};

/** Options a section kind needs to be useful; added most of the time. */
const REQUIRED: Readonly<Record<string, readonly string[]>> = {
  program: ['command'], eventlistener: ['command', 'events'], 'fcgi-program': ['command', 'socket'],
  unix_http_server: ['file'], inet_http_server: ['port'], include: ['files'], rpcinterface: ['supervisor.rpcinterface_factory'],
};

const EXPANSIONS: readonly string[] = [
  '%(here)s', '%(program_name)s', '%(group_name)s', '%(process_num)d', '%(process_num)02d', '%(numprocs)d', '%(host_node_name)s',
  '%(ENV_HOME)s', '%(ENV_TEND_PCT)s', '%(ENV_TEND_Q)s', '%(ENV_A)s', '%(ENV_KEY_1)s', '%(nope)s', '%(ENV_NOPE)s', '%%', '%',
  '%(', '%(here)', '%(program_name)d', '%(process_num)s', '%(here)r', '%(here)a', '%(here)-10s', '%(process_num)*d', '%c',
  '%(process_num)c', '%(numprocs).3f', '%(numprocs)e', '%(here)z', '%(process_num)x', '%(process_num)#o', '%s', '%(here)5.1s',
  '%(a(b)c)s', '%(here)%', '%5%',
];

const ENV_KEYS = ['A', 'B', 'KEY_1', 'PATH_X', 'café', '1A', 'a-b', 'a.b', 'HOME', ''];
const ENV_VALUES = [
  '1', '"two words"', '"a,b"', `'x"y'`, '""', "''", 'http://x.y/z?a', 'a$b', '/usr/bin:/bin', '%(ENV_HOME)s', '100%%',
  'x=y', 'café', '"café"', '"with \\"esc\\""', '1#c', '"%(here)s"', '%(process_num)d', '"a b" "c"', '~u', '(a)+b-c.d', '"=,;"', '',
];
const ENV_SEPARATORS = [',', ',', ',', ', ', ';', ' ', ',,', '', ',\n  '];

const CLEAN_ENV_VALUES = ['1', '"two words"', '"a,b"', `'x"y'`, '""', '/usr/bin:/bin', '%(ENV_HOME)s', '"café"', '(a)+b-c.d', '"=,;"'];

function envValue(r: Random, errorRate: number): string {
  const clean = !chance(r, errorRate * 3);
  const parts: string[] = [];
  const n = between(r, 0, 5);
  for (let i = 0; i < n; i++) {
    const eq = clean ? r.pick(['=', ' = ']) : r.pick(['=', '=', ' = ', '==', '']);
    const key = clean ? r.pick(['A', 'B', 'KEY_1', 'PATH_X', 'HOME']) : r.pick(ENV_KEYS);
    parts.push(`${key}${eq}${r.pick(clean ? CLEAN_ENV_VALUES : ENV_VALUES)}`);
    if (i < n - 1 || chance(r, 0.2)) parts.push(clean ? r.pick([',', ', ', ',\n  ']) : r.pick(ENV_SEPARATORS));
  }
  return parts.join('');
}

const NAMES = ['web', 'worker', 'cron', 'a.b-c_d', 'x', 'café', 'UPPER', '1', 'w1', 'w2'];
const BAD_NAMES = ['bad name', 'a:b', 'a/b', ' padded ', '', '%(here)s', 'tab\tname'];

function programsValue(r: Random, known: readonly string[], errorRate: number): string {
  const n = between(r, 0, 4);
  const items: string[] = [];
  for (let i = 0; i < n; i++) items.push(!chance(r, errorRate * 3) && known.length ? r.pick(known) : r.pick([...NAMES, 'nothere', '']));
  return items.join(known.length && !chance(r, errorRate) ? r.pick([',', ', ', ' , ']) : ',,');
}

/** A value for an option of type `kind`; wrong (or oddly expanded) with probability about `errorRate`. */
function valueFor(r: Random, kind: ValueKind, known: readonly string[], errorRate: number): string {
  let v: string;
  if (kind === 'env') v = envValue(r, errorRate);
  else if (kind === 'programs') v = programsValue(r, known, errorRate);
  else {
    const bad = INVALID[kind];
    v = chance(r, errorRate) && bad.length > 0 ? r.pick(bad) : r.pick(VALID[kind]);
  }
  if (chance(r, errorRate * 0.7)) {
    const at = r.int(v.length + 1);
    v = v.slice(0, at) + r.pick(EXPANSIONS) + v.slice(at);
  }
  return v;
}

// `key=value` with a random delimiter; `odd` adds what can break a line: a leading space (which
// makes it a continuation), a `;` that is not a comment, a split inside the key.
function optionLine(r: Random, key: string, value: string, odd = true): string {
  const k = chance(r, 0.05) ? key.toUpperCase() : key;
  const delim = r.pick(['=', '=', '=', ' = ', ':', ' : ', '= ', '\t=\t']);
  let v = value;
  // A value split over continuation lines.
  if (chance(r, 0.05) && v.includes(' ')) v = v.replace(/ (?=\S)/, `\n${r.pick(['  ', '\t', '    '])}`);
  let line = `${odd && chance(r, 0.03) ? ' ' : ''}${k}${delim}${v}`;
  if (chance(r, 0.05)) line += r.pick(odd ? [' ; comment', ' # comment', ';not-a-comment', '\t;tab comment'] : [' ; comment', ' # comment', '\t;tab comment']);
  if (odd && chance(r, 0.02)) line = line.replace(/[=:]/, '\n  $&');
  return line;
}

/** One line as a mutation inserts it: an option, a header or a comment. */
function grammarLine(r: Random): string {
  const kind = r.pick(Object.keys(SECTION_OPTIONS));
  const opts = SECTION_OPTIONS[kind]!;
  switch (r.int(4)) {
    case 0:
      return `[${r.pick(['supervisord', 'include', `program:${r.pick(NAMES)}`, `group:${r.pick(NAMES)}`, 'DEFAULT', 'inet_http_server'])}]`;
    case 1:
      return r.pick(['; comment', '# comment', '', '  ', 'novalueline']);
    default: {
      const [key, vk] = r.pick(opts);
      return optionLine(r, key, valueFor(r, vk, NAMES, 0.3));
    }
  }
}

interface Section {
  readonly header: string;
  readonly kind: string;
  readonly lines: string[];
}

function makeSection(r: Random, kind: string, name: string | null, known: readonly string[], errorRate: number): Section {
  const header = name === null ? kind : `${kind}:${name}`;
  const opts = SECTION_OPTIONS[kind] ?? [];
  const lines: string[] = [];
  const chosen = new Set<string>();
  for (const req of REQUIRED[kind] ?? []) if (!chance(r, errorRate / 2)) chosen.add(req);
  const extra = opts.length ? between(r, 0, Math.min(opts.length, 6)) : 0;
  for (let i = 0; i < extra; i++) chosen.add(r.pick(opts)[0]);
  const clean = errorRate === 0;
  if (clean) {
    // Keep a meant-to-be-right section clear of the rules it could break by chance.
    if (chosen.has('username') || chosen.has('password')) chosen.add('username').add('password');
    if (chosen.has('numprocs')) chosen.add('process_name');
  }
  for (const key of chosen) {
    const vk = opts.find(([k]) => k === key)?.[1] ?? 'text';
    let value = valueFor(r, vk, known, errorRate);
    if (clean && key === 'process_name' && chosen.has('numprocs')) value = '%(program_name)s_%(process_num)d';
    lines.push(optionLine(r, key, value, !clean));
  }
  if (chance(r, 0.06)) lines.push(optionLine(r, r.pick(['startsec', 'autostrat', 'comand', 'frobnicate', 'stdout_logfile_maxbyte']), '1', !clean));
  if (chance(r, errorRate / 2)) lines.push(optionLine(r, chosen.size > 0 ? r.pick([...chosen]) : 'command', valueFor(r, 'text', known, errorRate)));
  return { header, kind, lines };
}

function renderFile(r: Random, sections: readonly Section[]): string | Buffer {
  const out: string[] = [];
  if (chance(r, 0.1)) out.push('; generated by the tend config fuzzer');
  for (const s of sections) {
    out.push(chance(r, 0.02) ? ` [${s.header}]` : `[${s.header}]`);
    for (const line of s.lines) {
      if (chance(r, 0.04)) out.push(r.pick(['', '; note', '  # indented comment']));
      out.push(line);
    }
    out.push('');
  }
  const eol = chance(r, 0.1) ? '\r\n' : chance(r, 0.02) ? '\r' : '\n';
  let text = out.join('\n').replaceAll('\n', eol);
  if (chance(r, 0.01)) text = `\ufeff${text}`;
  if (chance(r, 0.01)) return Buffer.concat([Buffer.from(text, 'utf8'), Buffer.from([0xff, 0x0a])]);
  return text;
}

const INCLUDED_FILES = ['conf.d/a.conf', 'conf.d/b.conf', 'conf.d/.hidden.conf', 'conf.d/c.ini', 'sub/x/y.conf', 'conf.d/ab.conf'];

function grammarCase(r: Random): FuzzCase {
  // Some configs are meant to be right, the others carry more or fewer mistakes.
  const errorRate = chance(r, 0.4) ? 0 : r.pick([0.02, 0.05, 0.1, 0.2]);
  const programs = NAMES.filter(() => chance(r, 0.3));
  const listeners = NAMES.filter(() => chance(r, 0.08));
  const fcgis = NAMES.filter(() => chance(r, 0.08));
  const known = [...programs, ...fcgis];
  const sections: Section[] = [];
  const add = (kind: string, name: string | null): void => {
    sections.push(makeSection(r, kind, name, known, errorRate));
  };
  if (chance(r, 0.95)) add('supervisord', null);
  for (const kind of ['unix_http_server', 'inet_http_server', 'supervisorctl']) if (chance(r, 0.25)) add(kind, null);
  if (chance(r, 0.05)) add('unix_http_server', r.pick(['second', '']));
  if (chance(r, 0.05)) add('inet_http_server', 'second');
  if (chance(r, 0.25)) add('rpcinterface', r.pick(['supervisor', 'other']));
  if (chance(r, 0.03)) add('ctlplugin', 'x');
  const hasInclude = chance(r, 0.45);
  if (hasInclude) add('include', null);
  if (chance(r, 0.1)) add('DEFAULT', null);
  for (const p of programs) add('program', p);
  for (const p of listeners) add('eventlistener', p);
  for (const p of fcgis) add('fcgi-program', p);
  for (let g = between(r, 0, 2); g > 0; g--) add('group', r.pick(['g', 'grp', 'web', ...NAMES]));
  if (chance(r, errorRate / 2)) add(r.pick(['program', 'group', 'fcgi-program', 'eventlistener']), r.pick(BAD_NAMES));
  if (chance(r, 0.05)) sections.push({ header: r.pick(['Program:x', ' program:y ', 'foo', 'unix_http_serverX', 'program:', 'include:x']), kind: 'other', lines: ['command=x'] });
  if (chance(r, 0.05) && sections.length) sections.push({ ...r.pick(sections) }); // a repeated header, merged

  // Spread the sections over the main file and the included ones.
  const byFile = new Map<string, Section[]>([[MAIN, []]]);
  for (const s of sections) {
    const movable = s.kind !== 'include' && (s.kind !== 'supervisord' || errorRate > 0);
    const file = hasInclude && movable && chance(r, 0.5) ? r.pick(INCLUDED_FILES) : MAIN;
    const list = byFile.get(file) ?? [];
    list.push(s);
    byFile.set(file, list);
  }
  const files: FileSet = new Map();
  for (const [file, list] of byFile) files.set(file, renderFile(r, list));
  files.set('logs/.keep', '');
  if (chance(r, 0.1)) files.set('conf.d/dir.conf/', '');
  if (chance(r, 0.05)) files.set('conf.d/z.conf', 'garbage before any section\n[program:z]\ncommand=z\n');
  if (chance(r, 0.05)) files.set('conf.d/y.conf', '[include]\nfiles = ../supervisord.conf\n');
  const label = `grammar case (error rate ${errorRate}, ${sections.length} sections in ${byFile.size} files)`;
  return { category: 'grammar', label, files, relative: chance(r, 0.5) };
}

// ---------------------------------------------------------------------------------------------
// (c) Pathological inputs, the same in every run.

const PATHOLOGICAL: readonly (() => FuzzCase)[] = [
  () => {
    const parts = ['[supervisord]'];
    for (let i = 0; i < 5000; i++) parts.push(`[program:p${i}]\ncommand=/bin/cat %(program_name)s\npriority=${i % 7}`);
    return patho('5,000 program sections', { [MAIN]: parts.join('\n') });
  },
  () => {
    const parts = ['[supervisord]'];
    for (let i = 0; i < 5000; i++) parts.push(`[group:g${i}]\nprograms=missing${i}`);
    return patho('5,000 group sections naming missing programs (5,000 issues)', { [MAIN]: parts.join('\n') });
  },
  () => patho('a 1 MB command value', { [MAIN]: `[supervisord]\n[program:big]\ncommand=${'x%%'.repeat(350_000)}\n` }),
  () => patho('a 1 MB quoted environment value', { [MAIN]: `[supervisord]\n[program:big]\ncommand=x\nenvironment=A="${'v,'.repeat(524_288)}"\n` }),
  () => patho('a 1 MB line without a delimiter', { [MAIN]: `[supervisord]\n${'y'.repeat(1 << 20)}\n` }),
  () => patho('a 1 MB section header', { [MAIN]: `[supervisord]\n[program:${'n'.repeat(1 << 20)}]\ncommand=x\n` }),
  () => {
    const lines = Array.from({ length: 10_000 }, (_, i) => `  arg${i} %(process_num)d`);
    return patho('10,000 continuation lines in command', { [MAIN]: `[supervisord]\n[program:c]\ncommand=run\n${lines.join('\n')}\n` });
  },
  () => {
    const lines = Array.from({ length: 10_000 }, (_, i) => `  K_${i}="v ${i}",`);
    return patho('10,000 continuation lines in environment', { [MAIN]: `[supervisord]\nenvironment=\n${lines.join('\n')}\n[program:c]\ncommand=%(ENV_K_9999)s\n` });
  },
  () => {
    const lines = Array.from({ length: 10_000 }, () => '  conf.d/a.conf');
    return patho('10,000 continuation lines in [include] files, all the same file', {
      [MAIN]: `[supervisord]\n[include]\nfiles=\n${lines.join('\n')}\n`,
      'conf.d/a.conf': '[program:a]\ncommand=a %(here)s\n',
    });
  },
  () => patho('10,000 parse errors', { [MAIN]: `[supervisord]\n${'bad line\n'.repeat(10_000)}` }),
  () => patho('the same include repeated 2,000 times on one line', {
    [MAIN]: `[supervisord]\n[include]\nfiles=${'conf.d/*.conf '.repeat(2000)}\n`,
    'conf.d/a.conf': '[program:a]\ncommand=a\n[include]\nfiles=*.conf\n',
    'conf.d/b.conf': '[program:a]\ncommand=b %(here)s\n',
  }),
  () => patho('an include pattern matching the including file itself', {
    [MAIN]: '[supervisord]\n[include]\nfiles = supervisord.conf *.conf %(here)s/supervisord.conf conf.d/*.conf\n[program:self]\ncommand=x\n',
    'conf.d/back.conf': '[include]\nfiles = ../supervisord.conf ../*.conf\n[program:back]\ncommand=y\n',
  }),
  () => patho('an include of everything (directories too)', {
    [MAIN]: '[supervisord]\n[include]\nfiles = * */* */*/* */*/*/*\n',
    'a/b/c/d.conf': '[program:d]\ncommand=d\n',
    'a/b/e.conf/': '',
  }),
  () => patho('100,000 expansions in one value', { [MAIN]: `[supervisord]\n[program:e]\ncommand=${'%(here)s%(program_name)s%%'.repeat(100_000)}\n` }),
  () => patho('10,000 environment pairs on one line', {
    [MAIN]: `[supervisord]\n[program:e]\ncommand=x\nenvironment=${Array.from({ length: 10_000 }, (_, i) => `K${i}=v${i}`).join(',')}\n`,
  }),
  () => patho('numprocs=2000', { [MAIN]: '[supervisord]\n[program:n]\ncommand=x %(process_num)d\nprocess_name=%(program_name)s_%(process_num)04d\nnumprocs=2000\n' }),
  () => patho('a 100-digit integer for every integer option', {
    [MAIN]: `[supervisord]\nminfds=${'9'.repeat(100)}\n[program:n]\ncommand=x\npriority=${'9'.repeat(100)}\nstartsecs=-${'9'.repeat(100)}\nnumprocs_start=${'9'.repeat(400)}\nstopwaitsecs=${'1'.repeat(400)}\nstdout_logfile_maxbytes=${'9'.repeat(400)}GB\n`,
  }),
  () => patho('5,000 [DEFAULT] keys inherited by 100 sections', {
    [MAIN]: `[DEFAULT]\n${Array.from({ length: 5000 }, (_, i) => `k${i}=%(here)s`).join('\n')}\n[supervisord]\n${Array.from({ length: 100 }, (_, i) => `[program:p${i}]\ncommand=x`).join('\n')}\n`,
  }),
  () => patho('a NUL-filled file', { [MAIN]: '\0'.repeat(100_000) }),
  () => patho('an empty file', { [MAIN]: '' }),
];

function patho(label: string, files: Readonly<Record<string, string>>): FuzzCase {
  return { category: 'pathological', label, files: new Map(Object.entries(files)), relative: false };
}

// Bugs found by this fuzzer, one case each, run by their own tests in fuzz.test.ts.
export const REGRESSIONS: readonly FuzzCase[] = [
  {
    category: 'regression',
    label: 'numprocs_start just above 2**53 is refused, not looped over forever (supervisord makes processes 9007199254740993 and 9007199254740994)',
    files: new Map([[MAIN, '[supervisord]\n[program:x]\ncommand=x\nprocess_name=%(process_num)s\nnumprocs=2\nnumprocs_start=9007199254740993\n']]),
    relative: false,
    processes: 0,
  },
  {
    category: 'regression',
    label: 'numprocs_start=12345678901234567891 is refused (supervisord makes 1 process, command `x 12345678901234567891`)',
    files: new Map([[MAIN, '[supervisord]\n[program:x]\ncommand=x %(process_num)d\nnumprocs_start=12345678901234567891\n']]),
    relative: false,
    processes: 0,
  },
  {
    category: 'regression',
    label: 'an [include] pattern with a 50,000-character file name (supervisord: no match, a warning)',
    files: new Map([[MAIN, `[supervisord]\n[include]\nfiles=conf.d/*.conf${'x'.repeat(50_000)}\n`], ['conf.d/a.conf', '[program:a]\ncommand=a\n']]),
    relative: false,
  },
  {
    category: 'regression',
    label: 'an [include] pattern 20,000 directories deep below a wildcard (supervisord: RecursionError)',
    files: new Map([[MAIN, `[supervisord]\n[include]\nfiles=conf.d/*${'/x'.repeat(20_000)}.conf\n`], ['conf.d/a.conf', '[program:a]\ncommand=a\n']]),
    relative: false,
  },
];

// ---------------------------------------------------------------------------------------------
// Running the cases.

export function suiteSize(suite: FuzzSuite): number {
  return suite === 'regressions' ? REGRESSIONS.length : PATHOLOGICAL.length + RANDOM_CASES;
}

export function buildCase(suite: FuzzSuite, seed: number, index: number): FuzzCase {
  if (suite === 'regressions') return REGRESSIONS[index]!;
  const fixed = PATHOLOGICAL[index];
  if (fixed) return fixed();
  const r = createRandom(caseSeed(seed, index));
  return chance(r, 0.55) ? corpusMutation(r) : grammarCase(r);
}

/** Replaces the contents of `dir` with `files`. */
export function materialize(dir: string, files: FileSet): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const [rel, content] of files) {
    const path = join(dir, rel);
    if (rel.endsWith('/')) {
      mkdirSync(path, { recursive: true });
      continue;
    }
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
  }
}

/** What is wrong with a result, or null when it is one of the allowed outcomes. */
export function checkResult(result: LoadResult): string | null {
  if (typeof result !== 'object' || result === null) return `loadConfig returned ${String(result)}`;
  if (result.ok === true) {
    const c = result.config as unknown;
    if (typeof c !== 'object' || c === null) return 'ok: true without a config';
    if (!Array.isArray(result.config.groups) || !Array.isArray(result.config.files)) return 'ok: true with a config lacking groups or files';
    return null;
  }
  if (result.ok !== false) return `ok is ${String((result as { ok: unknown }).ok)}`;
  if (!Array.isArray(result.issues) || result.issues.length === 0) return 'ok: false with no issues';
  for (const [i, issue] of result.issues.entries()) {
    const where = `issue #${i} ${JSON.stringify(issue).slice(0, 600)}`;
    if (typeof issue.file !== 'string' || issue.file === '') return `${where}: no file`;
    if (typeof issue.message !== 'string' || issue.message === '') return `${where}: no message`;
    if (typeof issue.supervisorText !== 'string' || issue.supervisorText === '') return `${where}: no supervisorText`;
    if (typeof issue.code !== 'string' || !issue.code.startsWith('ERR_CONFIG_')) return `${where}: bad code`;
    if (issue.line !== undefined && !(Number.isInteger(issue.line) && issue.line >= 1)) return `${where}: bad line`;
    if (!issue.message.startsWith(issue.file)) return `${where}: the message does not start with the file`;
  }
  return null;
}

let kept = 0;
// A copy of a failing case's input under the test's root; the test moves it out of there when it
// is a new failure, so that it outlives the run.
function keep(root: string, dir: string, label: string, problem: string): string | null {
  if (kept >= MAX_KEPT) return null;
  kept++;
  const to = mkdtempSync(join(root, 'kept-'));
  cpSync(dir, to, { recursive: true });
  writeFileSync(join(to, 'FUZZ-FAILURE.txt'), `${label}\n\n${problem}\n`);
  return to;
}

function countProcesses(result: LoadResult): number {
  return result.ok ? result.config.groups.reduce((n, g) => n + g.processes.length, 0) : 0;
}

function run(job: FuzzJob, post: (m: FuzzMessage) => void): void {
  const total = suiteSize(job.suite);
  const to = Math.min(job.to ?? total, total);
  const home = join(job.root, 'home');
  mkdirSync(home, { recursive: true });
  for (let index = job.from; index < to; index++) {
    let c: FuzzCase;
    try {
      c = buildCase(job.suite, job.seed, index);
    } catch (err) {
      // A bug of the fuzzer itself: report it like any failure and go on.
      post({ kind: 'violation', index, label: 'building the case', problem: `the fuzzer failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`, keptAt: null });
      continue;
    }
    const dir = join(job.root, c.category);
    materialize(dir, c.files);
    post({ kind: 'begin', index, label: c.label, dir });
    const configFile = c.relative ? MAIN : join(dir, MAIN);
    const started = performance.now();
    let problem: string | null;
    let result: LoadResult | undefined;
    try {
      result = loadConfig({ configFile, cwd: dir, env: FUZZ_ENV(home), hostNodeName: HOST });
      problem = checkResult(result);
    } catch (err) {
      problem = `loadConfig threw: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`;
    }
    const ms = performance.now() - started;
    if (problem !== null) post({ kind: 'violation', index, label: c.label, problem, keptAt: keep(job.root, dir, c.label, problem) });
    post({
      kind: 'end', index, category: c.category, ok: result?.ok === true, ms,
      codes: result && !result.ok ? [...new Set(result.issues.map((i) => i.code))] : [],
      processes: result ? countProcesses(result) : 0,
    });
  }
  post({ kind: 'done', total: to - job.from });
}

if (parentPort && (workerData as { job?: FuzzJob } | null)?.job) {
  const port = parentPort;
  run((workerData as { job: FuzzJob }).job, (m) => port.postMessage(m));
}
