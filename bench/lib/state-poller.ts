// Knocking on a daemon's control socket from the moment it is exec'd: a fresh connection and one
// `supervisor.getState` XML-RPC call every `everyMs`, without waiting for earlier calls to answer
// (a daemon busy spawning may accept connections and not read them). Stops at the first answer,
// or at the deadline. Every call has its own timeout, so the number in flight stays bounded.
import { request } from 'node:http';
import { encodeMethodCall } from './xmlrpc.js';

export interface PollResult {
  /** Date.now() when the first complete 200 answer arrived, or null. */
  readonly firstAnswerAtMs: number | null;
  /** When that answered call had been sent. */
  readonly answeredCallSentAtMs: number | null;
  readonly callsSent: number;
  /** Calls that failed at once (no socket file yet, connection refused). */
  readonly refused: number;
}

export class StatePoller {
  readonly #socketPath: string;
  readonly #everyMs: number;
  readonly #timer: NodeJS.Timeout;
  readonly #deadline: NodeJS.Timeout;
  readonly #pending = new Set<ReturnType<typeof request>>();
  #first: number | null = null;
  #firstSent: number | null = null;
  #sent = 0;
  #refused = 0;
  #done = false;
  readonly #finished: Promise<void>;
  #finish: () => void = () => {};

  constructor(socketPath: string, everyMs: number, deadlineMs: number) {
    this.#socketPath = socketPath;
    this.#everyMs = everyMs;
    this.#finished = new Promise((resolve) => { this.#finish = resolve; });
    this.#fire();
    this.#timer = setInterval(() => this.#fire(), this.#everyMs);
    this.#deadline = setTimeout(() => this.stop(), deadlineMs);
  }

  #fire(): void {
    if (this.#done) return;
    const sentAt = Date.now();
    this.#sent++;
    const body = Buffer.from(encodeMethodCall('supervisor.getState', []), 'utf8');
    const req = request({
      socketPath: this.#socketPath, agent: false, method: 'POST', path: '/RPC2', timeout: 60_000,
      headers: { 'Content-Type': 'text/xml', 'Content-Length': String(body.length) },
    });
    this.#pending.add(req);
    req.on('timeout', () => req.destroy());
    req.on('error', (err: NodeJS.ErrnoException) => {
      this.#pending.delete(req);
      if (err.code === 'ENOENT' || err.code === 'ECONNREFUSED') this.#refused++;
    });
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => {
        this.#pending.delete(req);
        if (res.statusCode === 200 && this.#first === null) {
          this.#first = Date.now();
          this.#firstSent = sentAt;
          this.stop();
        }
      });
    });
    req.end(body);
  }

  /** Stop polling and drop the calls still in flight. */
  stop(): void {
    if (this.#done) return;
    this.#done = true;
    clearInterval(this.#timer);
    clearTimeout(this.#deadline);
    for (const r of this.#pending) r.destroy();
    this.#pending.clear();
    this.#finish();
  }

  async result(): Promise<PollResult> {
    await this.#finished;
    return { firstAnswerAtMs: this.#first, answeredCallSentAtMs: this.#firstSent, callsSent: this.#sent, refused: this.#refused };
  }
}
