// Python 3.11's str.lower(), the optionxform of ConfigParser (INI keys are lower-cased with it).
// JS toLowerCase() applies the same full Unicode mappings (İ → i̇, final sigma Σ → ς), but with the
// Unicode version of Node's ICU, while Python 3.11 uses Unicode 14.0. Upper-case letters added
// after 14.0 have no lower-case form in Python, so they are kept as they are.

// Code point ranges (inclusive) of letters that lower-case in Unicode 15/16 but not in 14.0.
const NOT_CASED_IN_PY311: readonly (readonly [number, number])[] = [
  [0x1c89, 0x1c89],
  [0xa7cb, 0xa7cc],
  [0xa7ce, 0xa7ce],
  [0xa7d2, 0xa7d2],
  [0xa7d4, 0xa7d4],
  [0xa7da, 0xa7da],
  [0xa7dc, 0xa7dc],
  [0x10d50, 0x10d65],
  [0x16ea0, 0x16eb8],
];

function isNotCasedInPy311(cp: number): boolean {
  return NOT_CASED_IN_PY311.some(([lo, hi]) => cp >= lo && cp <= hi);
}

// Python str.lower().
export function pyLower(s: string): string {
  let out = '';
  let chunk = '';
  for (const ch of s) {
    if (isNotCasedInPy311(ch.codePointAt(0)!)) {
      out += chunk.toLowerCase() + ch;
      chunk = '';
    } else chunk += ch;
  }
  return out + chunk.toLowerCase();
}
