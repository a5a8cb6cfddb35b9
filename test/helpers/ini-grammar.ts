// A seeded generator of tricky INI texts for the differential test against Python's ConfigParser
// (test/integration/protocol/python/ini-vs-python.test.ts). Same seed, same texts.

export interface IniFile {
  readonly name: string;
  readonly text: string;
}

// mulberry32: small, fast and good enough to pick grammar pieces.
export function createRng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rng = () => number;

function pick<T>(rng: Rng, items: readonly T[]): T {
  const item = items[Math.floor(rng() * items.length)];
  if (item === undefined) throw new RangeError('pick from an empty list');
  return item;
}

function repeat(rng: Rng, min: number, max: number, piece: () => string): string {
  const n = min + Math.floor(rng() * (max - min + 1));
  return Array.from({ length: n }, piece).join('');
}

// Python whitespace that JS's \s lacks or that is not a line break in a file, plus the usual ones.
const EXOTIC_SPACE = ['\x1c', '\x1f', '\x85', '\xa0', '\u3000', '\x0b', '\x0c', '\u2028', '\u2003'];
const NOT_SPACE = ['\u200b', '\ufeff', '\u180e'];

function space(rng: Rng): string {
  const r = rng();
  if (r < 0.5) return ' ';
  if (r < 0.7) return '\t';
  if (r < 0.8) return '  ';
  return pick(rng, EXOTIC_SPACE);
}

function maybeSpace(rng: Rng): string {
  return rng() < 0.5 ? '' : repeat(rng, 1, 2, () => space(rng));
}

const WORDS = [
  'echo', 'a;b', 'a ;b', 'x#y', 'x #y', '%(here)s', '%(here)s/log', '"q ;x"', 'foo=bar', 'b:c', 'Ünï',
  '[t]', '[a]b]', ';', '#', '\u{1d11e}', 'İ', 'ΑΣ', '%(here)', '=', ':', '\\', "it's", '"', '\x07',
  ...NOT_SPACE.map((c) => `x${c};y`),
];
const KEYS = ['command', 'Command', 'AUTOSTART', 'a b', 'x', 'İx', 'ΣΑΣ', '\u{10d50}\u1c89X', 'num', '%(here)s', 'a;b', '[k]', 'k#'];
const SECTIONS = ['a', 'b', 'program:x', 'DEFAULT', 'Program:X', ' sp ', 'a]b', ']', 'x y', 'İ', 'default', 'a;b'];
const DELIMS = ['=', ':', ' = ', ' : ', '\t=\t', '=:', ':=', '\xa0=\xa0', ' =', ': ', '==', '\u3000:'];
const COMMENTS = [' ;c', ' #c', ';c', '#c', '\t# c', '\xa0;nbsp', '\x1c#fs', ' ; a=b'];

function value(rng: Rng): string {
  let out = pick(rng, WORDS);
  const n = Math.floor(rng() * 3);
  for (let i = 0; i < n; i++) out += (rng() < 0.7 ? space(rng) : '') + pick(rng, WORDS);
  return out;
}

function comment(rng: Rng): string {
  return rng() < 0.25 ? pick(rng, COMMENTS) : '';
}

function header(rng: Rng): string {
  const indent = rng() < 0.15 ? space(rng) : '';
  const trailing = rng() < 0.2 ? pick(rng, [' ; c', 'junk', ']', ' x]', ' # [y]']) : '';
  return `${indent}[${pick(rng, SECTIONS)}]${trailing}${rng() < 0.2 ? maybeSpace(rng) : ''}`;
}

function option(rng: Rng): string {
  const indent = rng() < 0.1 ? space(rng) : '';
  const val = rng() < 0.1 ? '' : value(rng);
  return `${indent}${pick(rng, KEYS)}${pick(rng, DELIMS)}${val}${comment(rng)}`;
}

function line(rng: Rng, clean: boolean): string {
  const r = rng();
  if (r < 0.12) return header(rng);
  if (r < 0.45) return option(rng);
  if (r < 0.65) return repeat(rng, 1, 3, () => space(rng)) + value(rng) + comment(rng); // continuation
  if (r < 0.75) return rng() < 0.5 ? '' : maybeSpace(rng);
  if (r < 0.85) return maybeSpace(rng) + pick(rng, ['#', ';']) + value(rng);
  if (clean) return option(rng);
  if (r < 0.9) return pick(rng, ['[]', '[]x', '[', ']', '[]=v', '[x', 'a]']) + (rng() < 0.5 ? '=1' : '');
  if (r < 0.95) return '=' + value(rng) + comment(rng);
  return pick(rng, ['novalueline', 'just words here', "it's bad", 'tab\tseparated']);
}

function lineEnding(rng: Rng, style: string): string {
  if (style !== 'mixed') return style;
  return pick(rng, ['\n', '\n', '\r\n', '\r']);
}

// One file: mostly starts with a header; now and then with a BOM, comments or a stray line first.
// A clean file has no line kinds that are always errors (a few lines still turn out bad).
export function generateIniText(rng: Rng, forceClean = false): string {
  const clean = forceClean || rng() < 0.4;
  const style = pick(rng, ['\n', '\n', '\r\n', '\r', 'mixed', 'mixed']);
  const lines: string[] = [];
  const start = rng();
  if (start < 0.06 && !clean) lines.push('\ufeff' + header(rng));
  else if (start < 0.12 && !clean) lines.push(line(rng, clean));
  else if (start < 0.25) lines.push(pick(rng, ['# top', '', ';x', '  # indented']));
  lines.push(`[${pick(rng, SECTIONS)}]`);
  const n = Math.floor(rng() * 25);
  for (let i = 0; i < n; i++) lines.push(line(rng, clean));
  let text = '';
  lines.forEach((l, i) => {
    text += l;
    if (i < lines.length - 1 || rng() < 0.7) text += lineEnding(rng, style);
  });
  return text;
}

const FILE_NAMES = ['/etc/supervisord.conf', 'conf.d/a.conf', "/tmp/it's.conf", '/srv/ünï/b.ini', 'rel.conf'];

// `count` cases: each a list of files read into one parser, one file or (every `multiEvery`-th)
// 2–3 files, mostly clean ones so that the merge is reached.
export function generateIniCases(seed: number, count: number, multiEvery: number): IniFile[][] {
  const rng = createRng(seed);
  return Array.from({ length: count }, (_, i) => {
    const nFiles = i % multiEvery === multiEvery - 1 ? 2 + Math.floor(rng() * 2) : 1;
    return Array.from({ length: nFiles }, (_, j) => ({
      name: j === 0 ? pick(rng, FILE_NAMES) : `/etc/conf.d/inc${j}.conf`,
      text: generateIniText(rng, nFiles > 1 && rng() < 0.85),
    }));
  });
}
