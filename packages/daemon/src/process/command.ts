// Splitting `command` into argv as supervisor's Subprocess.get_execv_args does (spec §3.1):
// Python 3.11 shlex.split(command), i.e. posix=True, whitespace_split=True, no comment
// characters. The state machine below follows shlex.read_token, one code point at a time.
import { pyRepr } from '@tend/protocol';

export type ParsedCommand =
  | { readonly ok: true; readonly argv: readonly string[] }
  | { readonly ok: false; readonly error: string };

const WHITESPACE = new Set([' ', '\t', '\r', '\n']);
const ESCAPE = '\\';
const ESCAPED_QUOTES = '"';

function isQuote(ch: string): boolean {
  return ch === "'" || ch === '"';
}

type Split = { readonly ok: true; readonly words: string[] } | { readonly ok: false; readonly reason: string };

// shlex states: ' ' between words, 'a' in a word, a quote char inside quotes, '\\' after an escape.
function shlexSplit(s: string): Split {
  const words: string[] = [];
  let state = ' ';
  let escapedState = ' ';
  let token = '';
  let quoted = false;
  const emit = (): void => {
    if (token !== '' || quoted) words.push(token);
    token = '';
    quoted = false;
  };
  for (const ch of s) {
    if (state === ' ') {
      if (WHITESPACE.has(ch)) continue;
      if (ch === ESCAPE) {
        escapedState = 'a';
        state = ch;
      } else if (isQuote(ch)) state = ch;
      else {
        token = ch;
        state = 'a';
      }
    } else if (isQuote(state)) {
      quoted = true;
      if (ch === state) state = 'a';
      else if (ch === ESCAPE && ESCAPED_QUOTES.includes(state)) {
        escapedState = state;
        state = ch;
      } else token += ch;
    } else if (state === ESCAPE) {
      // In posix shells, only the quote itself or the escape character may be escaped within quotes.
      if (isQuote(escapedState) && ch !== state && ch !== escapedState) token += state;
      token += ch;
      state = escapedState;
    } else if (WHITESPACE.has(ch)) {
      state = ' ';
      emit();
    } else if (isQuote(ch)) state = ch;
    else if (ch === ESCAPE) {
      escapedState = 'a';
      state = ch;
    } else token += ch;
  }
  if (isQuote(state)) return { ok: false, reason: 'No closing quotation' };
  if (state === ESCAPE) return { ok: false, reason: 'No escaped character' };
  if (state === 'a') emit();
  return { ok: true, words };
}

/** argv for `command`, or supervisor's BadCommand text. */
export function parseCommand(command: string): ParsedCommand {
  const split = shlexSplit(command);
  if (!split.ok) return { ok: false, error: `can't parse command ${pyRepr(command)}: ${split.reason}` };
  if (split.words.length === 0) return { ok: false, error: 'command is empty' };
  return { ok: true, argv: split.words };
}
