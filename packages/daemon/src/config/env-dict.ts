// supervisor's dict_of_key_value_pairs, the type of `environment=`: Python's shlex in non-POSIX
// mode (no escapes; quotes are kept in the token) with `/.+-():` added to its word characters,
// then tokens taken four at a time: KEY, `=`, VALUE and an unchecked separator.
import type { Converted } from './types.js';

const WHITESPACE = ' \t\r\n';
const QUOTES = `'"`;
const COMMENTERS = '#';
// shlex's non-POSIX word characters (ASCII only: its Latin-1 letters are added in POSIX mode alone)
// plus supervisor's extra ones.
const WORDCHARS = 'abcdfeghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_' + '/.+-():';

const EXPECTED =
  'KEY=value pairs separated by commas, like A=1,B="two words" ' +
  '(quote a value holding anything but letters, digits and _ / . + - ( ) :)';

type Tokens = { readonly ok: true; readonly tokens: string[] } | { readonly ok: false; readonly error: string };

/** list(shlex.shlex(text)) with supervisor's word characters: every token, or shlex's ValueError. */
export function tokenizeShlexNonPosix(text: string): Tokens {
  const chars = Array.from(text);
  let pos = 0;
  const read = (): string => (pos < chars.length ? chars[pos++]! : '');
  // instream.readline(): the rest of the line, newline included.
  const skipLine = (): void => {
    while (pos < chars.length) if (chars[pos++] === '\n') break;
  };
  // shlex.pushback: a punctuation character that ended a word comes back as the next token.
  const pushback: string[] = [];
  const tokens: string[] = [];
  // ' ' between tokens, 'a' in a word, a quote character inside quotes, null at end of input.
  let state: string | null = ' ';
  for (;;) {
    const pushed = pushback.shift();
    if (pushed !== undefined) {
      tokens.push(pushed);
      continue;
    }
    let token = '';
    for (;;) {
      const c = read();
      if (state === null) break;
      if (state === ' ') {
        if (!c) { state = null; break; }
        if (WHITESPACE.includes(c)) continue;
        if (COMMENTERS.includes(c)) skipLine();
        else if (WORDCHARS.includes(c)) { token = c; state = 'a'; }
        else if (QUOTES.includes(c)) { token = c; state = c; }
        else { token = c; break; }
      } else if (state === 'a') {
        if (!c) { state = null; break; }
        if (WHITESPACE.includes(c)) { state = ' '; break; }
        // Non-POSIX quirk: a comment inside a word skips the line but the word goes on after it.
        if (COMMENTERS.includes(c)) skipLine();
        else if (WORDCHARS.includes(c) || QUOTES.includes(c)) token += c;
        else { pushback.unshift(c); state = ' '; break; }
      } else {
        if (!c) return { ok: false, error: 'No closing quotation' };
        token += c;
        if (c === state) { state = ' '; break; }
      }
    }
    if (token === '') return { ok: true, tokens };
    tokens.push(token);
  }
}

// Python str.strip('\'"').
function stripQuotes(s: string): string {
  return s.replace(/^['"]+/, '').replace(/['"]+$/, '');
}

/**
 * `A=1,B="two words"` → { A: '1', B: 'two words' }: keys keep their case and their first position,
 * a later duplicate overwrites the value (a Python dict). Integer-like keys come first in
 * Object.keys() order, as in any JS object.
 */
export function dictOfKeyValuePairs(arg: string): Converted<Record<string, string>> {
  const lexed = tokenizeShlexNonPosix(arg);
  if (!lexed.ok) return { ok: false, error: lexed.error, expected: EXPECTED };
  const { tokens } = lexed;
  const dict: Record<string, string> = {};
  for (let i = 0; i < tokens.length; i += 4) {
    const [key, eq, value] = tokens.slice(i, i + 3);
    if (key === undefined || eq !== '=' || value === undefined) {
      return { ok: false, error: `Unexpected end of key/value pairs in value '${arg}'`, expected: EXPECTED };
    }
    // defineProperty, not assignment: a key named __proto__ is an ordinary entry here.
    Object.defineProperty(dict, key, { value: stripQuotes(value), enumerable: true, writable: true, configurable: true });
  }
  return { ok: true, value: dict };
}
