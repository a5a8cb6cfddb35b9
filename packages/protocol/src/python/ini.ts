// Our reader for the INI dialect of Python 3.11's RawConfigParser as supervisord and supervisorctl
// configure it (inline_comment_prefixes=(';', '#'), strict=False, every other option at its default).
// A line-by-line port of configparser.RawConfigParser._read and _join_multiline_values
// that also records the file and line of every section and value.
import { isPySpace, pyRepr, pyRstrip, pyStrip } from './py-text.js';
import { pyLower } from './py-lower.js';

/** One option as written, after ConfigParser's joining of continuation lines. */
export interface RawValue {
  readonly value: string;
  /** File the value was read from (as supervisord names it). */
  readonly file: string;
  /** 1-based line of the `key = value` line. */
  readonly line: number;
}

/** One section: every `[name]` header with this exact text, merged (strict=False). */
export interface RawSection {
  readonly name: string;
  /** First file and line that defined the section. */
  readonly file: string;
  readonly line: number;
  /** Lower-cased option name → value; insertion order kept, last write wins. */
  readonly values: Map<string, RawValue>;
}

/** The parser's whole state after one or more files: Python's RawConfigParser `_sections` + `_defaults`. */
export interface RawIni {
  readonly sections: Map<string, RawSection>;
  /** `[DEFAULT]` options, inherited by every section. */
  readonly defaults: Map<string, RawValue>;
}

export interface IniSyntaxError {
  readonly kind: 'no-section-header' | 'parsing';
  /** The file name passed to parseIniInto (Python's fpname). */
  readonly file: string;
  /** The offending lines, text without the line ending. */
  readonly lines: readonly { readonly line: number; readonly text: string }[];
  /** Exactly str(exc) of Python's MissingSectionHeaderError / ParsingError. */
  readonly pythonMessage: string;
}

/** ConfigParser's default_section: its options are inherited by every section. */
export const DEFAULT_SECTION = 'DEFAULT';

export function createRawIni(): RawIni {
  return { sections: new Map(), defaults: new Map() };
}

// Python's universal newlines for a text file: '\r\n', '\r' and '\n' end a line and read as '\n'.
// Each line keeps its '\n' as Python's file iteration does; the last one may lack it.
export function splitPyLines(text: string): string[] {
  const lines: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x0a && c !== 0x0d) continue;
    lines.push(text.slice(start, i) + '\n');
    if (c === 0x0d && text.charCodeAt(i + 1) === 0x0a) i++;
    start = i + 1;
  }
  if (start < text.length) lines.push(text.slice(start));
  return lines;
}

const INLINE_COMMENT_PREFIXES = [';', '#'] as const;
const COMMENT_PREFIXES = ['#', ';'] as const;

// Where the comment of a line starts, or null: the loop of _read as written. Each round moves
// every prefix to its next occurrence, and the scan stops after the first round that finds a
// valid one (at index 0 or after Python whitespace), so it is not always the earliest valid one.
export function findCommentStart(line: string): number | null {
  let commentStart = Infinity;
  let prefixes: [string, number][] = INLINE_COMMENT_PREFIXES.map((p) => [p, -1]);
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
  if (COMMENT_PREFIXES.some((p) => stripped.startsWith(p))) commentStart = 0;
  return commentStart === Infinity ? null : commentStart;
}

// Index of the first non-whitespace character (re `\S`), 0 when there is none.
function indentOf(line: string): number {
  let i = 0;
  while (i < line.length && isPySpace(line[i]!)) i++;
  return i < line.length ? i : 0;
}

// SECTCRE `\[(?P<header>.+)\]` with re.match: from after '[' to the last ']' (at least one char).
export function matchSectionHeader(value: string): string | null {
  if (!value.startsWith('[')) return null;
  const close = value.lastIndexOf(']');
  return close >= 2 ? value.slice(1, close) : null;
}

// OPTCRE `(?P<option>.*?)\s*(?P<vi>=|:)\s*(?P<value>.*)$` on a stripped, single-line value:
// the key ends at the first '=' or ':'.
export function matchOption(value: string): { option: string; value: string } | null {
  const eq = value.indexOf('=');
  const colon = value.indexOf(':');
  const delim = eq === -1 ? colon : colon === -1 ? eq : Math.min(eq, colon);
  if (delim === -1) return null;
  return { option: pyRstrip(value.slice(0, delim)), value: pyStrip(value.slice(delim + 1)) };
}

interface PendingValue {
  readonly target: Map<string, RawValue>;
  readonly key: string;
  readonly line: number;
  readonly parts: string[];
}

function stripLineEnding(line: string): string {
  return line.endsWith('\n') ? line.slice(0, -1) : line;
}

