// Python's os.path functions that supervisor applies to paths from the config
// (normalize_path = normpath(abspath(expanduser(v)))). Node's path.normalize differs:
// POSIX keeps a leading "//" and Python does too, Node does not.
import { isAbsolute } from 'node:path';
import { toExpandedPath } from './path-values.js';

// os.path.normpath (posixpath).
export function pyNormpath(path: string): string {
  if (path === '') return '.';
  const initialSlashes = path.startsWith('/') ? (path.startsWith('//') && !path.startsWith('///') ? 2 : 1) : 0;
  const out: string[] = [];
  for (const comp of path.split('/')) {
    if (comp === '' || comp === '.') continue;
    if (comp !== '..' || (initialSlashes === 0 && out.length === 0) || (out.length > 0 && out[out.length - 1] === '..'))
      out.push(comp);
    else if (out.length > 0) out.pop();
  }
  const joined = out.join('/');
  const result = '/'.repeat(initialSlashes) + joined;
  return result || '.';
}

// os.path.abspath against an explicit cwd.
export function pyAbspath(path: string, cwd: string): string {
  return pyNormpath(isAbsolute(path) ? path : `${cwd.replace(/\/+$/, '')}/${path}`);
}

// os.path.join(a, b) for two parts.
export function pyJoin(a: string, b: string): string {
  if (b.startsWith('/')) return b;
  if (a === '' || a.endsWith('/')) return a + b;
  return `${a}/${b}`;
}

// os.path.dirname.
export function pyDirname(p: string): string {
  const i = p.lastIndexOf('/') + 1;
  const head = p.slice(0, i);
  return head && head !== '/'.repeat(head.length) ? head.replace(/\/+$/, '') : head;
}

// supervisor's normalize_path.
export function normalizePath(v: string, cwd: string, env: Readonly<Record<string, string | undefined>> = process.env): string {
  const expanded = toExpandedPath(v, env);
  return pyAbspath(expanded.ok ? expanded.value : v, cwd);
}
