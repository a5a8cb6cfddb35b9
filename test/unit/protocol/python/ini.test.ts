import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  createRawIni,
  expandHere,
  findCommentStart,
  getRawOption,
  parseIniInto,
  rawItems,
  splitPyLines,
} from '../../../../packages/protocol/src/python/ini.js';
import type { IniSyntaxError, RawIni } from '../../../../packages/protocol/src/python/ini.js';

function parse(text: string, file = '/etc/t.conf'): RawIni {
  const ini = createRawIni();
  const error = parseIniInto(ini, text, file);
  assert.equal(error, null, error?.pythonMessage);
  return ini;
}

function parseError(text: string, file = '/etc/t.conf'): IniSyntaxError {
  const error = parseIniInto(createRawIni(), text, file);
  assert.ok(error !== null, 'expected a syntax error');
  return error;
}

function valuesOf(ini: RawIni, section: string): Record<string, string> {
  return Object.fromEntries(rawItems(ini, section).map(([k, v]) => [k, v.value]));
}

function get(ini: RawIni, section: string, key: string): string | undefined {
  return getRawOption(ini, section, key)?.value;
}

test('continuation lines join with newlines, keep a blank line and drop the indentation', () => {
  const ini = parse('[program:x]\ncommand = echo\n  continued line\n\ttab continued\n\n  after blank\n');
  assert.equal(get(ini, 'program:x', 'command'), 'echo\ncontinued line\ntab continued\n\nafter blank');
});

test('a semicolon inside a word is kept but one after whitespace starts a comment', () => {
  const ini = parse('[s]\na=echo a;b\nb=echo a ;b\nc=/tmp  # c\nd=x#y\ne=sh -c "echo a ;b"\n');
  assert.deepEqual(valuesOf(ini, 's'), { a: 'echo a;b', b: 'echo a', c: '/tmp', d: 'x#y', e: 'sh -c "echo a' });
});

test('the inline comment scan stops at the first round that finds a comment, as Python does', () => {
  // Round one sees ';' at 1 (no comment) and '#' at 7 (comment); the earlier ' ;' at 4 is never checked.
  assert.equal(findCommentStart('a;b ;c #d\n'), 7);
  assert.equal(get(parse('[s]\nk=a;b ;c #d\n'), 's', 'k'), 'a;b ;c');
});

test('Python whitespace before a comment prefix counts, other characters do not', () => {
  const ini = parse('[s]\na=x\u00a0;y\nb=x\u001c#y\nc=x\u3000;y\nd=x\u200b;y\n');
  assert.deepEqual(valuesOf(ini, 's'), { a: 'x', b: 'x', c: 'x', d: 'x\u200b;y' });
});

test('the first = or : on the line is the delimiter and whitespace around it is stripped', () => {
  const ini = parse('[s]\ncommand: foo=bar\na=b:c\nspaced  \t=  \t value  \nempty=\ncolon :\n');
  assert.deepEqual(valuesOf(ini, 's'), { command: 'foo=bar', a: 'b:c', spaced: 'value', empty: '', colon: '' });
});

test('option names are lower-cased like Python str.lower and values keep their case', () => {
  const ini = parse('[s]\nAUTOSTART=False\nPriority = 5\n\u0130X=1\nΣΑΣ=2\n');
  assert.deepEqual(valuesOf(ini, 's'), { autostart: 'False', priority: '5', 'i\u0307x': '1', σας: '2' });
  assert.equal(get(ini, 's', 'AutoStart'), 'False');
});

test('section names are kept verbatim and are case-sensitive', () => {
  const ini = parse('[Program:x]\na=1\n[ program:x ]\nb=2\n[program:x]\nc=3\n');
  assert.deepEqual([...ini.sections.keys()], ['Program:x', ' program:x ', 'program:x']);
});

test('the header runs to the last closing bracket and text after it is ignored', () => {
  const ini = parse('[a]b] trailing ; note\nq=1\n[]]\n  [indented]\ny=3\n');
  assert.deepEqual([...ini.sections.keys()], ['a]b', ']', 'indented']);
});

test('a line starting with [] but no later bracket is an option line', () => {
  const ini = parse('[s]\n[]x=3\n');
  assert.equal(get(ini, 's', '[]x'), '3');
});

test('duplicate sections merge and a repeated key keeps its place with the last value', () => {
  const ini = parse('[program:dup]\ncommand=first\nautostart=false\n[other]\n[program:dup]\ncommand=second\n');
  assert.deepEqual(rawItems(ini, 'program:dup').map(([k, v]) => [k, v.value, v.line]), [
    ['command', 'second', 6],
    ['autostart', 'false', 3],
  ]);
  assert.equal(ini.sections.get('program:dup')?.line, 1);
});

test('[DEFAULT] values are inherited by every section and come first in items', () => {
  const ini = parse('[s]\nown=1\nstartsecs=9\n[DEFAULT]\nstartsecs=7\numask=022\n[t]\n');
  assert.deepEqual([...ini.sections.keys()], ['s', 't']);
  assert.deepEqual(rawItems(ini, 's').map(([k, v]) => [k, v.value]), [
    ['startsecs', '9'],
    ['umask', '022'],
    ['own', '1'],
  ]);
  assert.equal(get(ini, 't', 'startsecs'), '7');
  assert.equal(get(ini, 'DEFAULT', 'umask'), '022');
  assert.equal(get(ini, 'missing', 'umask'), undefined);
  assert.deepEqual(valuesOf(ini, 'DEFAULT'), { startsecs: '7', umask: '022' });
});

test('items of a section that does not exist is a programmer error', () => {
  assert.throws(() => rawItems(createRawIni(), 'nope'), { name: 'RangeError', message: "No section: 'nope'" });
});

