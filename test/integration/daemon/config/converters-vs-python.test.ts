// Differential test: every value converter against the supervisor.datatypes function it ports,
// run by /usr/bin/python3 (test/helpers/converters-reference.py) on the same inputs — valid,
// invalid and hostile ones (Unicode digits and spaces, huge numbers, quotes, `#`, NUL, '').
// All cases go to ONE python process. Path converters run against a temp tree made here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  colonSeparatedUserGroup, gidForUid, nameToGid, nameToUid, signame, toAutoRestart, toBoolean, toByteSize,
  toExistingDirectory, toExistingDirpath, toExitCodes, toExpandedPath, toInetAddress, toInteger, toListOfStrings,
  toLoggingLevel, toLogfileName, toOctal, toPortNumber, toProcessOrGroupName, toSignalNumber, toUrl,
} from '../../../../packages/daemon/src/config/converters.js';
import { dictOfKeyValuePairs } from '../../../../packages/daemon/src/config/env-dict.js';
import type { Converted } from '../../../../packages/daemon/src/config/types.js';
import { createRandom, runPythonJson } from '../../../helpers/python-json.js';
import { requireSupervisorPython } from '../../../helpers/reference.js';

type Outcome = { readonly value: unknown } | { readonly error: string };

interface Case {
  readonly fn: string;
  readonly input: string | number;
  /** $HOME for this case on both sides; null = unset. Absent = left as it is. */
  readonly home?: string | null;
}

// Shared by every string converter: the inputs most likely to expose a difference.
const HOSTILE: readonly string[] = [
  '', ' ', '\t', '\n', '  \r\n', '#', '#1', '1#', '"', "'", '""', "''", '"1"', "'1'", '\\', '%', ':', '/', 'a b',
  '\u0661\u0662\u0663', '\uff11\uff12', '\u{1d7cf}\u{1d7d0}', '\u00a01\u00a0', '\u30001', '\x1c1', '1\x1f', '\x851',
  '\u200b1', '\u2028', '1_000', '_1', '1_', '1__0', '+5', '-5', '+-5', '- 5', '0', '00', '-0', '1.5', '1e3',
  '0x10', '0o17', '0b1', '9'.repeat(30), '9'.repeat(400), '1'.repeat(4300), '1'.repeat(4301), `${'1'.repeat(5000)}x`,
  'x'.repeat(300), '\u00e9', '\u017f', '\u0130', '\u212a', '\0', '1\0', '\u{1f600}', 'None', 'true', '\x7f1',
  '\u0967\u0966', '\u{1d7ce}', '\u{1fbf9}',
];

function stringInputs(fn: string, specific: readonly string[]): Case[] {
  return [...new Set([...specific, ...HOSTILE])].map((input) => ({ fn, input }));
}

function pathInputs(dir: string): string[] {
  return [
    dir, `${dir}/d`, `${dir}/d/`, `${dir}/f`, `${dir}/link`, `${dir}/nope`, `${dir}//d`, `${dir}/d/sub`, '~', '~/',
    '~/d', '~/f', '~/nope', '~root', '~root/', '~nobody', '~nouserxyz', '~nouserxyz/d', '/', '//', '.', '..', 'packages',
    'nope', '~\0', '~a\0b/x', `${dir}\0`, `${dir}/x.log`, `${dir}/d/x.log`, `${dir}/nope/x.log`, `${dir}/f/x.log`,
    'x.log', '~/x.log', '~/nope/x.log', '~root/x.log', '~nouserxyz/x.log', '/x.log', '//x.log', 'packages/x.log',
    'nope/x.log', '~\0/x', `${dir}/link/x.log`, ' ~/d', '~ /d', '~/d ',
  ];
}

