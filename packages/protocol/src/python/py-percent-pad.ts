// The last step of one `%` conversion in Python 3.11 (unicode_format_arg_output in
// Objects/unicodeobject.c): %s/%r/%a truncation to the precision, the sign and the 0x/0o prefix
// of numbers, and padding to the width with spaces or (for numbers with the 0 flag) zeros.

export const F_LJUST = 1;
export const F_SIGN = 2;
export const F_BLANK = 4;
export const F_ALT = 8;
export const F_ZERO = 16;

/** One parsed conversion: `%[(key)][flags][width][.prec][hlL]ch`; -1 means "not given". */
export interface ConversionSpec {
  ch: string;
  flags: number;
  width: number;
  prec: number;
  /** Set by the conversion for numbers: the text may carry a sign, and 0-padding applies. */
  sign: boolean;
}

/** `str` is the converted text as code points; returns the text to write. */
export function padConversion(spec: ConversionSpec, str: readonly string[]): string {
  const fill = spec.sign && (spec.flags & F_ZERO) !== 0 ? '0' : ' ';
  let len = str.length;
  const isText = spec.ch === 's' || spec.ch === 'r' || spec.ch === 'a';
  if (isText && spec.prec >= 0 && len > spec.prec) len = spec.prec;
  let pindex = 0;
  let signchar = '';
  let sign = spec.sign;
  if (sign) {
    const first = str[0];
    if (first === '-' || first === '+') {
      signchar = first;
      len--;
      pindex++;
    } else if (spec.flags & F_SIGN) signchar = '+';
    else if (spec.flags & F_BLANK) signchar = ' ';
    else sign = false;
  }
  let width = Math.max(spec.width, len);
  const hasPrefix = (spec.flags & F_ALT) !== 0 && (spec.ch === 'x' || spec.ch === 'X' || spec.ch === 'o');
  const prefix = hasPrefix ? '0' + spec.ch : '';
  let out = '';
  if (sign) {
    if (fill !== ' ') out += signchar;
    if (width > len) width--;
  }
  if (hasPrefix) {
    if (fill !== ' ') {
      out += prefix;
      pindex += 2;
    }
    width = Math.max(width - 2, 0);
    len -= 2;
  }
  if (width > len && (spec.flags & F_LJUST) === 0) {
    out += fill.repeat(width - len);
    width = len;
  }
  if (fill === ' ') {
    if (sign) out += signchar;
    if (hasPrefix) {
      out += prefix;
      pindex += 2;
    }
  }
  out += str.slice(pindex, pindex + len).join('');
  if (width > len) out += ' '.repeat(width - len);
  return out;
}