function missingSectionHeader(file: string, line: number, text: string): IniSyntaxError {
  return {
    kind: 'no-section-header',
    file,
    lines: [{ line, text: stripLineEnding(text) }],
    pythonMessage: `File contains no section headers.\nfile: ${pyRepr(file)}, line: ${line}\n${pyRepr(text)}`,
  };
}

function parsingError(file: string, bad: readonly { line: number; raw: string }[]): IniSyntaxError {
  let pythonMessage = `Source contains parsing errors: ${pyRepr(file)}`;
  for (const { line, raw } of bad) pythonMessage += `\n\t[line ${String(line).padStart(2)}]: ${pyRepr(raw)}`;
  return {
    kind: 'parsing',
    file,
    lines: bad.map(({ line, raw }) => ({ line, text: stripLineEnding(raw) })),
    pythonMessage,
  };
}

// RawConfigParser._read of one file into `ini`. Returns null on success. A missing section header
// stops at once; other bad lines are collected, reading goes on, and the values read stay in `ini`.
export function parseIniInto(ini: RawIni, text: string, file: string): IniSyntaxError | null {
  let cursect: Map<string, RawValue> | null = null;
  let current: PendingValue | null = null; // Python's optname (null when unset or '')
  let indentLevel = 0;
  const pending: PendingValue[] = [];
  const bad: { line: number; raw: string }[] = [];
  const lines = splitPyLines(text);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    const lineno = i + 1;
    const commentStart = findCommentStart(raw);
    const value = pyStrip(commentStart === null ? raw : raw.slice(0, commentStart));
    if (value === '') {
      // empty_lines_in_values: a blank line is part of the value unless it held a comment
      if (commentStart === null && cursect !== null && current !== null) current.parts.push('');
      continue;
    }
    const curIndent = indentOf(raw);
    if (cursect !== null && current !== null && curIndent > indentLevel) {
      current.parts.push(value);
      continue;
    }
    indentLevel = curIndent;
    const header = matchSectionHeader(value);
    if (header !== null) {
      cursect = enterSection(ini, header, file, lineno);
      current = null;
    } else if (cursect === null) {
      return missingSectionHeader(file, lineno, raw);
    } else {
      const option = matchOption(value);
      if (option === null) {
        bad.push({ line: lineno, raw });
        continue;
      }
      if (option.option === '') bad.push({ line: lineno, raw }); // Python still sets it
      const key = pyLower(option.option);
      const entry: PendingValue = { target: cursect, key, line: lineno, parts: [option.value] };
      cursect.set(key, { value: option.value, file, line: lineno });
      pending.push(entry);
      current = key === '' ? null : entry;
    }
  }
  // _join_multiline_values: the last write of a key wins, its place in the map stays the first
  for (const { target, key, line, parts } of pending) {
    target.set(key, { value: pyRstrip(parts.join('\n')), file, line });
  }
  return bad.length > 0 ? parsingError(file, bad) : null;
}

// A header line: merge into an existing section (strict=False), [DEFAULT], or a new section.
function enterSection(ini: RawIni, name: string, file: string, line: number): Map<string, RawValue> {
  const existing = ini.sections.get(name);
  if (existing !== undefined) return existing.values;
  if (name === DEFAULT_SECTION) return ini.defaults;
  const section: RawSection = { name, file, line, values: new Map() };
  ini.sections.set(name, section);
  return section.values;
}

// parser.get(section, key): the section's own value, else [DEFAULT]'s; undefined when neither
// has it or the section does not exist (Python raises NoOptionError / NoSectionError).
export function getRawOption(ini: RawIni, section: string, key: string): RawValue | undefined {
  const k = pyLower(key);
  if (section === DEFAULT_SECTION) return ini.defaults.get(k);
  const own = ini.sections.get(section);
  return own === undefined ? undefined : (own.values.get(k) ?? ini.defaults.get(k));
}

// parser.items(section): [DEFAULT]'s keys first, then the section's own; section values win.
// A section that does not exist is a programmer error, as Python's NoSectionError.
export function rawItems(ini: RawIni, section: string): [string, RawValue][] {
  const merged = new Map(ini.defaults);
  if (section !== DEFAULT_SECTION) {
    const own = ini.sections.get(section);
    if (own === undefined) throw new RangeError(`No section: ${pyRepr(section)}`);
    for (const [k, v] of own.values) merged.set(k, v);
  }
  return [...merged];
}

const HERE_FORMAT = '%(here)s';

// UnhosedConfigParser.expand_here(here): every value (own or inherited) holding '%(here)s' is
// rewritten into the section with each '%(here)s' replaced by `here`; file and line are kept.
export function expandHere(ini: RawIni, here: string): void {
  for (const [name, section] of ini.sections) {
    for (const [key, raw] of rawItems(ini, name)) {
      if (!raw.value.includes(HERE_FORMAT)) continue;
      section.values.set(key, { ...raw, value: raw.value.split(HERE_FORMAT).join(here) });
    }
  }
}
