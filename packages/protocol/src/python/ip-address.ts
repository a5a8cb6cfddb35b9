// Which strings Python 3.11's ipaddress.IPv4Address / IPv6Address accept (urllib.parse checks
// bracketed URL hosts with them). Only validity matters to callers, so no error texts here.

/** ipaddress.IPv4Address(text) succeeds: four dotted decimal octets, no leading zeros. */
export function isPyIPv4Address(text: string): boolean {
  if (text.includes('/')) return false;
  const octets = text.split('.');
  if (octets.length !== 4) return false;
  return octets.every((o) => /^[0-9]{1,3}$/.test(o) && (o === '0' || !o.startsWith('0')) && Number(o) <= 255);
}

const HEXTET_COUNT = 8;

function isHextet(part: string | undefined): boolean {
  return part !== undefined && /^[0-9a-fA-F]{1,4}$/.test(part);
}

/** ipaddress.IPv6Address(text) succeeds: with `::`, an IPv4 tail and a `%scope` suffix as Python allows. */
export function isPyIPv6Address(text: string): boolean {
  if (text.includes('/')) return false;
  const percent = text.indexOf('%');
  if (percent >= 0) {
    const scope = text.slice(percent + 1);
    if (scope === '' || scope.includes('%')) return false;
  }
  const addr = percent >= 0 ? text.slice(0, percent) : text;
  if (addr === '') return false;
  const parts = addr.split(':');
  if (parts.length < 3) return false;
  if (parts[parts.length - 1]!.includes('.')) {
    if (!isPyIPv4Address(parts.pop()!)) return false;
    parts.push('0', '0');
  }
  if (parts.length > HEXTET_COUNT + 1) return false;
  let skipIndex: number | null = null;
  for (let i = 1; i < parts.length - 1; i++) {
    if (parts[i] === '') {
      if (skipIndex !== null) return false;
      skipIndex = i;
    }
  }
  let hi: number;
  let lo: number;
  if (skipIndex !== null) {
    hi = skipIndex;
    lo = parts.length - skipIndex - 1;
    if (parts[0] === '' && --hi) return false;
    if (parts[parts.length - 1] === '' && --lo) return false;
    if (HEXTET_COUNT - (hi + lo) < 1) return false;
  } else {
    if (parts.length !== HEXTET_COUNT || parts[0] === '' || parts[parts.length - 1] === '') return false;
    hi = parts.length;
    lo = 0;
  }
  const used = [...parts.slice(0, hi), ...parts.slice(parts.length - lo)];
  return used.every(isHextet);
}
