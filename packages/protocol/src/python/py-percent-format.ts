// Python 3.11's `format % mapping` for a str format and a dict of str/int values, transcribed from
// Objects/unicodeobject.c (PyUnicode_Format, unicode_format_arg_parse/_format/_output) so that the
// result, and the exception raised on bad input, match CPython exactly. Positions count code points.
import { INT_MAX, MAX_FORMAT_LENGTH, formatPyFloat, formatPyInt } from './py-number-format.js';
import type { NumberText } from './py-number-format.js';
import { F_ALT, F_BLANK, F_LJUST, F_SIGN, F_ZERO, padConversion } from './py-percent-pad.js';
import type { ConversionSpec } from './py-percent-pad.js';
import { pyAsciiValue, pyReprValue, pyStrValue, pyTypeName, toPyInt } from './py-value-text.js';
import type { PyMapping, PyValue } from './py-value-text.js';

export type { PyMapping } from './py-value-text.js';

/** The exception Python raises; `message` is str(exc) (for KeyError: the missing key itself). */
export interface PyException {
  readonly type: 'KeyError' | 'ValueError' | 'TypeError' | 'OverflowError' | 'MemoryError';
  readonly message: string;
}

export type PercentResult =
  | { readonly ok: true; readonly value: string }
  | { readonly ok: false; readonly exception: PyException };

class PyError extends Error {
  readonly exception: PyException;
  constructor(type: PyException['type'], message: string) {
    super(message);
    this.exception = { type, message };
  }
}

const FLAG_BITS: ReadonlyMap<string, number> = new Map([['-', F_LJUST], ['+', F_SIGN], [' ', F_BLANK], ['#', F_ALT], ['0', F_ZERO]]);
const PY_SSIZE_T_MAX = 2n ** 63n - 1n;

// formatchar(): one code point from a 1-character str or an int in range.
function formatChar(v: PyValue): string {
  if (typeof v === 'string') {
    const chars = Array.from(v);
    if (chars.length === 1 && chars[0] !== undefined) return chars[0];
  } else if (typeof v === 'number') {
    if (v < 0 || v > 0x10ffff) throw new PyError('OverflowError', '%c arg not in range(0x110000)');
    return String.fromCodePoint(v);
  }
  throw new PyError('TypeError', '%c requires int or char');
}

function unwrap(r: NumberText): string {
  if (!r.ok) throw new PyError(r.type, r.message);
  return r.text;
}

class Formatter {
  readonly #fmt: readonly string[];
  readonly #dict: PyMapping;
  #pos = 0;
  #cnt: number;
  #args: PyValue;
  #argidx = -2;
  #out: string[] = [];
  #outLength = 0;

  constructor(fmt: string, dict: PyMapping) {
    this.#fmt = Array.from(fmt);
    this.#cnt = this.#fmt.length;
    this.#dict = dict;
    this.#args = dict;
  }

