// Python's text semantics that Supervisor's messages and its ConfigParser depend on, in both
// supervisord and supervisorctl: str.isspace()/str.strip()/str.split() (wider than JS's \s:
// includes \x1c-\x1f and \x85, excludes \ufeff), repr() of a str (the `%r` in nearly every
// error text), len() and str ordering by code point, and '%-Ns' padding.

const PY_SPACE =
  '\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000';
const PY_SPACE_SET = new Set(PY_SPACE);

// Python str.isspace() for a single character.
export function isPySpace(ch: string): boolean {
  return PY_SPACE_SET.has(ch);
}

// Python str.strip() with no argument.
export function pyStrip(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && PY_SPACE_SET.has(s[start]!)) start++;
  while (end > start && PY_SPACE_SET.has(s[end - 1]!)) end--;
  return s.slice(start, end);
}

export function pyRstrip(s: string): string {
  let end = s.length;
  while (end > 0 && PY_SPACE_SET.has(s[end - 1]!)) end--;
  return s.slice(0, end);
}

export function pyLstrip(s: string): string {
  let start = 0;
  while (start < s.length && PY_SPACE_SET.has(s[start]!)) start++;
  return s.slice(start);
}

// str.split() with no argument: split on runs of Python whitespace, dropping empties.
export function pySplitWhitespace(s: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (const ch of s) {
    if (PY_SPACE_SET.has(ch)) {
      if (cur) out.push(cur);
      cur = '';
    } else cur += ch;
  }
  if (cur) out.push(cur);
  return out;
}

// Characters Python's repr() escapes: everything not str.isprintable(), i.e. Unicode
// categories Other (Cc, Cf, Cs, Co, Cn) and Separator (Zl, Zp, Zs) except the ASCII space.
const NON_PRINTABLE = /[\p{C}\p{Z}]/u;

// Python repr() of a str: single quotes unless the text holds ' and no ", escapes as CPython does.
export function pyRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (ch === quote || ch === '\\') out += '\\' + ch;
    else if (ch === '\t') out += '\\t';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (cp < 0x20 || cp === 0x7f) out += '\\x' + cp.toString(16).padStart(2, '0');
    else if (cp < 0x7f) out += ch;
    else if (ch !== ' ' && NON_PRINTABLE.test(ch)) {
      if (cp <= 0xff) out += '\\x' + cp.toString(16).padStart(2, '0');
      else if (cp <= 0xffff) out += '\\u' + cp.toString(16).padStart(4, '0');
      else out += '\\U' + cp.toString(16).padStart(8, '0');
    } else out += ch;
  }
  return out + quote;
}

// repr() of a list of str, as Python prints ['a', 'b'].
export function pyReprList(items: readonly string[]): string {
  return '[' + items.map(pyRepr).join(', ') + ']';
}

// '%-Ns' % s: left-justify to `width` code points (Python counts code points, JS UTF-16 units).
export function pyLjust(s: string, width: number): string {
  const len = pyLen(s);
  return len >= width ? s : s + ' '.repeat(width - len);
}

// len(s) of a Python str.
export function pyLen(s: string): number {
  return [...s].length;
}

// Python's default str ordering (sorted(), <): by code point, where JS's default sort compares
// UTF-16 code units.
export function comparePyStr(a: string, b: string): number {
  const x = Array.from(a, (c) => c.codePointAt(0)!);
  const y = Array.from(b, (c) => c.codePointAt(0)!);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return x.length - y.length;
}
