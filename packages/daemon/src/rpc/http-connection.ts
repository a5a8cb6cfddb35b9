// One HTTP/1.x connection (Medusa's http_channel, spec §7.1): requests are read and answered
// strictly one at a time, in order (pipelined ones wait in the buffer); keep-alive follows
// Medusa's rules — HTTP/1.1 stays open unless the request says `Connection: close`, HTTP/1.0
// closes unless it says `Connection: keep-alive` (then `Connection: Keep-Alive` is sent). When
// tend closes after a response it says so with `Connection: close` (4.2.5 does not).
//
// Hostile clients (limits in http-limits.ts): heads and bodies are capped, a request must
// arrive within headTimeoutMs / requestTimeoutMs of its first byte (else 408), an idle
// connection — or one whose client does not read its response — is dropped after
// idleTimeoutMs, and while a request runs at most one more request's worth of bytes is
// buffered before the socket is paused. Nothing here throws into the event loop.
import type { Socket } from 'node:net';
import { connectionTokens, parseRequestHead, type RequestHead } from './http-request.js';
import type { HttpLimits } from './http-limits.js';
import { errorReply, type Reply, type ResponseReply, type StreamReply, type StreamSink } from './http-reply.js';
import { chunk, formatHead } from './http-response.js';
import type { RpcLog } from './rpc-log.js';
import { ByteQueue } from './byte-queue.js';

export interface HttpRequest extends RequestHead {
  readonly body: Buffer;
}

/** The routes of one server. */
export interface RequestHandler {
  /** Runs once the head is in, before the body is read (authentication): a Reply ends the connection with it. */
  check(head: RequestHead): ResponseReply | null;
  handle(request: HttpRequest): Promise<Reply>;
}

type Phase = 'head' | 'body' | 'busy' | 'stream' | 'closed';
type TimerKind = 'idle' | 'request';

const TERMINATOR = Buffer.from('\r\n\r\n', 'latin1');
const CONTINUE = Buffer.from('HTTP/1.1 100 Continue\r\n\r\n', 'latin1');

export class HttpConnection {
  readonly #socket: Socket;
  readonly #handler: RequestHandler;
  readonly #limits: HttpLimits;
  readonly #log: RpcLog;
  readonly #now: () => number;
  readonly #buf = new ByteQueue();
  /** Where the search for the end of the head resumes (no rescanning of a trickled head). */
  #scanFrom = 0;
  #phase: Phase = 'head';
  #head: RequestHead | null = null;
  #timer: NodeJS.Timeout | null = null;
  #timerKind: TimerKind | null = null;
  #requestStart = 0;
  #stopStream: (() => void) | null = null;
  #waitingForDrain = false;

