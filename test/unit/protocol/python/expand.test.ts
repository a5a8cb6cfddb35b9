import { test } from 'node:test';
import assert from 'node:assert/strict';
import { expandPercent, findExpansionNames } from '../../../../packages/protocol/src/python/expand.js';
import type { Expansions } from '../../../../packages/protocol/src/python/expand.js';

// The per-process dictionary of spec §1.4, in supervisor's insertion order.
const PROGRAM: Expansions = new Map<string, string | number>([
  ['ENV_PATH', '/usr/bin:/bin'],
  ['ENV_HOME', '/root'],
  ['here', '/etc/supervisor'],
  ['host_node_name', 'box'],
  ['program_name', 'bad'],
  ['group_name', 'bad'],
  ['process_num', 3],
  ['numprocs', 4],
]);
const AVAILABLE = 'ENV_HOME, ENV_PATH, group_name, here, host_node_name, numprocs, process_num, program_name';

function expand(s: string, expansions: Expansions = PROGRAM, name = 'program:bad.command'): string {
  const r = expandPercent(s, expansions, name);
  assert.ok(r.ok, r.ok ? '' : r.error);
  return r.value;
}

function expansionError(s: string, expansions: Expansions = PROGRAM, name = 'program:bad.command'): string {
  const r = expandPercent(s, expansions, name);
  assert.ok(!r.ok, `expected an error for ${s}`);
  assert.match(r.expected, /%%/);
  return r.error;
}

test('%(name)s, %(name)d and %(name)02d all expand', () => {
  assert.equal(expand('%(program_name)s_%(process_num)d'), 'bad_3');
  assert.equal(expand('%(program_name)s_%(process_num)02d'), 'bad_03');
  assert.equal(expand('%(here)s/../logs/%(program_name)s.out'), '/etc/supervisor/../logs/bad.out');
});

test('a literal percent sign must be written %%', () => {
  assert.equal(expand('date +%%s'), 'date +%s');
  assert.equal(expand('100%%'), '100%');
});

test('an expansion applied twice needs %%%% for one literal percent sign', () => {
  const once = expand('A=%%%%x', new Map([['here', '/']]), 'supervisord.environment');
  assert.equal(once, 'A=%%x');
  assert.equal(expand(once, new Map([['here', '/']]), 'environment'), 'A=%x');
});

test('a key at the very end without a conversion is an incomplete format', () => {
  assert.equal(
    expansionError('x %(program_name)'),
    "Format string 'x %(program_name)' for 'program:bad.command' is badly formatted: incomplete format",
  );
});

test('a lone percent sign before a quote is an unsupported format character', () => {
  assert.equal(
    expansionError('echo "%"'),
    `Format string 'echo "%"' for 'program:bad.command' is badly formatted: unsupported format character '"' (0x22) at index 7`,
  );
});

test('an unknown name lists the available names in sorted order', () => {
  assert.equal(
    expansionError('x %(foo)s'),
    `Format string 'x %(foo)s' for 'program:bad.command' contains names ('foo') which cannot be expanded. Available names: ${AVAILABLE}`,
  );
});

test('names available to one option are missing from another', () => {
  const serverScope: Expansions = new Map([['here', '/etc'], ['ENV_HOME', '/root']]);
  assert.equal(
    expansionError('%(host_node_name)s', serverScope, 'supervisord.environment'),
    "Format string '%(host_node_name)s' for 'supervisord.environment' contains names ('host_node_name') which cannot be expanded. Available names: ENV_HOME, here",
  );
});

test('the error quotes the value and the option name with Python repr', () => {
  assert.equal(
    expansionError("it's %(nope)s", new Map(), 'include.files'),
    `Format string "it's %(nope)s" for 'include.files' contains names ('nope') which cannot be expanded. Available names: `,
  );
});

test('a lone percent sign at the end is an incomplete format', () => {
  assert.match(expansionError('50%'), /is badly formatted: incomplete format$/);
  assert.match(expansionError('%(prog'), /is badly formatted: incomplete format key$/);
});

test('a number is required for %d and a str is not one', () => {
  assert.match(expansionError('%(here)d'), /badly formatted: %d format: a real number is required, not str$/);
  assert.match(expansionError('%(here)x'), /badly formatted: %x format: an integer is required, not str$/);
  assert.match(expansionError('%(here)f'), /badly formatted: must be real number, not str$/);
});

test('an unkeyed conversion formats the whole dict once', () => {
  const dict: Expansions = new Map<string, string | number>([['here', '/x'], ['process_num', 0]]);
  assert.equal(expand('%s', dict), "{'here': '/x', 'process_num': 0}");
  assert.equal(expand('%r', new Map()), '{}');
  assert.match(expansionError('%s %s', dict), /badly formatted: not enough arguments for format string$/);
  assert.match(expansionError('%d', dict), /badly formatted: %d format: a real number is required, not dict$/);
  assert.match(expansionError('%*d', dict), /badly formatted: \* wants int$/);
});

test('width, precision and flags follow printf', () => {
  assert.equal(expand('[%(program_name)-6s|%(program_name)6s|%(program_name).1s]'), '[bad   |   bad|b]');
  assert.equal(expand('%(numprocs)5.2f %(numprocs)+d %(numprocs)#x %(numprocs)#o %(numprocs)e'), ' 4.00 +4 0x4 0o4 4.000000e+00');
  assert.equal(expand('%(x)-4s|%(n)-+5d|%(n)05.1f', new Map<string, string | number>([['x', 'ab'], ['n', -4]])), 'ab  |-4   |-04.0');
  assert.match(expansionError('%(numprocs)*d'), /badly formatted: not enough arguments for format string$/);
  assert.equal(expand('%(process_num)c%(program_name)r%(program_name)a'), "\x03'bad''bad'");
  assert.equal(expand('%(process_num)ld'), '3');
});

test('the error index of an unsupported character counts code points', () => {
  assert.match(expansionError('\u{1F600}%y'), /unsupported format character 'y' \(0x79\) at index 2$/);
  assert.match(expansionError('%\u00e9'), /unsupported format character '\?' \(0xe9\) at index 1$/);
});

test('findExpansionNames lists each referenced name once, in order', () => {
  assert.deepEqual(findExpansionNames('%(here)s/%%(x)s/%(program_name)s_%(here)s %(a(b))d'), ['here', 'program_name', 'a(b)']);
  assert.deepEqual(findExpansionNames('no names, 100%%'), []);
});
