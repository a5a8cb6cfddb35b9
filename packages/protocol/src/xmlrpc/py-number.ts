// Python's int() / float() of a string and repr() of a float, as far as XML-RPC needs them:
// supervisor unmarshals <int> with int(text) and <double> with float(text), and
// xmlrpc.client.dumps writes a double with repr(). Only ASCII digits are accepted (Python also
// takes other Unicode decimal digits).

const INT_TEXT = /^[+-]?\d(?:_?\d)*$/;
const FLOAT_TEXT = /^[+-]?(?:\d(?:_?\d)*(?:\.(?:\d(?:_?\d)*)?)?|\.\d(?:_?\d)*)(?:[eE][+-]?\d(?:_?\d)*)?$/;
const FLOAT_SPECIAL = /^([+-]?)(inf|infinity|nan)$/i;
/** Python 3.11's default limit on the digits int() converts (sys.get_int_max_str_digits). */
const MAX_INT_DIGITS = 4300;

/** Python's str.strip() of whitespace, close enough: JS trim() plus the C0 separators. */
function pyStrip(text: string): string {
  return text.replace(/^[\s\x1c-\x1f\x85]+|[\s\x1c-\x1f\x85]+$/g, '');
}

/** int(text): null when Python would raise (None, not a decimal integer, too many digits). */
export function parsePyInt(text: string | null): number | null {
  if (text === null) return null;
  const t = pyStrip(text);
  if (!INT_TEXT.test(t)) return null;
  const digits = t.replace(/[+_-]/g, '');
  if (digits.length > MAX_INT_DIGITS) return null;
  // Beyond 2^53 the JS number is approximate; the dispatcher refuses such ints as arguments.
  const n = Number(t.replaceAll('_', ''));
  return n === 0 ? 0 : n;
}

/** float(text): null when Python would raise. */
export function parsePyFloat(text: string | null): number | null {
  if (text === null) return null;
  const t = pyStrip(text);
  const special = FLOAT_SPECIAL.exec(t);
  if (special) {
    if (special[2]!.toLowerCase() === 'nan') return NaN;
    return special[1] === '-' ? -Infinity : Infinity;
  }
  if (!FLOAT_TEXT.test(t)) return null;
  return Number(t.replaceAll('_', ''));
}

/**
 * repr(float): the shortest round-trip digits (as JS), but Python's layout: exponent form when
 * the decimal exponent is < -4 or >= 16 (`1e+16`, `1.5e-05`), else fixed with at least one
 * fractional digit (`1000000000000000.0`), and `inf`, `-inf`, `nan`.
 */
export function formatPyFloat(n: number): string {
  if (Number.isNaN(n)) return 'nan';
  if (n === Infinity) return 'inf';
  if (n === -Infinity) return '-inf';
  if (n === 0) return Object.is(n, -0) ? '-0.0' : '0.0';
  const sign = n < 0 ? '-' : '';
  const [mantissa = '', expText = '0'] = Math.abs(n).toExponential().split('e');
  const digits = mantissa.replace('.', '');
  const exp = Number(expText);
  if (exp < -4 || exp >= 16) {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const e = Math.abs(exp);
    return `${sign}${m}e${exp < 0 ? '-' : '+'}${e < 10 ? `0${e}` : e}`;
  }
  if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  const intLen = exp + 1;
  if (digits.length <= intLen) return `${sign}${digits}${'0'.repeat(intLen - digits.length)}.0`;
  return `${sign}${digits.slice(0, intLen)}.${digits.slice(intLen)}`;
}