function buildCases(dir: string): Case[] {
  const paths = pathInputs(dir);
  const homes: readonly Case[] = ['~', '~/', '~/d', '~/x.log', '~x'].flatMap((input) =>
    [null, '/', '', `${dir}///`, `${dir}/d`, 'relative'].map((home) => ({ fn: '', input, home })));
  const withHomes = (fn: string): Case[] => homes.map((c) => ({ ...c, fn }));
  const ints = (fn: string, ns: readonly number[]): Case[] => ns.map((input) => ({ fn, input }));
  const range = Array.from({ length: 70 }, (_, i) => i - 2);
  return [
    ...stringInputs('boolean', ['TRUE', 'yes', 'Yes', 'on', 'ON', 'false', 'no', 'OFF', 'maybe', 'y', 'n', 'tru e', ' true',
      'true ', '\uff34\uff32\uff35\uff25', 'True\n', '1', 'O\u212a']),
    ...stringInputs('integer', ['42', ' 42 ', '-17', '1_000_000', '007', '2147483648', '18446744073709551616', '-9'.repeat(20),
      '12345678901234567890123', '\u0967\u0966\u0966']),
    ...stringInputs('byte_size', ['1024', '10KB', '10kb', '10Kb', '10MB', '1GB', '10K', '10B', '1.5MB', '10xb', '10xkb', 'kb',
      'MB', ' 10 MB', '10 mb ', '-1kb', '1_0KB', '\u0661\u0660KB', '10\u212ab', '10gb\n', `${'9'.repeat(4299)}GB`, '0KB', 'KB10']),
    ...stringInputs('octal_type', ['022', '0o22', '0O22', '22', '999', '8', '0o', '0o_7', '0_o7', '-0o7', '777', ' 0755 ',
      '\u0667', '\u0668', '0x1f', '1_7', '0o0o7', '+0o7']),
    ...stringInputs('signal_number', ['TERM', 'term', 'SIGTERM', 'sigterm', 'SiGtErM', ' TERM ', 'HUP', 'KILL', '9', '15',
      '31', '32', '34', '35', '64', '65', '-1', 'SIG_DFL', 'SIG_IGN', 'sig_dfl', '_IGN', '_BLOCK', 'SIG_SETMASK', 'SIGRTMIN',
      'RTMAX', 'CLD', 'IOT', 'POLL', 'FOO', 'SIG', 'SIGFOO', '\u017figterm', 'TERM\n', '\u0661\u0665', 'SIG TERM', 'NSIG',
      'Signals', 'sigterm\u00a0', '\u0131nt', 'ABRT']),
    ...ints('signame', range),
    ...stringInputs('list_of_exitcodes', ['0,2', '0, 2 ,3', '0,256', '-1', '255', '0,', '0,,1', ',', '1 2', '\u0660,\u0661',
      '0x1', '0_1', '256', ' 0 , 1 ', '0;1', '2,1,2']),
    ...stringInputs('list_of_strings', ['a,b', 'a, b ,c', ' a ', 'a,,b', ',', ',,', ' , ', 'a\u00a0,\u3000b', 'a\x1c,b']),
    ...stringInputs('logging_level', ['critical', 'error', 'warn', 'info', 'debug', 'trace', 'blather', 'CRITICAL', 'Error',
      'WARN', 'warning', 'crit', 'err', 'Info', 'TRACE', 'BLAT', 'debg', ' info', 'info ', 'INFO\n', 'bla\u0131her']),
    ...stringInputs('existing_directory', paths),
    ...withHomes('existing_directory'),
    ...stringInputs('existing_dirpath', paths),
    ...withHomes('existing_dirpath'),
    ...stringInputs('expanduser', paths),
    ...withHomes('expanduser'),
    ...stringInputs('logfile_name', ['NONE', 'none', 'Off', 'OFF', 'AUTO', 'auto', 'Auto', 'syslog', 'SYSLOG', 'Syslog',
      ' none', 'none ', ...paths]),
    ...stringInputs('auto_restart', ['false', 'unexpected', 'UNEXPECTED', 'Unexpected', 'yes', 'no', '1', 'on', 'off',
      'maybe', 'unexpected ', 'X Y', 'TRUE']),
    ...stringInputs('name_to_uid', ['root', 'nobody', '65534', '1000', 'cloudsdk', '-1', '4294967295', '4294967294',
      '99999999999999999999', 'nouserxyz', 'ROOT', ' root', ' 0 ', '\u0660', '0_0', '+0', 'root:root', 'a\0', 'daemon', '1']),
    ...stringInputs('name_to_gid', ['root', 'nogroup', 'users', '65534', '100', 'nogroupxyz', '-1', '4294967295', 'ROOT',
      ' 0 ', 'a\0']),
    ...ints('gid_for_uid', [...range, 100, 101, 1000, 65534, 65535, 12345, 4294967294]),
    ...stringInputs('colon_separated_user_group', ['root', 'root:root', '0:0', 'root:', 'root:nogroupxyz', ':root',
      'nouserxyz:root', 'root:root:x', 'nobody:nogroup', '65534:65534', 'root: root', 'root:0', '0', 'root:\0']),
    ...stringInputs('port_number', ['9001', '65535', '65536', '70000', '-80', ' 80 ', '\u0668\u0660', '0080']),
    ...stringInputs('inet_address', ['9001', '127.0.0.1:9001', '*:9001', ':9001', 'localhost:9001', 'LOCALHOST:9001',
      '127.0.0.1:', 'abc', 'h:abc', 'h:0', '70000', 'h:70000', 'h:065535', '[::1]:9001', '::1', 'a:b:80', 'h: 80',
      'h:80 ', 'h:\u0668\u0660', ' 9001 ', 'h:-1', '*:', 'H\u0130:80', '\u212a:1', 'h:1_0']),
    ...stringInputs('process_or_group_name', ['foo', ' foo ', 'a:b', 'a/b', 'a/b:c d', '\tfoo\n', 'foo\u00a0',
      'foo\u00a0bar', 'foo\u3000bar', '%(x)s', 'a\\b', "it's", 'a\x1cb', ' : ', 'x/y']),
    ...stringInputs('url', ['http://localhost:9001', 'unix:///tmp/s.sock', 'foo', 'http:', 'http://', 'http:;x',
      'http:/;x', 'http://h/;x', 'HTTP://H', 'localhost:9001', 'file:x', '1http://x', 'h ttp://x', ' http://x', '\0http://x',
      'http://[::1]:9001', 'http://[::1', 'http://::1]', 'http://[1.2.3.4]', 'http://[zz]:80', 'http://[v1.x]', 'http://[v1.]',
      'http://[vg.x]', 'http://x@[::1]', 'http://[::1]x', 'http://a[::1]', 'http://[::1%eth0]', 'http://[::1%]',
      'http://\u2100', 'http://a\uff03b', 'http://\u00e9.com', 'http://x?y', 'http://x#y', '://x', 'a:', 'a:b', 'tel:;x',
      'git:;x', 'http://\t\nx', 'http://[::ffff:1.2.3.4]', 'http://[1::2::3]', 'http://[1:2:3:4:5:6:7:8]',
      'http://[1:2:3:4:5:6:7]', 'http://[::]', 'http://[v1.x\n]', 'unix://', 'unix:', 'http://@', 'http://[@x]',
      'http://[01.2.3.4]', 'http://[::1.2.3.04]', 'x+y.z-w:p']),
    ...stringInputs('dict_of_key_value_pairs', ['A=1,B=2,', 'A=1 ,B=2', 'D = "sp ace"', 'FOO="bar baz",EMPTY=""',
      `QUOTE="a'b"`, 'A="a,b",B=c', 'P=/usr/bin:/bin', 'A=1;B=2', 'A="1" "2"', 'A=1#x', 'D=x=y', 'U=http://x.y/z?a',
      'E=a$b', 'A=~u/@x', 'A=1 B=2', 'A=1,,B=2', 'A=1,B', 'K="with \\"esc\\""', 'A=caf\u00e9', 'A=1#x\nB,C=2', 'A="x',
      "A='x", 'A=x"y', 'A=""""', '"A"=1', 'A=1,A=2', 'B=1,A=2,B=3', '__proto__=x', 'a-b.c=(1):2', 'A=\'"x"\'',
      'A=1\nB=2', 'A=1,\nB=2', 'A=\u00e9', '=1', 'A=', 'A==1', 'A=1,B="two words",C=3', ',A=1', 'A=1 # c\n,B=2']),
  ];
}

