// Text on the wire (spec §9 item 27). supervisor 4.2.5 puts log text into <string> raw, so a
// log with ANSI colours (ESC is not an XML 1.0 character) gives XML that supervisorctl's expat
// refuses (`tail` fails with an ExpatError), and a log with invalid UTF-8 makes the read fail
// with HTTP 500. tend always sends well-formed XML 1.0, whatever the string holds:
//
//   & < >                          → &amp; &lt; &gt;   (as Python's xmlrpc.client escape())
//   C0 controls except \t \n \r    → the Unicode "control pictures" U+2400–U+241F, so
//                                    ESC [ 3 1 m arrives as `␛[31m`: visible, never raw, and
//                                    tendctl can map it back (char - 0x2400)
//   \r                             → &#13; (a raw CR would reach the client as \n: XML parsers
//                                    normalise line ends; Python's escape() loses it)
//   lone surrogates, U+FFFE/U+FFFF → U+FFFD (not XML characters)
//
// DEL and the C1 controls are XML 1.0 characters and pass unchanged. Log bytes become text with
// decodeLogBytes: invalid UTF-8 → U+FFFD (WHATWG decoding), never an error.

const NEEDS_WORK = /[&<>\r\u0000-\u0008\u000b\u000c\u000e-\u001f\ud800-\udfff\ufffe\uffff]/;

const CONTROL_PICTURES = 0x2400;
const REPLACEMENT = '\ufffd';

/** Escapes `s` for XML character data and maps the characters XML 1.0 forbids (see above). */
export function toXmlText(s: string): string {
  if (!NEEDS_WORK.test(s)) return s;
  let out = '';
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let rep: string;
    if (c === 0x26) rep = '&amp;';
    else if (c === 0x3c) rep = '&lt;';
    else if (c === 0x3e) rep = '&gt;';
    else if (c === 0x0d) rep = '&#13;';
    else if (c < 0x20) {
      if (c === 0x09 || c === 0x0a) continue;
      rep = String.fromCharCode(CONTROL_PICTURES + c);
    } else if (c >= 0xd800 && c <= 0xdbff) {
      const next = i + 1 < s.length ? s.charCodeAt(i + 1) : 0;
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
      rep = REPLACEMENT;
    } else if ((c >= 0xdc00 && c <= 0xdfff) || c === 0xfffe || c === 0xffff) rep = REPLACEMENT;
    else continue;
    out += s.slice(from, i) + rep;
    from = i + 1;
  }
  return out + s.slice(from);
}

/** Only & < > escaped, exactly Python's xmlrpc.client.escape (for tests and comparisons). */
export function escapeXmlLikePython(s: string): string {
  return s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

const LOG_DECODER = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

/**
 * Log bytes → text for the wire: valid UTF-8 is decoded, each invalid sequence becomes U+FFFD
 * (supervisor answers HTTP 500 there). A BOM is kept. Control characters stay; the XML encoder
 * maps them (toXmlText).
 */
export function decodeLogBytes(bytes: Uint8Array): string {
  return LOG_DECODER.decode(bytes);
}
