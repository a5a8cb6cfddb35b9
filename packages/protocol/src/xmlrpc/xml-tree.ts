// A small, strict, non-validating XML 1.0 parser for XML-RPC documents: text → element tree in
// ElementTree's shape (tag, .text = character data before the first child, children), which is
// what supervisor's request unmarshaller walks.
//
// Hand-written rather than fast-xml-parser: XML-RPC needs a tiny subset, and the library
// processes DOCTYPE entities by default (CVE-2026-26278, CVE-2026-33036 were entity-expansion
// DoS fixes in 2026), does not check well-formedness while parsing, and has no .text/.tail
// model. Here hostile input is refused up front:
//   - a DOCTYPE (and so any DTD, entity declaration or external entity) is an error;
//   - only the 5 predefined entities and numeric character references are expanded;
//   - nesting deeper than maxDepth is an error; the scan is linear (indexOf, sticky regexes)
//     and iterative, so no input can blow the stack or backtrack;
//   - characters outside XML 1.0's Char production are an error anywhere in the document.
// The size cap is the caller's (the HTTP server refuses big bodies before parsing).
// parseXml never throws.

export interface XmlElement {
  /** `local`, or with namespace processing `{uri}local` as ElementTree spells it. */
  readonly name: string;
  /** Character data before the first child element (ElementTree's .text); null if none. */
  readonly text: string | null;
  readonly children: readonly XmlElement[];
}

export interface XmlParseOptions {
  /** Resolve `prefix:` and `xmlns` as Python's ElementTree does (an unbound prefix is an error). Default true. */
  readonly namespaces?: boolean;
  /** Most elements open at once. Default 64. */
  readonly maxDepth?: number;
}

export type XmlParseResult = { readonly ok: true; readonly root: XmlElement } | { readonly ok: false; readonly error: string };

export const XML_MAX_DEPTH = 64;

interface MutableElement {
  name: string;
  text: string | null;
  children: MutableElement[];
}

interface Frame {
  readonly el: MutableElement;
  readonly rawName: string;
  readonly decls: ReadonlyMap<string, string> | null;
}

class XmlSyntaxError extends Error {}

