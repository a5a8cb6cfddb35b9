// supervisor's options.expand(s, expansions, name): Python's `s % expansions` on a config value,
// with the ValueError texts supervisorctl prints as a usage error. Covers `%%` and `%(name)s`
// / `%(name)r` with flags and width; other conversions are reported as badly formatted.
// DUPLICATED (reduced) from packages/daemon/src/config/expand.ts + py-percent-format.ts, which
// port CPython's formatter completely; both should come from one shared module.
import { pyRepr } from '../py-text.js';
import { compareCodePoints } from '../render/reread-lines.js';

export type Expanded = { readonly ok: true; readonly value: string } | { readonly ok: false; readonly error: string };

type Step = { ok: true; text: string; next: number } | { ok: false; kind: 'key' | 'format'; message: string };

function convertOne(s: string, start: number, expansions: ReadonlyMap<string, string>): Step {
  let i = start + 1;
  if (i >= s.length) return { ok: false, kind: 'format', message: 'incomplete format' };
  if (s[i] === '%') return { ok: true, text: '%', next: i + 1 };
  if (s[i] !== '(') return { ok: false, kind: 'format', message: 'format requires a mapping' };
  let depth = 1;
  let j = i + 1;
  for (; j < s.length && depth > 0; j++) {
    if (s[j] === ')') depth--;
    else if (s[j] === '(') depth++;
  }
  if (depth > 0) return { ok: false, kind: 'format', message: 'incomplete format key' };
  const key = s.slice(i + 1, j - 1);
  i = j;
  let leftJustify = false;
  while (i < s.length && '-+ #0'.includes(s[i]!)) leftJustify ||= s[i++] === '-';
  let width = '';
  while (i < s.length && /[0-9]/.test(s[i]!)) width += s[i++];
  if (s[i] === '.') {
    i++;
    while (i < s.length && /[0-9]/.test(s[i]!)) i++;
  }
  if (i >= s.length) return { ok: false, kind: 'format', message: 'incomplete format' };
  const conversion = s[i]!;
  const value = expansions.get(key);
  if (value === undefined) return { ok: false, kind: 'key', message: key };
  let text: string;
  if (conversion === 's') text = value;
  else if (conversion === 'r' || conversion === 'a') text = pyRepr(value);
  else {
    const cp = conversion.codePointAt(0)!;
    return { ok: false, kind: 'format', message: `unsupported format character ${pyRepr(conversion)} (0x${cp.toString(16)}) at index ${i}` };
  }
  const pad = Math.max(0, Number(width || '0') - [...text].length);
  return { ok: true, text: leftJustify ? text + ' '.repeat(pad) : ' '.repeat(pad) + text, next: i + 1 };
}

export function expandPercent(s: string, expansions: ReadonlyMap<string, string>, name: string): Expanded {
  let out = '';
  let i = 0;
  while (i < s.length) {
    const at = s.indexOf('%', i);
    if (at === -1) {
      out += s.slice(i);
      break;
    }
    out += s.slice(i, at);
    const step = convertOne(s, at, expansions);
    if (!step.ok) {
      if (step.kind === 'key') {
        const available = [...expansions.keys()].sort(compareCodePoints).join(', ');
        return { ok: false, error: `Format string ${pyRepr(s)} for ${pyRepr(name)} contains names (${pyRepr(step.message)}) which cannot be expanded. Available names: ${available}` };
      }
      return { ok: false, error: `Format string ${pyRepr(s)} for ${pyRepr(name)} is badly formatted: ${step.message}` };
    }
    out += step.text;
    i = step.next;
  }
  return { ok: true, value: out };
}
