// Differential test: expandPercent against supervisor.options.expand run by /usr/bin/python3
// (test/helpers/expand-reference.py), over generated format strings and expansion dicts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { expandPercent } from '../../../../packages/protocol/src/python/expand.js';
import { requireSupervisorPython } from '../../../helpers/reference.js';
import { createRandom, runPythonJson } from '../../../helpers/python-json.js';

type Pair = [string, string | number];
interface Case {
  readonly s: string;
  readonly pairs: readonly Pair[];
  readonly name: string;
}

const SEED = 0x5eed_e4a1;
const GENERATED = 2500;
const NUMBER_CASES = 1500;

const POOL: readonly Pair[] = [
  ['here', '/etc/supervisor'], ['program_name', 'web'], ['group_name', 'web'],
  ['host_node_name', 'box.example'], ['process_num', 0], ['numprocs', 3],
  ['ENV_HOME', '/root'], ['ENV_PATH', '/usr/bin:/bin'], ['ENV_EMPTY', ''],
  ['ENV_QUOTE', "it's \"quoted\""], ['ENV_UNI', 'caf\u00e9 \u65e5\u672c \u{1F600}'],
  ['x', 'text'], ['ch', 'z'], ['uni_ch', '\u00e9'], ['n', 7], ['neg', -42], ['zero', 0],
  ['big', 123456789], ['huge', 2 ** 31], ['cp', 0x1f600], ['sur', 0xd800], ['tab', '\t\n'], ['pct', '100%'],
  ['a(b)', 'nested'], ['\u00e9t\u00e9', 'summer'], ['\u{1F600}', 'smile'], ['Zeta', 'upper'], ['_u', 'under'],
];
const KEYS = [...POOL.map(([k]) => k), 'nope', 'ENV_MISSING', '', 'a(b', 'HOME'];
const CONVERSIONS = [...'diouxXeEfFgGcrsa', ...'diouxXeEfFgGcrsa', '%', 'y', 'Y', 'z', '\u00e9', '\u{1F600}', '\x1f', '\x7f', ' ', ')'];
const TEXT = ['x', 'hello world', ' ', '/var/log/', '-', '\u00e9', '\u65e5\u672c', '\u{1F600}', '\t', "'", '"', '\\', '(', ')', 'l', '5', '.'];
const NAMES = ['program:web.command', 'supervisord.environment', 'environment', "it's", 'include.files', 'caf\u00e9'];

function generateSpec(rnd: ReturnType<typeof createRandom>): string {
  let spec = '%';
  if (rnd.next() < 0.75) spec += `(${rnd.pick(KEYS)})`;
  while (rnd.next() < 0.3) spec += rnd.pick(['-', '+', ' ', '#', '0']);
  const r = rnd.next();
  if (r < 0.08) spec += '*';
  else if (r < 0.4) spec += String(rnd.int(25));
  if (rnd.next() < 0.3) spec += rnd.next() < 0.1 ? '.*' : rnd.next() < 0.1 ? '.' : `.${rnd.int(25)}`;
  if (rnd.next() < 0.08) spec += rnd.pick(['h', 'l', 'L', 'll']);
  if (rnd.next() < 0.97) spec += rnd.pick(CONVERSIONS);
  return spec;
}

const FIXED_PIECES = [
  '%%', '%(here)s', '%(process_num)02d', '%(x)d', '%(nope)s', '%(', '%5.2f', '%-10s', '%c', '%r', '%*d', '%s',
  '%(n)5.2f', '%(x)-10s', '%(ch)c', '%(x)r', '%(n)*d', '%(neg)+05d', '%(big)#x', '%(ENV_UNI)a', '%(program_name)s',
];

