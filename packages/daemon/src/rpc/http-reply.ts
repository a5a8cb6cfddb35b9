// What a route answers: a whole response, or a stream (the /logtail endpoints). Header lists
// are complete and in Medusa's order; the connection adds the status line, Server and Date
// before them and `Connection` after them.
import { errorPage, type HeaderList } from './http-response.js';

/** Where a streaming route writes. write() resolves once the data is handed to the socket's buffer without overflowing it. */
export interface StreamSink {
  write(data: Buffer): Promise<void>;
  /** Ends the response (the final chunk) and closes the connection. */
  end(): void;
  readonly isClosed: boolean;
}

/** Started once the head is sent; stop() runs when the connection closes, whoever closes it. */
export type StreamSource = (sink: StreamSink) => { stop(): void };

export interface ResponseReply {
  readonly kind: 'response';
  readonly status: number;
  readonly headers: HeaderList;
  /** Written in order right after the head, in one writev. */
  readonly body: readonly Uint8Array[];
  /** Close the connection after this response whatever the request asked. */
  readonly close?: boolean;
}

export interface StreamReply {
  readonly kind: 'stream';
  readonly headers: HeaderList;
  readonly source: StreamSource;
}

export type Reply = ResponseReply | StreamReply;

/** Medusa's request.error(status): Content-Length, Content-Type: text/html, the error page. */
export function errorReply(status: number, before: HeaderList = [], close = false): ResponseReply {
  const body = errorPage(status);
  return {
    kind: 'response',
    status,
    headers: [...before, ['Content-Length', String(body.length)], ['Content-Type', 'text/html']],
    body: [body],
    close,
  };
}

/** A 200 with a body (one buffer, or chunks to send in order): Content-Type, then Content-Length (supervisor's XML-RPC order). */
export function bodyReply(contentType: string, body: Uint8Array | readonly Uint8Array[]): ResponseReply {
  const parts = body instanceof Uint8Array ? [body] : body;
  let length = 0;
  for (const part of parts) length += part.byteLength;
  return { kind: 'response', status: 200, headers: [['Content-Type', contentType], ['Content-Length', String(length)]], body: parts };
}