test('an indented section header after an option is continuation text', () => {
  const ini = parse('[s]\ncommand=echo\n  [t]\nnext=1\n');
  assert.equal(get(ini, 's', 'command'), 'echo\n[t]');
  assert.deepEqual([...ini.sections.keys()], ['s']);
});

test('comment lines, even indented ones, and blank lines holding a comment stay out of a value', () => {
  const ini = parse('[s]\nk=1\n  # note\n\n   ;c\n\n  more\n\n\n');
  assert.equal(get(ini, 's', 'k'), '1\n\n\nmore');
});

test('a bad line is reported with Python ParsingError text and tab-indented line numbers', () => {
  const error = parseError('[s]\na=1\n\n;c\nnovalueline\n', '/dir/e1.conf');
  assert.equal(error.kind, 'parsing');
  assert.equal(error.pythonMessage, "Source contains parsing errors: '/dir/e1.conf'\n\t[line  5]: 'novalueline\\n'");
  assert.deepEqual(error.lines, [{ line: 5, text: 'novalueline' }]);
});

test('every bad line is collected and the good values stay in the parser state', () => {
  const ini = createRawIni();
  const lines = ['[s]', 'bad one', 'k=v', ...Array.from({ length: 97 }, () => '#'), "it's bad"];
  const error = parseIniInto(ini, lines.join('\n'), 'f');
  assert.equal(
    error?.pythonMessage,
    "Source contains parsing errors: 'f'\n\t[line  2]: 'bad one\\n'\n\t[line 101]: \"it's bad\"",
  );
  assert.equal(get(ini, 's', 'k'), 'v');
});

test('an empty option name is a parsing error but Python still sets it and ends the value', () => {
  const ini = createRawIni();
  const error = parseIniInto(ini, '[s]\nk=1\n=v\n  cont\n', 'f');
  assert.deepEqual(error?.lines, [
    { line: 3, text: '=v' },
    { line: 4, text: '  cont' },
  ]);
  assert.deepEqual(valuesOf(ini, 's'), { k: '1', '': 'v' });
});

test('a file without a section header fails with Python MissingSectionHeaderError text', () => {
  const error = parseError('# comment\n\ngarbage line\n[s]\n', '/dir/conf.d/zz.conf');
  assert.equal(error.kind, 'no-section-header');
  assert.equal(
    error.pythonMessage,
    "File contains no section headers.\nfile: '/dir/conf.d/zz.conf', line: 3\n'garbage line\\n'",
  );
  assert.deepEqual(error.lines, [{ line: 3, text: 'garbage line' }]);
});

test('a byte order mark is not whitespace, so it hides the first header', () => {
  const error = parseError('\ufeff[s]');
  assert.equal(error.pythonMessage, "File contains no section headers.\nfile: '/etc/t.conf', line: 1\n'\\ufeff[s]'");
});

test('every file needs its own section header even after earlier files', () => {
  const ini = parse('[s]\na=1\n', 'one');
  const error = parseIniInto(ini, 'b=2\n', 'two');
  assert.equal(error?.kind, 'no-section-header');
});

test('CRLF and lone CR end lines and read as a newline', () => {
  const ini = parse('[s]\r\nk=1\r  more\r\n\r\nj=2\r');
  assert.deepEqual(rawItems(ini, 's').map(([k, v]) => [k, v.value, v.line]), [
    ['k', '1\nmore', 2],
    ['j', '2', 5],
  ]);
  const error = parseError('[s]\r\nk=1\rbad\r\nlast');
  assert.equal(error.pythonMessage, "Source contains parsing errors: '/etc/t.conf'\n\t[line  3]: 'bad\\n'\n\t[line  4]: 'last'");
});

test('only CR and LF end lines: vertical tab, form feed, \\x1c and U+2028 do not', () => {
  assert.deepEqual(splitPyLines('a\x0bb\x0cc\x1cd\u2028e\x85f\r\ng\rh\n'), ['a\x0bb\x0cc\x1cd\u2028e\x85f\n', 'g\n', 'h\n']);
  assert.deepEqual(splitPyLines(''), []);
  assert.deepEqual(splitPyLines('x'), ['x']);
});

test('values and sections carry the file and the line of their key or header', () => {
  const ini = createRawIni();
  assert.equal(parseIniInto(ini, '\n[a]\nk = 1\n  cont\nj=2\n[DEFAULT]\nd=3\n', 'main.conf'), null);
  assert.equal(parseIniInto(ini, '[b]\nx=1\n[a]\n\nj=4\n', 'inc.conf'), null);
  assert.deepEqual(ini.sections.get('a'), {
    name: 'a',
    file: 'main.conf',
    line: 2,
    values: new Map([
      ['k', { value: '1\ncont', file: 'main.conf', line: 3 }],
      ['j', { value: '4', file: 'inc.conf', line: 5 }],
    ]),
  });
  assert.deepEqual(ini.sections.get('b')?.file, 'inc.conf');
  assert.deepEqual(getRawOption(ini, 'b', 'd'), { value: '3', file: 'main.conf', line: 7 });
});

test('expandHere rewrites own and inherited values that mention %(here)s into the section', () => {
  const ini = parse('[DEFAULT]\nd=%(here)s/log\n[s]\nk=%(here)s:%(here)s\nplain=%(here)\n[t]\n', 'f');
  expandHere(ini, '/etc/sv');
  assert.deepEqual(valuesOf(ini, 's'), { d: '/etc/sv/log', k: '/etc/sv:/etc/sv', plain: '%(here)' });
  assert.deepEqual([...(ini.sections.get('t')?.values ?? [])], [['d', { value: '/etc/sv/log', file: 'f', line: 2 }]]);
  assert.equal(get(ini, 'DEFAULT', 'd'), '%(here)s/log');
});