function generateCase(rnd: ReturnType<typeof createRandom>): Case {
  let s = '';
  const pieces = rnd.int(6);
  for (let i = 0; i < pieces; i++) {
    const r = rnd.next();
    s += r < 0.4 ? rnd.pick(TEXT) : r < 0.65 ? rnd.pick(FIXED_PIECES) : generateSpec(rnd);
  }
  if (rnd.next() < 0.05) s += '%';
  const pairs: Pair[] = [];
  for (const pair of POOL) if (rnd.next() < 0.6) pairs.push(pair);
  if (rnd.next() < 0.3) pairs.reverse();
  return { s, pairs, name: rnd.pick(NAMES) };
}

// Number conversions of ints of every size (dtoa rounding ties, carries like 9995 → 1.00e+04).
function generateNumberCase(rnd: ReturnType<typeof createRandom>): Case {
  const digits = 1 + rnd.int(16);
  let n = rnd.int(10) + 1;
  for (let i = 1; i < digits; i++) n = n * 10 + rnd.pick([0, 0, 5, 9, 9, rnd.int(10)]);
  if (rnd.next() < 0.25) n = (1 + rnd.int(999)) * 10 ** (1 + rnd.int(6)) + 5 * 10 ** rnd.int(2); // ties
  if (n > Number.MAX_SAFE_INTEGER) n = Math.floor(n / 10);
  if (rnd.next() < 0.3) n = -n;
  if (rnd.next() < 0.05) n = 0;
  let spec = '%(v)';
  while (rnd.next() < 0.4) spec += rnd.pick(['-', '+', ' ', '#', '0']);
  if (rnd.next() < 0.5) spec += String(rnd.int(30));
  if (rnd.next() < 0.6) spec += `.${rnd.int(20)}`;
  spec += rnd.pick([...'diouxXeEfFgGcrsa']);
  return { s: `[${spec}]`, pairs: [['v', n]], name: 'program:num.command' };
}

function buildCases(): Case[] {
  const rnd = createRandom(SEED);
  const cases: Case[] = [];
  for (let i = 0; i < GENERATED; i++) cases.push(generateCase(rnd));
  for (let i = 0; i < NUMBER_CASES; i++) cases.push(generateNumberCase(rnd));
  // Every fixed piece alone, with the full pool and with an empty dict.
  const edges = [
    '%', 'x %(program_name)', 'x %(program_name)"s', '%(a(b))s', '%(huge).*d', '%(cp)c', '%(sur)c', '\ud800%y',
    '%(n).2147483647e', '%(n)#.2147483647E', '%(big).2147483647e', '%(n).2147483646g', '%(n).2147483647s',
    '%99999999999999999999d', '%.99999999999999d', '%(n).2147483645d', '%(n)5.2147483647x', '%(n).300f',
    '%(n)#.0f', '%(zero)#g', '%(zero).0e', '%(big)#.3G', '%(neg)# 012.3d', '%(neg)-+#12x', '%(x)#010s',
  ];
  for (const p of [...FIXED_PIECES, ...edges]) {
    cases.push({ s: p, pairs: POOL, name: 'program:bad.command' }, { s: p, pairs: [], name: 'x' });
  }
  return cases;
}

test('expandPercent matches supervisor.options.expand on generated format strings', async (t) => {
  if (!requireSupervisorPython(t, 'the reference is supervisor.options.expand itself')) return;
  const cases = buildCases();
  assert.ok(cases.length >= 4000);
  const expected = await runPythonJson('expand-reference.py', cases);
  const mismatches: string[] = [];
  cases.forEach((c, i) => {
    const r = expandPercent(c.s, new Map(c.pairs), c.name);
    const actual = r.ok ? { ok: true, value: r.value } : { ok: false, error: r.error };
    try {
      assert.deepStrictEqual(actual, expected[i]);
    } catch {
      mismatches.push(`case ${i} ${JSON.stringify(c)}\n  tend:   ${JSON.stringify(actual)}\n  python: ${JSON.stringify(expected[i])}`);
    }
  });
  assert.equal(mismatches.length, 0, `${mismatches.length} mismatches, first ones:\n${mismatches.slice(0, 10).join('\n')}`);
});