// XML 1.0 (5th ed.) Char: anything else anywhere in a document is an error.
const INVALID_CHAR = /[^\t\n\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/u;
const NAME_START = ':A-Z_a-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C-\\u200D\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD\\u{10000}-\\u{EFFFF}';
const NAME_CHAR = `${NAME_START}\\-.0-9\\u00B7\\u0300-\\u036F\\u203F-\\u2040`;
const NAME = new RegExp(`[${NAME_START}][${NAME_CHAR}]*`, 'uy');
// Expat checks only the characters of the version value (`version=''` and `'1.0a'` pass).
const XML_DECL = /<\?xml[ \t\n]+version[ \t\n]*=[ \t\n]*(?:"[A-Za-z0-9._-]*"|'[A-Za-z0-9._-]*')(?:[ \t\n]+encoding[ \t\n]*=[ \t\n]*(?:"[A-Za-z][A-Za-z0-9._-]*"|'[A-Za-z][A-Za-z0-9._-]*'))?(?:[ \t\n]+standalone[ \t\n]*=[ \t\n]*(?:"(?:yes|no)"|'(?:yes|no)'))?[ \t\n]*\?>/y;
const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';
const PREDEFINED: ReadonlyMap<string, string> = new Map([['lt', '<'], ['gt', '>'], ['amp', '&'], ['apos', "'"], ['quot', '"']]);

function isXmlChar(cp: number): boolean {
  return cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x09;
}

class Parser {
  readonly #s: string;
  readonly #namespaces: boolean;
  readonly #maxDepth: number;
  #pos = 0;

  constructor(s: string, options: XmlParseOptions) {
    // Line-end normalisation comes before parsing (XML 1.0 §2.11): CR LF and lone CR → LF.
    this.#s = s.includes('\r') ? s.replace(/\r\n?/g, '\n') : s;
    this.#namespaces = options.namespaces ?? true;
    this.#maxDepth = options.maxDepth ?? XML_MAX_DEPTH;
  }

  #fail(message: string): never {
    throw new XmlSyntaxError(`${message} at offset ${this.#pos}`);
  }

  parse(): XmlElement {
    const s = this.#s;
    const bad = INVALID_CHAR.exec(s);
    if (bad) {
      this.#pos = bad.index;
      this.#fail(`character U+${(bad[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')} is not allowed in XML`);
    }
    if (s.charCodeAt(0) === 0xfeff) this.#pos = 1;
    if (s.startsWith('<?xml', this.#pos) && (isSpace(s.charCodeAt(this.#pos + 5)) || s[this.#pos + 5] === '?')) {
      XML_DECL.lastIndex = this.#pos;
      if (!XML_DECL.test(s)) this.#fail('malformed XML declaration');
      this.#pos = XML_DECL.lastIndex;
    }
    this.#misc();
    if (this.#pos >= s.length) this.#fail('no element found');
    if (s[this.#pos] !== '<') this.#fail('text before the root element');
    const root = this.#elements();
    this.#misc();
    if (this.#pos < s.length) this.#fail(s[this.#pos] === '<' ? 'junk after the document element' : 'text after the document element');
    return root;
  }

  // Whitespace, comments and processing instructions outside the root element.
  #misc(): void {
    const s = this.#s;
    for (;;) {
      while (this.#pos < s.length && isSpace(s.charCodeAt(this.#pos))) this.#pos++;
      if (s.startsWith('<!--', this.#pos)) this.#comment();
      else if (s.startsWith('<?', this.#pos)) this.#pi();
      else if (s.startsWith('<!DOCTYPE', this.#pos)) this.#fail('a DOCTYPE is not allowed');
      else if (s.startsWith('<!', this.#pos)) this.#fail('markup declarations are not allowed');
      else return;
    }
  }

  #comment(): void {
    const end = this.#s.indexOf('--', this.#pos + 4);
    if (end === -1) this.#fail('unclosed comment');
    if (this.#s[end + 2] !== '>') {
      this.#pos = end;
      this.#fail("'--' inside a comment");
    }
    this.#pos = end + 3;
  }

  #pi(): void {
    this.#pos += 2;
    const target = this.#name();
    if (target.toLowerCase() === 'xml') this.#fail('XML declaration not at the start of the document');
    if (this.#namespaces && target.includes(':')) this.#fail('a processing instruction target must not contain a colon');
    const end = this.#s.indexOf('?>', this.#pos);
    if (end === -1) this.#fail('unclosed processing instruction');
    if (end !== this.#pos && !isSpace(this.#s.charCodeAt(this.#pos))) this.#fail('malformed processing instruction');
    this.#pos = end + 2;
  }

  #name(): string {
    NAME.lastIndex = this.#pos;
    const m = NAME.exec(this.#s);
    if (!m) this.#fail('expected a name');
    this.#pos = NAME.lastIndex;
    return m[0];
  }

  #skipSpace(): boolean {
    const start = this.#pos;
    while (this.#pos < this.#s.length && isSpace(this.#s.charCodeAt(this.#pos))) this.#pos++;
    return this.#pos > start;
  }

  // Character data with references expanded; `raw` must not contain '<'.
  #expand(raw: string, isAttribute: boolean): string {
    if (!raw.includes('&')) return isAttribute ? raw.replace(/[\t\n]/g, ' ') : raw;
    let out = '';
    let from = 0;
    for (let amp = raw.indexOf('&'); amp !== -1; amp = raw.indexOf('&', from)) {
      const semi = raw.indexOf(';', amp + 1);
      if (semi === -1 || semi - amp > 12) this.#fail('malformed reference');
      const ref = raw.slice(amp + 1, semi);
      let text: string;
      if (ref.startsWith('#')) {
        const m = /^#(?:x([0-9a-fA-F]{1,8})|([0-9]{1,10}))$/.exec(ref);
        const cp = m ? parseInt(m[1] ?? m[2]!, m[1] !== undefined ? 16 : 10) : -1;
        if (!isXmlChar(cp)) this.#fail(`reference to invalid character &${ref};`);
        text = String.fromCodePoint(cp);
      } else {
        const predefined = PREDEFINED.get(ref);
        if (predefined === undefined) this.#fail(`undefined entity &${ref};`);
        text = predefined;
      }
      const before = raw.slice(from, amp);
      out += (isAttribute ? before.replace(/[\t\n]/g, ' ') : before) + text;
      from = semi + 1;
    }
    const rest = raw.slice(from);
    return out + (isAttribute ? rest.replace(/[\t\n]/g, ' ') : rest);
  }

  // Parses the root element and everything in it, iteratively. Starts at its '<'.
  #elements(): XmlElement {
    const s = this.#s;
    const stack: Frame[] = [];
    const root = this.#startTag(stack);
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const lt = s.indexOf('<', this.#pos);
      if (lt === -1) {
        this.#pos = s.length;
        this.#fail(`unclosed element <${top.rawName}>`);
      }
      if (lt > this.#pos) {
        const raw = s.slice(this.#pos, lt);
        const bad = raw.indexOf(']]>');
        if (bad !== -1) {
          this.#pos += bad;
          this.#fail("']]>' in character data");
        }
        this.#text(top.el, this.#expand(raw, false));
        this.#pos = lt;
      }
      if (s.startsWith('</', lt)) {
        this.#pos = lt + 2;
        const name = this.#name();
        this.#skipSpace();
        if (s[this.#pos] !== '>') this.#fail('malformed end tag');
        if (name !== top.rawName) this.#fail(`mismatched tag: </${name}> closes <${top.rawName}>`);
        this.#pos++;
        stack.pop();
      } else if (s.startsWith('<!--', lt)) this.#comment();
      else if (s.startsWith('<![CDATA[', lt)) {
        const end = s.indexOf(']]>', lt + 9);
        if (end === -1) this.#fail('unclosed CDATA section');
        this.#text(top.el, s.slice(lt + 9, end));
        this.#pos = end + 3;
      } else if (s.startsWith('<?', lt)) this.#pi();
      else if (s.startsWith('<!', lt)) this.#fail(s.startsWith('<!DOCTYPE', lt) ? 'a DOCTYPE is not allowed' : 'markup declarations are not allowed');
      else this.#startTag(stack);
    }
    return root;
  }

  #text(el: MutableElement, text: string): void {
    // Text after a child is that child's tail, which nothing here uses.
    if (text !== '' && el.children.length === 0) el.text = el.text === null ? text : el.text + text;
  }

  // A start tag (or empty-element tag) at this.#pos; pushes a frame unless it is `<x/>`.
  #startTag(stack: Frame[]): MutableElement {
    const s = this.#s;
    this.#pos++;
    const rawName = this.#name();
    const attrs: [string, string][] = [];
    let selfClosing = false;
    for (;;) {
      const spaced = this.#skipSpace();
      if (s[this.#pos] === '>') {
        this.#pos++;
        break;
      }
      if (s.startsWith('/>', this.#pos)) {
        this.#pos += 2;
        selfClosing = true;
        break;
      }
      if (this.#pos >= s.length) this.#fail(`unclosed start tag <${rawName}`);
      if (!spaced) this.#fail('whitespace required between attributes');
      const name = this.#name();
      this.#skipSpace();
      if (s[this.#pos] !== '=') this.#fail(`attribute ${name} without a value`);
      this.#pos++;
      this.#skipSpace();
      const quote = s[this.#pos];
      if (quote !== '"' && quote !== "'") this.#fail('attribute value not quoted');
      const end = s.indexOf(quote, this.#pos + 1);
      if (end === -1) this.#fail('unclosed attribute value');
      const raw = s.slice(this.#pos + 1, end);
      if (raw.includes('<')) this.#fail("'<' in an attribute value");
      if (attrs.some(([n]) => n === name)) this.#fail(`duplicate attribute ${name}`);
      attrs.push([name, this.#expand(raw, true)]);
      this.#pos = end + 1;
    }
    if (stack.length >= this.#maxDepth) this.#fail(`elements nested deeper than ${this.#maxDepth} levels`);
    const decls = this.#namespaces ? this.#declarations(attrs) : null;
    const name = this.#namespaces ? this.#expandedName(rawName, attrs, decls, stack) : rawName;
    const el: MutableElement = { name, text: null, children: [] };
    const parent = stack[stack.length - 1];
    if (parent) parent.el.children.push(el);
    if (!selfClosing) stack.push({ el, rawName, decls });
    return el;
  }

  #declarations(attrs: readonly (readonly [string, string])[]): Map<string, string> | null {
    let decls: Map<string, string> | null = null;
    for (const [name, value] of attrs) {
      let prefix: string;
      if (name === 'xmlns') prefix = '';
      else if (name.startsWith('xmlns:')) {
        prefix = name.slice(6);
        if (prefix === 'xmlns' || (prefix === 'xml') !== (value === XML_NS) || value === XMLNS_NS) this.#fail(`reserved namespace prefix or URI in ${name}`);
        if (value === '') this.#fail(`cannot unbind the prefix ${prefix}`);
      } else continue;
      (decls ??= new Map()).set(prefix, value);
    }
    return decls;
  }

  #lookup(prefix: string, decls: ReadonlyMap<string, string> | null, stack: readonly Frame[]): string | undefined {
    if (prefix === 'xml') return XML_NS;
    const own = decls?.get(prefix);
    if (own !== undefined) return own;
    for (let i = stack.length - 1; i >= 0; i--) {
      const v = stack[i]!.decls?.get(prefix);
      if (v !== undefined) return v;
    }
    return undefined;
  }

  #splitQName(name: string): [string, string] {
    const colon = name.indexOf(':');
    if (colon === -1) return ['', name];
    if (colon === 0 || colon === name.length - 1 || name.indexOf(':', colon + 1) !== -1) this.#fail(`${name} is not a valid qualified name`);
    return [name.slice(0, colon), name.slice(colon + 1)];
  }

  #expandedName(rawName: string, attrs: readonly (readonly [string, string])[], decls: ReadonlyMap<string, string> | null, stack: readonly Frame[]): string {
    const seen = new Set<string>();
    for (const [attr] of attrs) {
      if (attr === 'xmlns' || attr.startsWith('xmlns:')) continue;
      const [prefix, local] = this.#splitQName(attr);
      const uri = prefix === '' ? '' : this.#lookup(prefix, decls, stack);
      if (uri === undefined) this.#fail(`unbound prefix in attribute ${attr}`);
      const expanded = uri === '' ? local : `{${uri}}${local}`;
      if (seen.has(expanded)) this.#fail(`duplicate attribute ${attr}`);
      seen.add(expanded);
    }
    const [prefix, local] = this.#splitQName(rawName);
    const uri = this.#lookup(prefix, decls, stack);
    if (uri === undefined) {
      if (prefix !== '') this.#fail(`unbound prefix in <${rawName}>`);
      return local;
    }
    return uri === '' ? local : `{${uri}}${local}`;
  }
}

/** Parses a whole XML document. Never throws: malformed input gives `{ ok: false, error }`. */
export function parseXml(text: string, options: XmlParseOptions = {}): XmlParseResult {
  try {
    return { ok: true, root: new Parser(text, options).parse() };
  } catch (err) {
    if (err instanceof XmlSyntaxError) return { ok: false, error: err.message };
    // Not expected (e.g. out of memory on a huge input): still an answer, never a throw.
    return { ok: false, error: `cannot parse: ${err instanceof Error ? err.message : String(err)}` };
  }
}
