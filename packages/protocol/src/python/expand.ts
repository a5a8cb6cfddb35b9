// supervisor's options.expand(s, expansions, name): Python's `s % expansions`, with the
// ValueError text supervisord (and supervisorctl) prints when a value cannot be expanded (spec §1.4).
import { comparePyStr, pyRepr } from './py-text.js';
import { pyPercentFormat } from './py-percent-format.js';
import type { Converted } from './converted.js';

/** Names available to `%(name)s`; insertion order is the Python dict's order (it shows in `%s`). */
export type Expansions = ReadonlyMap<string, string | number>;

function describeExpected(available: readonly string[]): string {
  const names = available.length > 0 ? available.map((n) => `%(${n})s`).join(', ') : 'none';
  return `a literal % written as %%, and only these names: ${names}`;
}

/**
 * Expands `%(name)s` references in `s` exactly as supervisor does; `name` says where the value
 * came from (e.g. `program:web.command`) and appears in the error text.
 */
export function expandPercent(s: string, expansions: Expansions, name: string): Converted<string> {
  const result = pyPercentFormat(s, expansions);
  if (result.ok) return { ok: true, value: result.value };
  const available = [...expansions.keys()].sort(comparePyStr);
  const { type, message } = result.exception;
  const error =
    type === 'KeyError'
      ? `Format string ${pyRepr(s)} for ${pyRepr(name)} contains names (${pyRepr(message)}) ` +
        `which cannot be expanded. Available names: ${available.join(', ')}`
      : `Format string ${pyRepr(s)} for ${pyRepr(name)} is badly formatted: ${message}`;
  return { ok: false, error, expected: describeExpected(available) };
}

/**
 * The names a value refers to with `%(name)`, in order of first use, as Python's parser reads
 * them (`%%` is skipped; parentheses inside a key must balance). For warnings and hints only.
 */
export function findExpansionNames(s: string): string[] {
  const chars = Array.from(s);
  const names: string[] = [];
  let i = 0;
  while (i < chars.length) {
    if (chars[i] !== '%') {
      i++;
      continue;
    }
    if (chars[i + 1] !== '(') {
      i += 2;
      continue;
    }
    let depth = 1;
    let j = i + 2;
    for (; j < chars.length && depth > 0; j++) {
      if (chars[j] === ')') depth--;
      else if (chars[j] === '(') depth++;
    }
    if (depth > 0) break;
    const key = chars.slice(i + 2, j - 1).join('');
    if (!names.includes(key)) names.push(key);
    i = j;
  }
  return names;
}