  constructor(socket: Socket, handler: RequestHandler, limits: HttpLimits, log: RpcLog, now: () => number = Date.now) {
    this.#socket = socket;
    this.#handler = handler;
    this.#limits = limits;
    this.#log = log;
    this.#now = now;
    socket.on('data', (data: Buffer) => this.#onData(data));
    socket.on('error', (err: NodeJS.ErrnoException) => this.#log.debug(`HTTP connection error: ${err.code ?? err.message}`));
    socket.on('close', () => this.#onClose());
    socket.on('drain', () => {
      if (!this.#waitingForDrain) return;
      this.#waitingForDrain = false;
      this.#socket.resume();
      this.#pump();
    });
    this.#pump();
  }

  /** Drops the connection now (server shutdown). */
  destroy(): void {
    this.#socket.destroy();
  }

  #onClose(): void {
    this.#phase = 'closed';
    this.#clearTimer();
    this.#buf.clear();
    const stop = this.#stopStream;
    this.#stopStream = null;
    stop?.();
  }

  #onData(data: Buffer): void {
    // A stream's response never ends, so nothing after its request is ever read (as Medusa).
    if (this.#phase === 'stream' || this.#phase === 'closed') return;
    this.#buf.push(data);
    if (this.#phase === 'busy' || this.#waitingForDrain) {
      // Pipelined requests wait; past one request's worth, stop reading until it is our turn.
      if (this.#buf.length > this.#limits.maxHeadBytes + this.#limits.maxBodyBytes) this.#socket.pause();
      if (this.#phase === 'busy') return;
    }
    this.#pump();
  }

  #setTimer(kind: TimerKind, ms: number): void {
    this.#clearTimer();
    this.#timerKind = kind;
    this.#timer = setTimeout(() => this.#onTimeout(kind), Math.max(ms, 0));
  }

  #clearTimer(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    this.#timerKind = null;
  }

  #onTimeout(kind: TimerKind): void {
    this.#timer = null;
    this.#timerKind = null;
    if (this.#phase === 'closed') return;
    if (kind === 'request' && (this.#phase === 'head' || this.#phase === 'body')) {
      this.#log.debug('HTTP request not received in time; closing the connection');
      this.#send(this.#head, errorReply(408, [], true));
      return;
    }
    this.#socket.destroy();
  }

  // Reads as many requests as the buffer holds, one at a time.
  #pump(): void {
    if (this.#waitingForDrain) {
      if (this.#timerKind !== 'idle') this.#setTimer('idle', this.#limits.idleTimeoutMs);
      return;
    }
    if (this.#phase === 'head') this.#readHead();
    if (this.#phase === 'body') this.#readBody();
  }

  #readHead(): void {
    // Empty lines before a request line are skipped (supervisorctl's logtail client sends one).
    let skip = 0;
    while (this.#buf.at(skip) === 0x0a || (this.#buf.at(skip) === 0x0d && this.#buf.at(skip + 1) === 0x0a)) skip += this.#buf.at(skip) === 0x0d ? 2 : 1;
    if (skip > 0) {
      this.#buf.consume(skip);
      this.#scanFrom = 0;
    }
    if (this.#buf.length === 0) {
      if (this.#timerKind !== 'idle') this.#setTimer('idle', this.#limits.idleTimeoutMs);
      return;
    }
    if (this.#timerKind !== 'request') {
      this.#requestStart = this.#now();
      this.#setTimer('request', this.#limits.headTimeoutMs);
    }
    const end = this.#buf.view().indexOf(TERMINATOR, this.#scanFrom);
    if (end === -1 || end > this.#limits.maxHeadBytes) {
      if (end !== -1 || this.#buf.length > this.#limits.maxHeadBytes) this.#fail(400, `request head larger than ${this.#limits.maxHeadBytes} bytes`);
      else this.#scanFrom = Math.max(0, this.#buf.length - TERMINATOR.length + 1);
      return;
    }
    const parsed = parseRequestHead(this.#buf.view().subarray(0, end));
    this.#buf.consume(end + TERMINATOR.length);
    this.#scanFrom = 0;
    if (!parsed.ok) {
      this.#fail(parsed.status, parsed.error);
      return;
    }
    const head = parsed.head;
    this.#head = head;
    // Authentication first, as Medusa's auth_handler wraps every handler.
    const early = this.#handler.check(head);
    if (early !== null) {
      this.#send(head, early);
      return;
    }
    // supervisor needs Content-Length on POST (411) and never reads chunked request bodies.
    if (head.hasTransferEncoding) {
      this.#fail(head.contentLength === null ? 411 : 400, 'Transfer-Encoding in a request');
      return;
    }
    if (head.method === 'POST' && head.contentLength === null) {
      this.#fail(411, 'POST without Content-Length');
      return;
    }
    const length = head.contentLength ?? 0;
    if (length > this.#limits.maxBodyBytes) {
      this.#fail(413, `request body of ${length} bytes`);
      return;
    }
    if (length > this.#buf.length && head.version === '1.1' && (head.headers.get('expect') ?? '').toLowerCase() === '100-continue') {
      this.#socket.write(CONTINUE);
    }
    this.#phase = 'body';
    this.#setTimer('request', this.#limits.requestTimeoutMs - (this.#now() - this.#requestStart));
  }

  #readBody(): void {
    const head = this.#head!;
    const length = head.contentLength ?? 0;
    if (this.#buf.length < length) return;
    const body = Buffer.from(this.#buf.view().subarray(0, length));
    this.#buf.consume(length);
    this.#clearTimer();
    this.#phase = 'busy';
    void this.#run({ ...head, body });
  }

  #fail(status: number, why: string): void {
    this.#log.debug(`bad HTTP request (${status}): ${why}`);
    this.#send(this.#head, errorReply(status, [], true));
  }

  async #run(request: HttpRequest): Promise<void> {
    let reply: Reply;
    try {
      reply = await this.#handler.handle(request);
    } catch (err) {
      this.#log.error(`Server Error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      reply = errorReply(500);
    }
    if (this.#phase === 'closed') return;
    if (reply.kind === 'stream') this.#startStream(request, reply.headers, reply.source);
    else this.#send(request, reply);
  }

  #keepsAlive(head: RequestHead | null): boolean {
    if (head === null || head.version === null) return false;
    const tokens = connectionTokens(head);
    return head.version === '1.0' ? tokens.has('keep-alive') : !tokens.has('close');
  }

  #send(head: RequestHead | null, reply: ResponseReply): void {
    if (this.#phase === 'closed') return;
    const keepAlive = reply.close !== true && this.#keepsAlive(head);
    const headers = [...reply.headers];
    if (!headers.some(([name]) => name.toLowerCase() === 'connection')) {
      if (!keepAlive) headers.push(['Connection', 'close']);
      else if (head?.version === '1.0') headers.push(['Connection', 'Keep-Alive']);
    }
    const version = head?.version ?? (head === null ? '1.1' : '1.0');
    // Corked, the head and the body's chunks leave in one writev: a large body is not copied.
    this.#socket.cork();
    let flushed = this.#socket.write(formatHead(version, reply.status, headers, this.#now()), 'latin1');
    for (const part of reply.body) flushed = this.#socket.write(part);
    this.#socket.uncork();
    this.#head = null;
    if (!keepAlive) {
      this.#closeAfterWrite();
      return;
    }
    this.#phase = 'head';
    this.#socket.resume();
    this.#waitingForDrain = !flushed;
    this.#pump();
  }

  #closeAfterWrite(): void {
    this.#phase = 'closed';
    this.#clearTimer();
    this.#buf.clear();
    this.#socket.end();
    // A client that does not read (or never closes its side) is dropped after a grace period.
    setTimeout(() => this.#socket.destroy(), this.#limits.closeGraceMs).unref();
  }

  // Medusa chunks a response without Content-Length on HTTP/1.1 (unless the request says
  // `Connection: close`); otherwise the data goes raw and the connection closes at its end.
  #startStream(head: RequestHead, headers: StreamReply['headers'], source: StreamReply['source']): void {
    const chunked = head.version === '1.1' && !connectionTokens(head).has('close');
    const all = chunked ? [...headers, ['Transfer-Encoding', 'chunked'] as const] : headers;
    this.#phase = 'stream';
    this.#buf.clear();
    this.#clearTimer();
    this.#socket.resume();
    this.#socket.setKeepAlive(true, 60_000);
    this.#socket.write(formatHead(head.version ?? '1.0', 200, all, this.#now()), 'latin1');
    const socket = this.#socket;
    const sink: StreamSink = {
      write: (data) => {
        if (this.#phase !== 'stream' || data.length === 0) return Promise.resolve();
        if (socket.write(chunked ? chunk(data) : data)) return Promise.resolve();
        return new Promise((resolve) => {
          const done = (): void => {
            socket.off('drain', done);
            socket.off('close', done);
            resolve();
          };
          socket.on('drain', done);
          socket.on('close', done);
        });
      },
      end: () => {
        if (this.#phase !== 'stream') return;
        if (chunked) socket.write('0\r\n\r\n', 'latin1');
        this.#closeAfterWrite();
      },
      get isClosed() {
        return socket.destroyed || !socket.writable;
      },
    };
    try {
      this.#stopStream = source(sink).stop;
    } catch (err) {
      this.#log.error(`Server Error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      this.#socket.destroy();
    }
  }
}
