// Generated XML-RPC request documents (seeded), for the differential test against supervisor's
// unmarshaller and for the decoder fuzz test: well-formed calls full of supervisor's quirks
// (i8, nil, unknown tags, untyped values, bare values under <params>, bad ints …), and
// byte-level mutations of them.

export type Rng = () => number;

/** mulberry32: small, fast, good enough for test data. */
export function makeRng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(r: Rng, items: readonly T[]): T {
  return items[Math.floor(r() * items.length)]!;
}

const INT_TEXTS = ['5', ' 7 ', '-12', '+3', '1_000', '0042', 'x', '', '1.5', '99999999999', '-0', '2147483648', '\n9\n'];
const BOOL_TEXTS = ['1', '0', 'true', '', ' 1', 'False'];
const DOUBLE_TEXTS = ['2.5', '-1e3', '.5', '1.', 'inf', '-Infinity', 'nan', 'bad', '1_0.5', '', '1e400', '-0.0', '0.1'];
const BASE64_TEXTS = ['aGk=', 'aGk', '', '4pi6', '/w==', 'a Gk=', 'aGk=junk', 'aGk==', 'YQ', 'w6k=', '!!!!'];
const DATE_TEXTS = ['20260121T10:20:30', 'bad', '20261321T10:20:30'];
const TEXT_PIECES = ['web', 'a b', ' ', '&lt;', '&gt;', '&amp;', '&quot;', '&apos;', '&#65;', '&#x263A;', '\u00e9', '\u{1f600}', '<![CDATA[<x>&]]>', '<!-- c -->', '\r\n', '\n', '\t', 'x:y', '%', 'ü', '\u2028'];
const NAMES = ['supervisor.getVersion', 'supervisor.startProcess', 'system.multicall', ' a.b ', 'x', 'supervisor._x'];
const SPACE = ['', '', '', '\n', ' ', '\n  '];

function text(r: Rng, max = 4): string {
  let s = '';
  const n = Math.floor(r() * max);
  for (let i = 0; i < n; i++) s += pick(r, TEXT_PIECES);
  return s;
}

function typed(tag: string, body: string, r: Rng): string {
  return r() < 0.1 && body === '' ? `<${tag}/>` : `<${tag}>${body}</${tag}>`;
}

export function genValue(r: Rng, depth = 0): string {
  const ws = (): string => pick(r, SPACE);
  const kinds = depth > 3 ? 12 : 15;
  let inner: string;
  switch (Math.floor(r() * kinds)) {
    case 0:
      inner = typed(pick(r, ['int', 'i4']), pick(r, INT_TEXTS), r);
      break;
    case 1:
      inner = typed('boolean', pick(r, BOOL_TEXTS), r);
      break;
    case 2:
      inner = typed('string', text(r), r);
      break;
    case 3:
      inner = typed('double', pick(r, DOUBLE_TEXTS), r);
      break;
    case 4:
      inner = typed('base64', pick(r, BASE64_TEXTS), r);
      break;
    case 5:
      inner = typed('dateTime.iso8601', pick(r, DATE_TEXTS), r);
      break;
    case 6:
      inner = '<nil/>';
      break;
    case 7:
      inner = typed('i8', pick(r, INT_TEXTS), r);
      break;
    case 8:
      inner = pick(r, ['<foo>bar</foo>', '<foo/>', '<ex:nil xmlns:ex="urn:ex"/>', '<bigint>5</bigint>']);
      break;
    case 9:
      inner = text(r).replace(/<!\[CDATA\[.*?\]\]>|<!--.*?-->/g, '');
      return `<value>${inner}</value>`;
    case 10:
      return pick(r, ['<value></value>', '<value/>']);
    case 11:
      inner = typed('string', pick(r, ['', 'x', '  y  ']), r);
      break;
    case 12:
    case 13: {
      const n = Math.floor(r() * 4);
      const items = Array.from({ length: n }, () => `${ws()}${genValue(r, depth + 1)}`).join('');
      inner = r() < 0.08 ? pick(r, ['<array></array>', '<array/>']) : `<array>${ws()}<data>${items}${ws()}</data>${ws()}</array>`;
      break;
    }
    default: {
      const n = Math.floor(r() * 4);
      const members = Array.from({ length: n }, () => {
        const name = r() < 0.1 ? '<name/>' : `<name>${pick(r, ['a', 'b', 'name', 'faultCode', '__proto__', 'a b', ''])}</name>`;
        if (r() < 0.05) return `<member>${name}</member>`;
        return `<member>${ws()}${name}${ws()}${genValue(r, depth + 1)}${ws()}</member>`;
      }).join(ws());
      inner = `<struct>${ws()}${members}${ws()}</struct>`;
    }
  }
  return `<value>${ws()}${inner}${ws()}</value>`;
}

