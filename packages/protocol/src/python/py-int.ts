// Python 3.11's int(str) and int(str, 8), which every numeric datatype in supervisor goes through
// (CPython Objects/longobject.c PyLong_FromUnicodeObject + PyLong_FromString), with its exact
// ValueError texts: the `%.200R` truncated repr and the 4300-digit limit of Python ≥ 3.11.
import { isPySpace, pyRepr } from './py-text.js';

export type PyIntResult = { readonly ok: true; readonly value: bigint } | { readonly ok: false; readonly error: string };

/** sys.get_int_max_str_digits() default: decimal strings longer than this are refused. */
const MAX_STR_DIGITS = 4300;

// Code point of the digit zero of every Unicode decimal-digit run, as Python 3.11 (Unicode 14.0)
// knows them; each run is ten consecutive code points 0..9 (`str.isdecimal()` characters).
const DECIMAL_ZEROS: readonly number[] = [
  0x30, 0x660, 0x6f0, 0x7c0, 0x966, 0x9e6, 0xa66, 0xae6, 0xb66, 0xbe6, 0xc66, 0xce6, 0xd66, 0xde6, 0xe50, 0xed0,
  0xf20, 0x1040, 0x1090, 0x17e0, 0x1810, 0x1946, 0x19d0, 0x1a80, 0x1a90, 0x1b50, 0x1bb0, 0x1c40, 0x1c50, 0xa620,
  0xa8d0, 0xa900, 0xa9d0, 0xa9f0, 0xaa50, 0xabf0, 0xff10, 0x104a0, 0x10d30, 0x11066, 0x110f0, 0x11136, 0x111d0,
  0x112f0, 0x11450, 0x114d0, 0x11650, 0x116c0, 0x11730, 0x118e0, 0x11950, 0x11c50, 0x11d50, 0x11da0, 0x16a60,
  0x16ac0, 0x16b50, 0x1d7ce, 0x1d7d8, 0x1d7e2, 0x1d7ec, 0x1d7f6, 0x1e140, 0x1e2f0, 0x1e950, 0x1fbf0,
];

/** Python's Py_UNICODE_TODECIMAL: the digit value of a Unicode decimal digit, else -1. */
export function pyDecimalValue(cp: number): number {
  for (const zero of DECIMAL_ZEROS) {
    if (cp >= zero && cp < zero + 10) return cp - zero;
  }
  return -1;
}

// _PyUnicode_TransformDecimalAndSpaceToASCII: non-ASCII spaces become ' ', non-ASCII decimal
// digits their ASCII digit; the first other non-ASCII character becomes '?' and ends the text.
function toAsciiDigitsAndSpaces(s: string): string {
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (cp < 127) out += ch;
    else if (isPySpace(ch)) out += ' ';
    else {
      const d = pyDecimalValue(cp);
      if (d < 0) return out + '?';
      out += String(d);
    }
  }
  return out;
}

// Py_ISSPACE: the ASCII whitespace PyLong_FromString skips around the number.
function isAsciiSpace(ch: string | undefined): boolean {
  return ch === ' ' || ch === '\t' || ch === '\n' || ch === '\x0b' || ch === '\x0c' || ch === '\r';
}

function isDigitOf(ch: string | undefined, base: 8 | 10): boolean {
  return ch !== undefined && ch >= '0' && ch <= (base === 8 ? '7' : '9');
}

/** `invalid literal for int() with base N: '…'`, the repr cut at 200 code points like `%.200R`. */
function invalidLiteral(original: string, base: 8 | 10): PyIntResult {
  const repr = Array.from(pyRepr(original)).slice(0, 200).join('');
  return { ok: false, error: `invalid literal for int() with base ${base}: ${repr}` };
}

/** Python `int(text)` (base 10) or `int(text, 8)`, as a BigInt or the ValueError's text. */
export function pyInt(text: string, base: 8 | 10 = 10): PyIntResult {
  const a = toAsciiDigitsAndSpaces(text);
  let i = 0;
  while (isAsciiSpace(a[i])) i++;
  let negative = false;
  if (a[i] === '+' || a[i] === '-') negative = a[i++] === '-';
  if (base === 8 && a[i] === '0' && (a[i + 1] === 'o' || a[i + 1] === 'O')) {
    i += 2;
    // One underscore is allowed right after the prefix.
    if (a[i] === '_') i++;
  }
  if (a[i] === '_') return invalidLiteral(text, base);
  let digits = '';
  let prev = '';
  while (isDigitOf(a[i], base) || a[i] === '_') {
    const ch = a[i]!;
    if (ch === '_' && prev === '_') return invalidLiteral(text, base);
    if (ch !== '_') digits += ch;
    prev = ch;
    i++;
  }
  if (prev === '_' || digits === '') return invalidLiteral(text, base);
  // Checked before the rest of the text: '1' * 5000 + 'x' gets this error, not "invalid literal".
  if (base === 10 && digits.length > MAX_STR_DIGITS) {
    return {
      ok: false,
      error:
        `Exceeds the limit (${MAX_STR_DIGITS} digits) for integer string conversion: value has ${digits.length} digits;` +
        ' use sys.set_int_max_str_digits() to increase the limit',
    };
  }
  while (isAsciiSpace(a[i])) i++;
  if (i !== a.length) return invalidLiteral(text, base);
  const magnitude = BigInt(base === 8 ? `0o${digits}` : digits);
  return { ok: true, value: negative ? -magnitude : magnitude };
}

/** Python's str(int(text)) for a value that was parsed from `raw`, exact even beyond 2^53 (where a JS number is not). */
export function pyIntText(value: number, raw: string | undefined): string {
  if (Number.isSafeInteger(value) || raw === undefined) return Number.isFinite(value) ? BigInt(Math.trunc(value)).toString() : String(value);
  const exact = pyInt(raw);
  return exact.ok ? exact.value.toString() : String(value);
}
