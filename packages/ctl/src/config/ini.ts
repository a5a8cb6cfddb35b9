// A reader for the INI dialect of Python 3's RawConfigParser as supervisor configures it
// (inline_comment_prefixes=(';', '#'), strict=False), enough for tendctl's one section:
// [section] headers (repeated ones merge), `key = value` / `key: value`, full-line and inline
// comments, indented continuation lines, keys lower-cased, [DEFAULT] inherited.
// DUPLICATED (reduced: no line numbers, no include handling) from packages/daemon/src/config/ini.ts;
// both should come from one shared module (see packages/ctl/README.md).
import { isPySpace, pyRepr, pyRstrip, pyStrip } from '../py-text.js';

export interface IniFile {
  readonly sections: ReadonlyMap<string, ReadonlyMap<string, string>>;
  readonly defaults: ReadonlyMap<string, string>;
}

export type IniResult = { readonly ok: true; readonly ini: IniFile } | { readonly ok: false; readonly message: string };

// '\r\n', '\r' and '\n' all end a line (Python's universal newlines); each line keeps a '\n'.
function splitLines(text: string): string[] {
  const lines = text.split(/\r\n|\r|\n/).map((l) => `${l}\n`);
  if (lines.at(-1) === '\n') lines.pop();
  else if (lines.length > 0) lines[lines.length - 1] = lines.at(-1)!.slice(0, -1);
  return lines;
}

// Where the comment of a line starts (RawConfigParser._read's prefix loop), or null.
function findCommentStart(line: string): number | null {
  let commentStart = Infinity;
  let prefixes: [string, number][] = [[';', -1], ['#', -1]];
  while (commentStart === Infinity && prefixes.length > 0) {
    const next: [string, number][] = [];
    for (const [prefix, from] of prefixes) {
      const index = line.indexOf(prefix, from + 1);
      if (index === -1) continue;
      next.push([prefix, index]);
      if (index === 0 || isPySpace(line[index - 1]!)) commentStart = Math.min(commentStart, index);
    }
    prefixes = next;
  }
  const stripped = pyStrip(line);
  if (stripped.startsWith('#') || stripped.startsWith(';')) commentStart = 0;
  return commentStart === Infinity ? null : commentStart;
}

function indentOf(line: string): number {
  let i = 0;
  while (i < line.length && isPySpace(line[i]!)) i++;
  return i < line.length ? i : 0;
}

export function parseIni(text: string, file: string): IniResult {
  const sections = new Map<string, Map<string, string[]>>();
  const defaults = new Map<string, string[]>();
  let cursect: Map<string, string[]> | null = null;
  let current: string[] | null = null;
  let indentLevel = 0;
  const bad: string[] = [];
  const lines = splitLines(text);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    const commentStart = findCommentStart(raw);
    const value = pyStrip(commentStart === null ? raw : raw.slice(0, commentStart));
    if (value === '') {
      if (commentStart === null && cursect !== null && current !== null) current.push('');
      continue;
    }
    const indent = indentOf(raw);
    if (cursect !== null && current !== null && indent > indentLevel) {
      current.push(value);
      continue;
    }
    indentLevel = indent;
    const close = value.startsWith('[') ? value.lastIndexOf(']') : -1;
    if (close >= 2) {
      const name = value.slice(1, close);
      cursect = name === 'DEFAULT' ? defaults : (sections.get(name) ?? new Map<string, string[]>());
      if (name !== 'DEFAULT') sections.set(name, cursect);
      current = null;
    } else if (cursect === null) {
      return { ok: false, message: `File contains no section headers.\nfile: ${pyRepr(file)}, line: ${i + 1}\n${pyRepr(raw)}` };
    } else {
      const eq = value.indexOf('=');
      const colon = value.indexOf(':');
      const delim = eq === -1 ? colon : colon === -1 ? eq : Math.min(eq, colon);
      if (delim === -1) {
        bad.push(`\n\t[line ${String(i + 1).padStart(2)}]: ${pyRepr(raw)}`);
        continue;
      }
      const key = pyRstrip(value.slice(0, delim)).toLowerCase();
      if (key === '') bad.push(`\n\t[line ${String(i + 1).padStart(2)}]: ${pyRepr(raw)}`);
      current = [pyStrip(value.slice(delim + 1))];
      cursect.set(key, current);
      if (key === '') current = null;
    }
  }
  if (bad.length > 0) return { ok: false, message: `Source contains parsing errors: ${pyRepr(file)}${bad.join('')}` };
  const join = (m: Map<string, string[]>): Map<string, string> => new Map([...m].map(([k, parts]) => [k, pyRstrip(parts.join('\n'))]));
  return { ok: true, ini: { sections: new Map([...sections].map(([n, m]) => [n, join(m)])), defaults: join(defaults) } };
}

/** parser.get(section, key) with [DEFAULT] fallback; undefined when absent. */
export function getOption(ini: IniFile, section: string, key: string): string | undefined {
  return ini.sections.get(section)?.get(key) ?? ini.defaults.get(key);
}