/** A whole request document. */
export function genCall(r: Rng): string {
  const ws = (): string => pick(r, SPACE);
  const decl = pick(r, ['', "<?xml version='1.0'?>\n", '<?xml version="1.0" encoding="UTF-8"?>']);
  const root = r() < 0.95 ? 'methodCall' : pick(r, ['call', 'methodResponse']);
  const name = r() < 0.9 ? `<methodName>${pick(r, NAMES)}</methodName>` : pick(r, ['', '<methodName></methodName>', '<methodName/>']);
  let params = '';
  if (r() < 0.9) {
    const n = Math.floor(r() * 4);
    const items = Array.from({ length: n }, () => (r() < 0.9 ? `<param>${ws()}${genValue(r)}${ws()}</param>` : genValue(r))).join(ws());
    params = `<params>${ws()}${items}${ws()}</params>`;
  }
  const comment = r() < 0.1 ? '<!-- a comment -->' : '';
  return `${decl}${comment}<${root}>${ws()}${name}${ws()}${params}${ws()}</${root}>${ws()}`;
}

const INSERTS = ['<', '>', '&', '/', '"', "'", ' ', 'a', '=', ']]>', '<!--', '-->', '&#0;', '&#x1F600;', '&bogus;', '<value>', '</value>', '<!DOCTYPE x>', '\x00', '\x1b', '\ud800', '\uffff', '<?pi?>', '<![CDATA[', ':'];

/** One to three random edits: delete, insert, duplicate or cut. */
export function mutate(r: Rng, doc: string): string {
  let s = doc;
  const n = 1 + Math.floor(r() * 3);
  for (let i = 0; i < n; i++) {
    const at = Math.floor(r() * (s.length + 1));
    switch (Math.floor(r() * 4)) {
      case 0:
        s = s.slice(0, at) + s.slice(at + 1 + Math.floor(r() * 4));
        break;
      case 1:
        s = s.slice(0, at) + pick(r, INSERTS) + s.slice(at);
        break;
      case 2: {
        const len = Math.floor(r() * 40);
        s = s.slice(0, at) + s.slice(at, at + len) + s.slice(at);
        break;
      }
      default:
        s = s.slice(0, at);
    }
  }
  return s;
}

/** Documents that must be refused, whatever else happens. */
export function hostileCall(r: Rng): string {
  const depth = 65 + Math.floor(r() * 2000);
  switch (Math.floor(r() * 6)) {
    case 0:
      return `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><methodCall><methodName>&lol2;</methodName></methodCall>`;
    case 1:
      return `<!DOCTYPE m [<!ENTITY x SYSTEM "file:///etc/passwd">]><methodCall><methodName>&x;</methodName></methodCall>`;
    case 2:
      return `<methodCall><methodName>a.b</methodName><params><param><value>${'<array><data><value>'.repeat(depth)}`;
    case 3:
      return `<methodCall><methodName>a.b</methodName><params><param>${'<value><struct><member><name>k</name>'.repeat(depth)}</param></params></methodCall>`;
    case 4:
      return `<methodCall><methodName>a.b${String.fromCharCode(1 + Math.floor(r() * 8))}</methodName></methodCall>`;
    default:
      return `<methodCall><methodName>a.b</methodName><params><param><value><string>&undefined${Math.floor(r() * 100)};</string></value></param></params></methodCall>`;
  }
}
