// Python 3.11's printf-style number conversions for int arguments, exactly:
// `%d %i %u %o %x %X` (Objects/unicodeobject.c _PyUnicode_FormatLong) and
// `%e %E %f %F %g %G` (Python/pystrtod.c format_float_short over dtoa's correctly rounded digits).
// Expansion values are ints, so BigInt gives the exact decimal digits dtoa would produce.

/** C `INT_MAX`: the largest precision the format parser accepts. */
export const INT_MAX = 2147483647;

/**
 * Longest text one conversion may produce here. Python allocates whatever is asked and raises
 * MemoryError only when malloc fails; a JS string cannot hold 2**29 characters, so beyond this
 * limit we report MemoryError.
 */
export const MAX_FORMAT_LENGTH = 2 ** 28;

export type IntConversion = 'd' | 'i' | 'u' | 'o' | 'x' | 'X';
export type FloatConversion = 'e' | 'E' | 'f' | 'F' | 'g' | 'G';

export type NumberText =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly type: 'OverflowError' | 'MemoryError'; readonly message: string };

const TOO_BIG: NumberText = { ok: false, type: 'MemoryError', message: '' };

// _PyUnicode_FormatLong(val, alt, prec, type); prec -1 means "not given".
export function formatPyInt(n: bigint, type: IntConversion, alt: boolean, prec: number): NumberText {
  if (prec > INT_MAX - 3) return { ok: false, type: 'OverflowError', message: 'precision too large' };
  const negative = n < 0n;
  const abs = negative ? -n : n;
  const base = type === 'o' ? 8 : type === 'x' || type === 'X' ? 16 : 10;
  const digits = abs.toString(base);
  if (prec > digits.length && prec > MAX_FORMAT_LENGTH) return TOO_BIG;
  let prefix = '';
  if (alt && base === 8) prefix = '0o';
  else if (alt && base === 16) prefix = '0x';
  const padded = prec > digits.length ? '0'.repeat(prec - digits.length) + digits : digits;
  let text = (negative ? '-' : '') + prefix + padded;
  // "convert all lower case letters [a-x] to upper case", which also turns 0x into 0X.
  if (type === 'X') text = text.replace(/[a-x]/g, (c) => c.toUpperCase());
  return { ok: true, text };
}

// dtoa's digits for an integer: significant digits with trailing zeros stripped, and decpt
// (the position of the decimal point relative to the first digit).
interface Digits {
  readonly digits: string;
  readonly decpt: number;
}

function stripZeros(digits: string, decpt: number): Digits {
  const stripped = digits.replace(/0+$/, '');
  return stripped === '' ? { digits: '0', decpt: 1 } : { digits: stripped, decpt };
}

// dtoa mode 2: `ndigits` significant digits, correctly rounded, ties to even.
function roundSignificant(abs: bigint, ndigits: number): Digits {
  const all = abs.toString();
  if (abs === 0n) return { digits: '0', decpt: 1 };
  if (all.length <= ndigits) return stripZeros(all, all.length);
  const head = all.slice(0, ndigits);
  const rest = all.slice(ndigits);
  const first = rest[0] ?? '0';
  const tail = rest.slice(1);
  const isOdd = Number(head[head.length - 1] ?? '0') % 2 === 1;
  const roundUp = first > '5' || (first === '5' && (/[1-9]/.test(tail) || isOdd));
  if (!roundUp) return stripZeros(head, all.length);
  const bumped = (BigInt(head) + 1n).toString();
  return stripZeros(bumped, all.length + (bumped.length - head.length));
}

// format_float_short(d, format_code, mode, precision, always_add_sign=0, add_dot_0_if_integer=0,
// use_alt_formatting=alt) for the digits of an int; exponent written like C's "%+.02d".
function layout(d: Digits, code: 'e' | 'f' | 'g', precision: number, alt: boolean): string {
  const { digits } = d;
  let decpt = d.decpt;
  let useExp = false;
  let vEnd = digits.length;
  if (code === 'e') {
    useExp = true;
    vEnd = precision;
  } else if (code === 'f') {
    vEnd = decpt + precision;
  } else {
    if (decpt <= -4 || decpt > precision) useExp = true;
    if (alt) vEnd = precision;
  }
  let exp = 0;
  if (useExp) {
    exp = decpt - 1;
    decpt = 1;
  }
  // Integers always have decpt >= 1, so there is never zero padding on the left.
  vEnd = Math.max(vEnd, decpt);
  let out: string;
  if (decpt <= digits.length) out = digits.slice(0, decpt) + '.' + digits.slice(decpt);
  else out = digits + '0'.repeat(decpt - digits.length) + '.';
  out += '0'.repeat(Math.max(0, vEnd - Math.max(digits.length, decpt)));
  if (out.endsWith('.') && !alt) out = out.slice(0, -1);
  if (useExp) out += 'e' + (exp < 0 ? '-' : '+') + String(Math.abs(exp)).padStart(2, '0');
  return out;
}

// formatfloat(): PyOS_double_to_string(float(n), ch, prec < 0 ? 6 : prec, alt ? Py_DTSF_ALT : 0).
export function formatPyFloat(n: bigint, ch: FloatConversion, prec: number, alt: boolean): NumberText {
  let precision = prec < 0 ? 6 : prec;
  const code = ch.toLowerCase() as 'e' | 'f' | 'g';
  const negative = n < 0n;
  const abs = negative ? -n : n;
  let d: Digits;
  if (code === 'f') {
    if (precision > MAX_FORMAT_LENGTH) return TOO_BIG;
    d = abs === 0n ? { digits: '0', decpt: 1 } : stripZeros(abs.toString(), abs.toString().length);
  } else if (code === 'e') {
    // `precision++` overflows a C int at INT_MAX; dtoa then treats ndigits <= 0 as 1.
    precision = precision === INT_MAX ? 1 : precision + 1;
    if (precision > MAX_FORMAT_LENGTH) return TOO_BIG;
    d = roundSignificant(abs, precision);
  } else {
    if (precision === 0) precision = 1;
    if (alt && precision > MAX_FORMAT_LENGTH) return TOO_BIG;
    d = roundSignificant(abs, precision);
  }
  let text = layout(d, code, precision, alt);
  if (ch === 'E' || ch === 'G') text = text.toUpperCase();
  return { ok: true, text: (negative ? '-' : '') + text };
}
