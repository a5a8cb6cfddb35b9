// Python's glob.glob (non-recursive) and fnmatch, which [include] files= uses: `*`, `?`, `[seq]`,
// `[!seq]`; a leading `.` is matched only by a pattern that starts with `.`; `**` is just `*`.
import { lstatSync, readdirSync, statSync } from 'node:fs';

const MAGIC = /[*?[]/;

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function lexists(p: string): boolean {
  try {
    lstatSync(p);
    return true;
  } catch {
    return false;
  }
}

// fnmatch.translate, as a JS RegExp over whole names.
export function fnmatchToRegExp(pattern: string): RegExp {
  const chars = [...pattern];
  let re = '';
  for (let i = 0; i < chars.length; ) {
    const c = chars[i++]!;
    if (c === '*') {
      while (chars[i] === '*') i++;
      re += '[\\s\\S]*';
    } else if (c === '?') re += '[\\s\\S]';
    else if (c === '[') {
      let j = i;
      if (chars[j] === '!') j++;
      if (chars[j] === ']') j++;
      while (j < chars.length && chars[j] !== ']') j++;
      if (j >= chars.length) re += '\\[';
      else {
        let body = chars.slice(i, j);
        i = j + 1;
        let negate = false;
        if (body[0] === '!') {
          negate = true;
          body = body.slice(1);
        }
        const parts = body.map((ch) => (ch === '-' ? '-' : `\\u{${ch.codePointAt(0)!.toString(16)}}`)).join('');
        // A set with an empty or reversed range matches nothing in Python; a JS class would throw.
        try {
          new RegExp(`[${parts}]`, 'u');
          re += negate ? `[^${parts}]` : `[${parts}]`;
        } catch {
          re += negate ? '[\\s\\S]' : '(?!)';
        }
      }
    } else re += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`^(?:${re})$`, 'u');
}

function split(p: string): [string, string] {
  const i = p.lastIndexOf('/') + 1;
  let head = p.slice(0, i);
  if (head && head !== '/'.repeat(head.length)) head = head.replace(/\/+$/, '');
  return [head, p.slice(i)];
}

function join(a: string, b: string): string {
  if (b.startsWith('/')) return b;
  return a === '' || a.endsWith('/') ? a + b : `${a}/${b}`;
}

function listdir(dir: string, dirsOnly: boolean): string[] {
  try {
    const entries = readdirSync(dir || '.', { withFileTypes: true });
    return entries
      .filter((e) => !dirsOnly || e.isDirectory() || (e.isSymbolicLink() && isDir(join(dir || '.', e.name))))
      .map((e) => e.name);
  } catch {
    return [];
  }
}

function glob1(dir: string, pattern: string, dirsOnly: boolean): string[] {
  let names = listdir(dir, dirsOnly);
  if (names.length === 0) return [];
  if (!pattern.startsWith('.')) names = names.filter((n) => !n.startsWith('.'));
  let re: RegExp;
  try {
    re = fnmatchToRegExp(pattern);
  } catch {
    // A pattern too large for a JS RegExp cannot match a file name (NAME_MAX is 255 bytes).
    return [];
  }
  return names.filter((n) => re.test(n));
}

function glob0(dir: string, base: string): string[] {
  if (base) return lexists(join(dir, base)) ? [base] : [];
  return isDir(dir) ? [base] : [];
}

function iglob(pathname: string, dirsOnly: boolean): string[] {
  const [dirname, basename] = split(pathname);
  if (!MAGIC.test(pathname)) {
    if (basename) return lexists(pathname) ? [pathname] : [];
    return isDir(dirname) ? [pathname] : [];
  }
  if (!dirname) return glob1('', basename, dirsOnly);
  const dirs = dirname !== pathname && MAGIC.test(dirname) ? iglob(dirname, true) : [dirname];
  const out: string[] = [];
  for (const d of dirs) {
    const names = MAGIC.test(basename) ? glob1(d, basename, dirsOnly) : glob0(d, basename);
    for (const n of names) out.push(join(d, n));
  }
  return out;
}

// Linux's PATH_MAX: no longer path can be opened, so such a pattern matches nothing. It also bounds
// iglob's recursion (one level per directory); supervisord itself dies of RecursionError there.
const PATH_MAX = 4096;

/** glob.glob(pattern), unsorted like Python's. */
export function pyGlob(pattern: string): string[] {
  if (Buffer.byteLength(pattern) > PATH_MAX) return [];
  return iglob(pattern, false);
}