  // PyUnicode_READ past the end reads the terminating NUL.
  #read(): string {
    return this.#fmt[this.#pos] ?? '\0';
  }

  // `if (--fmtcnt >= 0) { ch = READ(fmtpos); fmtpos++; }`; ch is left alone at the end.
  #advance(spec: ConversionSpec): boolean {
    if (--this.#cnt < 0) return false;
    spec.ch = this.#read();
    this.#pos++;
    return true;
  }

  #write(text: string): void {
    this.#outLength += text.length;
    if (this.#outLength > MAX_FORMAT_LENGTH) throw new PyError('MemoryError', '');
    this.#out.push(text);
  }

  run(): string {
    while (--this.#cnt >= 0) {
      if (this.#read() !== '%') {
        const start = this.#pos++;
        while (this.#cnt >= 0 && this.#read() !== '%') {
          this.#pos++;
          this.#cnt--;
        }
        if (this.#cnt < 0) this.#pos--;
        this.#write(this.#fmt.slice(start, this.#pos).join(''));
      } else {
        this.#pos++;
        this.#formatArg();
      }
    }
    return this.#out.join('');
  }

  // unicode_format_getnextarg(): a dict argument is consumed once per key lookup.
  #nextArg(): PyValue {
    if (this.#argidx < -1) {
      this.#argidx++;
      return this.#args;
    }
    throw new PyError('TypeError', 'not enough arguments for format string');
  }

  #formatArg(): void {
    const spec: ConversionSpec = { ch: this.#read(), flags: 0, width: -1, prec: -1, sign: false };
    if (spec.ch === '%') {
      this.#pos++;
      this.#cnt--;
      this.#write('%');
      return;
    }
    this.#parseKey(spec);
    this.#parseSpec(spec);
    const text = Array.from(this.#convert(spec));
    if (spec.width > MAX_FORMAT_LENGTH) throw new PyError('MemoryError', '');
    this.#write(padConversion(spec, text));
  }

  #parseKey(spec: ConversionSpec): void {
    if (spec.ch !== '(') return;
    this.#pos++;
    this.#cnt--;
    const keyStart = this.#pos;
    let pcount = 1;
    while (pcount > 0 && --this.#cnt >= 0) {
      spec.ch = this.#read();
      if (spec.ch === ')') pcount--;
      else if (spec.ch === '(') pcount++;
      this.#pos++;
    }
    if (this.#cnt < 0 || pcount > 0) throw new PyError('ValueError', 'incomplete format key');
    const key = this.#fmt.slice(keyStart, this.#pos - 1).join('');
    const value = this.#dict.get(key);
    if (value === undefined) throw new PyError('KeyError', key);
    this.#args = value;
    this.#argidx = -2;
  }

  #starArg(): number {
    const v = this.#nextArg();
    if (typeof v !== 'number') throw new PyError('TypeError', '* wants int');
    return Number(toPyInt(v));
  }

  #parseSpec(spec: ConversionSpec): void {
    while (this.#advance(spec)) {
      const bit = FLAG_BITS.get(spec.ch);
      if (bit === undefined) break;
      spec.flags |= bit;
    }
    if (spec.ch === '*') {
      spec.width = this.#starArg();
      if (spec.width < 0) {
        spec.flags |= F_LJUST;
        spec.width = -spec.width;
      }
      this.#advance(spec);
    } else if (isDigit(spec.ch)) {
      let width = BigInt(spec.ch);
      while (this.#advance(spec) && isDigit(spec.ch)) {
        const d = BigInt(spec.ch);
        if (width > (PY_SSIZE_T_MAX - d) / 10n) throw new PyError('ValueError', 'width too big');
        width = width * 10n + d;
      }
      spec.width = Number(width);
    }
    if (spec.ch === '.') {
      spec.prec = 0;
      this.#advance(spec);
      const next: string = spec.ch; // #advance changed it; TS still narrows spec.ch to '.'
      if (next === '*') {
        const prec = this.#starArg();
        if (prec > INT_MAX || prec < -INT_MAX - 1) {
          throw new PyError('OverflowError', 'Python int too large to convert to C int');
        }
        spec.prec = Math.max(prec, 0);
        this.#advance(spec);
      } else if (isDigit(next)) {
        spec.prec = Number(next);
        while (this.#advance(spec) && isDigit(spec.ch)) {
          const d = Number(spec.ch);
          if (spec.prec > Math.trunc((INT_MAX - d) / 10)) throw new PyError('ValueError', 'precision too big');
          spec.prec = spec.prec * 10 + d;
        }
      }
    }
    if (this.#cnt >= 0 && (spec.ch === 'h' || spec.ch === 'l' || spec.ch === 'L')) this.#advance(spec);
    if (this.#cnt < 0) throw new PyError('ValueError', 'incomplete format');
  }

  // unicode_format_arg_format(): the converted text (its fast paths give the same text).
  #convert(spec: ConversionSpec): string {
    const v = this.#nextArg();
    const ch = spec.ch;
    switch (ch) {
      case 's':
        return pyStrValue(v);
      case 'r':
        return pyReprValue(v);
      case 'a':
        return pyAsciiValue(v);
      case 'i': case 'd': case 'u': case 'o': case 'x': case 'X': {
        if (typeof v !== 'number') {
          const what = ch === 'o' || ch === 'x' || ch === 'X' ? 'an integer' : 'a real number';
          throw new PyError('TypeError', `%${ch} format: ${what} is required, not ${pyTypeName(v)}`);
        }
        spec.sign = true;
        return unwrap(formatPyInt(toPyInt(v), ch, (spec.flags & F_ALT) !== 0, spec.prec));
      }
      case 'e': case 'E': case 'f': case 'F': case 'g': case 'G':
        if (typeof v !== 'number') throw new PyError('TypeError', `must be real number, not ${pyTypeName(v)}`);
        spec.sign = true;
        return unwrap(formatPyFloat(toPyInt(v), ch, spec.prec, (spec.flags & F_ALT) !== 0));
      case 'c':
        return formatChar(v);
      default: {
        const cp = ch.codePointAt(0) ?? 0;
        const shown = cp >= 31 && cp <= 126 ? ch : '?';
        throw new PyError(
          'ValueError',
          `unsupported format character '${shown}' (0x${cp.toString(16)}) at index ${this.#pos - 1}`,
        );
      }
    }
  }
}

function isDigit(ch: string): boolean {
  return ch >= '0' && ch <= '9' && ch.length === 1;
}

/** Python `fmt % mapping` where mapping is a dict. */
export function pyPercentFormat(fmt: string, mapping: PyMapping): PercentResult {
  try {
    return { ok: true, value: new Formatter(fmt, mapping).run() };
  } catch (err) {
    if (err instanceof PyError) return { ok: false, exception: err.exception };
    throw err;
  }
}
