// Response heads and error pages in Medusa's format (supervisor/medusa/http_server.py,
// spec §7.1): `HTTP/<request version> <code> <reason>`, then Server and Date, then the
// handler's headers in the order it set them; CRLF line ends.

/** Medusa's reason phrases (http_request.responses), for the codes tend sends. */
export const REASONS: ReadonlyMap<number, string> = new Map([
  [100, 'Continue'],
  [200, 'OK'],
  [204, 'No Content'],
  [400, 'Bad Request'],
  [401, 'Unauthorized'],
  [404, 'Not Found'],
  [408, 'Request Time-out'],
  [411, 'Length Required'],
  [413, 'Request Entity Too Large'],
  [500, 'Internal Server Error'],
  [505, 'HTTP Version not supported'],
]);

export const SERVER_HEADER = 'Medusa/1.12';

export type HeaderList = readonly (readonly [string, string])[];

/** Medusa's http_date.build_http_date: `Sat, 21 Nov 2026 18:58:23 GMT`. */
export function httpDate(ms: number): string {
  return new Date(ms).toUTCString();
}

/** Status line + Server + Date + headers + blank line. `version` is `1.0` or `1.1`. */
export function formatHead(version: string, status: number, headers: HeaderList, now: number): string {
  const lines = [`HTTP/${version} ${status} ${REASONS.get(status) ?? 'Unknown'}`, `Server: ${SERVER_HEADER}`, `Date: ${httpDate(now)}`];
  for (const [name, value] of headers) lines.push(`${name}: ${value}`);
  return `${lines.join('\r\n')}\r\n\r\n`;
}

/** Medusa's DEFAULT_ERROR_MESSAGE page for `status`. */
export function errorPage(status: number): Buffer {
  const text = [
    '<head>',
    '<title>Error response</title>',
    '</head>',
    '<body>',
    '<h1>Error response</h1>',
    `<p>Error code ${status}.`,
    `<p>Message: ${REASONS.get(status) ?? 'Unknown'}.`,
    '</body>',
    '',
  ].join('\r\n');
  return Buffer.from(text, 'latin1');
}

/** One chunk of `Transfer-Encoding: chunked` (Medusa writes the size in lowercase hex). */
export function chunk(data: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`${data.length.toString(16)}\r\n`, 'latin1'), data, Buffer.from('\r\n', 'latin1')]);
}