// Random strings from fragments that mean something to at least one converter (seeded, reproducible).
const SEED = 0xc0_4e_27;
const GENERATED_PER_CONVERTER = 300;
const FRAGMENTS: readonly string[] = [
  '0', '1', '7', '9', '42', '_', '-', '+', ' ', '\t', '\n', '\u00a0', '\u3000', '\u0661', '\uff11', 'k', 'b', 'K', 'B',
  'm', 'g', 'o', 'O', 'x', ':', ',', '=', '"', "'", '#', '/', '.', '[', ']', '@', '?', ';', '%', 'A', 'Z', '\u00e9',
  '\\', '(', ')', '$', '~', 'SIG', 'TERM', 'true', 'info', 'http', '//', '::', '1.2.3.4', 'v1.', '\u2100', '\u212a',
];
const GENERATED_FOR = [
  'boolean', 'integer', 'byte_size', 'octal_type', 'signal_number', 'list_of_exitcodes', 'logging_level', 'auto_restart',
  'inet_address', 'process_or_group_name', 'url', 'dict_of_key_value_pairs', 'colon_separated_user_group',
];

function generatedCases(): Case[] {
  const rnd = createRandom(SEED);
  return GENERATED_FOR.flatMap((fn) => Array.from({ length: GENERATED_PER_CONVERTER }, () => {
    let input = '';
    for (let n = 1 + rnd.int(8); n > 0; n--) input += rnd.pick(FRAGMENTS);
    return { fn, input };
  }));
}

function outcomeOf<T>(r: Converted<T>, shape: (v: T) => unknown = (v) => v): Outcome {
  return r.ok ? { value: shape(r.value) } : { error: r.error };
}

const STRING_CONVERTERS: Readonly<Record<string, (input: string) => Outcome>> = {
  boolean: (v) => outcomeOf(toBoolean(v)),
  integer: (v) => outcomeOf(toInteger(v)),
  byte_size: (v) => outcomeOf(toByteSize(v)),
  octal_type: (v) => outcomeOf(toOctal(v)),
  signal_number: (v) => outcomeOf(toSignalNumber(v)),
  list_of_exitcodes: (v) => outcomeOf(toExitCodes(v)),
  list_of_strings: (v) => outcomeOf(toListOfStrings(v)),
  logging_level: (v) => outcomeOf(toLoggingLevel(v)),
  existing_directory: (v) => outcomeOf(toExistingDirectory(v)),
  existing_dirpath: (v) => outcomeOf(toExistingDirpath(v)),
  expanduser: (v) => outcomeOf(toExpandedPath(v)),
  logfile_name: (v) => outcomeOf(toLogfileName(v)),
  auto_restart: (v) => outcomeOf(toAutoRestart(v)),
  name_to_uid: (v) => outcomeOf(nameToUid(v)),
  name_to_gid: (v) => outcomeOf(nameToGid(v)),
  colon_separated_user_group: (v) => outcomeOf(colonSeparatedUserGroup(v), (pair) => [...pair]),
  port_number: (v) => outcomeOf(toPortNumber(v)),
  inet_address: (v) => outcomeOf(toInetAddress(v), (a) => ({ host: a.host, port: a.port })),
  process_or_group_name: (v) => outcomeOf(toProcessOrGroupName(v)),
  url: (v) => outcomeOf(toUrl(v)),
  dict_of_key_value_pairs: (v) => outcomeOf(dictOfKeyValuePairs(v), (d) => ({ entries: Object.entries(d) })),
};

const NUMBER_CONVERTERS: Readonly<Record<string, (input: number) => Outcome>> = {
  signame: (n) => ({ value: signame(n) }),
  gid_for_uid: (n) => ({ value: gidForUid(n) }),
};

/** Python's {"int": "<hex()>"} → the Number tend returns for it (nearest double, as Number(BigInt)). */
function decodeInts(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(decodeInts);
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    const hex = o['int'];
    if (typeof hex === 'string' && Object.keys(o).length === 1) {
      return Number(hex.startsWith('-') ? -BigInt(hex.slice(1)) : BigInt(hex));
    }
    return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, decodeInts(x)]));
  }
  return v;
}

function runCase(c: Case): Outcome {
  const saved = process.env['HOME'];
  if (c.home !== undefined) {
    if (c.home === null) delete process.env['HOME'];
    else process.env['HOME'] = c.home;
  }
  try {
    if (typeof c.input === 'number') return NUMBER_CONVERTERS[c.fn]!(c.input);
    return STRING_CONVERTERS[c.fn]!(c.input);
  } finally {
    if (saved === undefined) delete process.env['HOME'];
    else process.env['HOME'] = saved;
  }
}

function makeTree(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tend-converters-'));
  mkdirSync(join(dir, 'd', 'sub'), { recursive: true });
  writeFileSync(join(dir, 'f'), 'a file, not a directory\n');
  symlinkSync(join(dir, 'd'), join(dir, 'link'));
  return dir;
}

test('every converter gives the value or error text supervisor.datatypes gives for the same input', async (t) => {
  if (!requireSupervisorPython(t, 'the reference is supervisor.datatypes itself')) return;
  const dir = makeTree();
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const home = process.env['HOME'];
  // Cases without their own $HOME run with the temp tree as $HOME on both sides.
  const cases = [...buildCases(dir), ...generatedCases()].map((c) => (c.home === undefined ? { ...c, home: dir } : c));
  const results = await runPythonJson('converters-reference.py', cases);
  assert.equal(process.env['HOME'], home);

  const byFn = new Map<string, number[]>();
  cases.forEach((c, i) => byFn.set(c.fn, [...(byFn.get(c.fn) ?? []), i]));
  for (const [fn, indexes] of byFn) {
    await t.test(`${fn} matches supervisor on ${indexes.length} inputs`, () => {
      assert.ok(indexes.length >= 40, `${fn} has only ${indexes.length} inputs`);
      const mismatches: string[] = [];
      for (const i of indexes) {
        const c = cases[i]!;
        const expected = decodeInts(results[i]);
        const actual = runCase(c);
        try {
          assert.deepStrictEqual(actual, expected);
        } catch {
          mismatches.push(`${JSON.stringify(c).slice(0, 200)}\n  tend:   ${JSON.stringify(actual).slice(0, 300)}\n` +
            `  python: ${JSON.stringify(expected).slice(0, 300)}`);
        }
      }
      assert.equal(mismatches.length, 0, `${mismatches.length} mismatches:\n${mismatches.slice(0, 15).join('\n')}`);
    });
  }
});
