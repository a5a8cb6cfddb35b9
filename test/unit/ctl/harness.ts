// A fake server and terminal for running tendctl command lines through the real Controller:
// every RPC is recorded as [method, ...params]; replies come from per-method handlers (a value,
// a function of the params, or a thrown RpcFault / ConnectionFailure / HttpStatusError).
// system.multicall is answered call by call from the same handlers, as supervisord does.
import type { ProcessInfo } from '../../../packages/protocol/src/index.js';
import type { LogtailEnd, LogtailStream, Output } from '../../../packages/ctl/src/command.js';
import { Controller } from '../../../packages/ctl/src/controller.js';
import type { ControllerOptions, Terminal } from '../../../packages/ctl/src/controller.js';
import { ConnectionFailure, HttpStatusError, RpcFault } from '../../../packages/ctl/src/errors.js';
import type { RpcClient } from '../../../packages/ctl/src/transport/rpc-client.js';
import { resolveServerUrl } from '../../../packages/ctl/src/transport/server-url.js';

export type Handler = unknown | ((params: readonly unknown[]) => unknown);

export function fault(code: number, text: string): () => never {
  return () => {
    throw new RpcFault(code, text);
  };
}

export function refused(): () => never {
  return () => {
    throw new ConnectionFailure('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:9');
  };
}

export function noSuchFile(): () => never {
  return () => {
    throw new ConnectionFailure('ENOENT', 'connect ENOENT /nonexistent.sock');
  };
}

export function httpStatus(status: number, reason: string): () => never {
  return () => {
    throw new HttpStatusError(status, reason);
  };
}

export class FakeServer {
  readonly calls: unknown[][] = [];
  /** The calls of each system.multicall, which also appear one by one in `calls`. */
  readonly multicalls: unknown[][][] = [];
  /** serverurl of each connection opened, in order. */
  readonly connections: string[] = [];
  readonly #handlers = new Map<string, Handler[]>();
  readonly logtails: { path: string; stream: FakeLogtail }[] = [];
  /** What openLogtail answers: chunks to feed, then how it ends (undefined: stays open). */
  logtailScript: { chunks: string[]; end?: LogtailEnd } = { chunks: [] };

  constructor() {
    this.on('supervisor.getVersion', '3.0');
  }

  /** Reply to `method` with `handler`; several handlers are used in turn, the last one sticks. */
  on(method: string, ...handlers: Handler[]): this {
    this.#handlers.set(method, handlers);
    return this;
  }

  methods(): string[] {
    return this.calls.map((c) => String(c[0]).replace(/^supervisor\./, ''));
  }

  // Like connectRpcClient: a serverurl that is neither unix:// nor http:// throws here.
  connect = (server: { serverurl: string }): RpcClient => {
    resolveServerUrl(server.serverurl);
    this.connections.push(server.serverurl);
    return {
      call: async (method: string, params: readonly unknown[] = []) => {
        await Promise.resolve();
        if (method === 'system.multicall' && !this.#handlers.has(method)) return this.#multicall(params[0]);
        this.calls.push([method, ...params]);
        return this.#reply(method, params);
      },
      close: () => undefined,
    };
  };

  #reply(method: string, params: readonly unknown[]): unknown {
    const queue = this.#handlers.get(method);
    if (!queue || queue.length === 0) throw new RpcFault(1, 'UNKNOWN_METHOD');
    const handler = queue.length > 1 ? queue.shift() : queue[0];
    return typeof handler === 'function' ? (handler as (p: readonly unknown[]) => unknown)(params) : handler;
  }

  // As supervisord's: each call recorded and answered in turn; a fault comes back as a struct.
  #multicall(calls: unknown): unknown[] {
    const entries = calls as readonly { methodName: string; params: readonly unknown[] }[];
    this.multicalls.push(entries.map((c) => [c.methodName, ...c.params]));
    return entries.map(({ methodName, params }) => {
      this.calls.push([methodName, ...params]);
      try {
        return this.#reply(methodName, params);
      } catch (err) {
        if (err instanceof RpcFault) return { faultCode: err.faultCode, faultString: err.faultString };
        throw err;
      }
    });
  }

  openLogtail = (_server: unknown, path: string, onData: (chunk: Buffer) => void): LogtailStream => {
    const stream = new FakeLogtail(this.logtailScript, onData);
    this.logtails.push({ path, stream });
    return stream;
  };
}

class FakeLogtail implements LogtailStream {
  readonly done: Promise<LogtailEnd>;
  closed = false;
  #settle!: (end: LogtailEnd) => void;
  constructor(script: { chunks: string[]; end?: LogtailEnd }, onData: (chunk: Buffer) => void) {
    this.done = new Promise((resolve) => {
      this.#settle = resolve;
    });
    setImmediate(() => {
      for (const c of script.chunks) onData(Buffer.from(c));
      if (script.end) this.#settle(script.end);
    });
  }
  close(): void {
    this.closed = true;
    this.#settle({ kind: 'closed' });
  }
}

export class FakeTerminal implements Terminal {
  out = '';
  errText = '';
  readonly prompts: string[] = [];
  /** Answers for ask()/askHidden(), in order; null = EOF. 'INTERRUPT' = Ctrl-C. */
  readonly answers: (string | null)[] = [];
  /** Fire Ctrl-C this many ms after a command starts waiting for it (tail -f, fg). */
  interruptAfterMs: number | null = null;
  readonly stdout: Output = {
    line: (t) => {
      this.out += `${t}\n`;
    },
    write: (d) => {
      this.out += typeof d === 'string' ? d : Buffer.from(d).toString('utf8');
    },
  };
  readonly stderr: Output = {
    line: (t) => {
      this.errText += `${t}\n`;
    },
    write: (d) => {
      this.errText += typeof d === 'string' ? d : Buffer.from(d).toString('utf8');
    },
  };
  ask(prompt: string): Promise<string | null> {
    this.prompts.push(prompt);
    return Promise.resolve(this.answers.length > 0 ? this.answers.shift()! : null);
  }
  askHidden(prompt: string): Promise<string | null> {
    return this.ask(prompt);
  }
  watchInterrupt(): { promise: Promise<void>; dispose(): void } {
    let timer: NodeJS.Timeout | undefined;
    const promise = new Promise<void>((resolve) => {
      if (this.interruptAfterMs !== null) timer = setTimeout(resolve, this.interruptAfterMs);
    });
    return { promise, dispose: () => clearTimeout(timer) };
  }
}

export interface RunResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly status: number;
  readonly calls: unknown[][];
  readonly methods: string[];
  readonly controller: Controller;
  readonly term: FakeTerminal;
}

export const SERVER_URL = 'unix:///tmp/fake.sock';

export async function runCtl(
  server: FakeServer,
  lines: string | readonly string[],
  options: Partial<ControllerOptions> & { term?: FakeTerminal } = {},
): Promise<RunResult> {
  const term = options.term ?? new FakeTerminal();
  const controller = new Controller(
    {
      server: options.server ?? { serverurl: SERVER_URL, username: null, password: null },
      configFile: options.configFile ?? '/etc/supervisor/supervisord.conf',
      interactive: options.interactive ?? false,
      json: options.json ?? false,
      isTty: options.isTty ?? false,
      color: options.color ?? false,
      transport: options.transport ?? 'auto',
    },
    term,
    {
      connect: server.connect, openLogtail: server.openLogtail, now: () => 1_700_000_100,
      tools: () => ({ tendd: '/usr/local/bin/tendd', tendctl: '/usr/local/bin/tendctl' }),
    },
  );
  for (const line of typeof lines === 'string' ? [lines] : lines) await controller.onecmd(line);
  return { stdout: term.out, stderr: term.errText, status: controller.status, calls: server.calls, methods: server.methods(), controller, term };
}

export function info(group: string, name: string, statename: string, extra: Partial<ProcessInfo> = {}): ProcessInfo {
  const codes: Record<string, number> = { STOPPED: 0, STARTING: 10, RUNNING: 20, BACKOFF: 30, STOPPING: 40, EXITED: 100, FATAL: 200, UNKNOWN: 1000 };
  const running = statename === 'RUNNING';
  return {
    name, group, start: running ? 1_700_000_000 : 0, stop: 0, now: 1_700_000_100, state: codes[statename] ?? 0, statename,
    spawnerr: '', exitstatus: 0, logfile: '', stdout_logfile: '', stderr_logfile: '', pid: running ? 4242 : 0,
    description: running ? 'pid 4242, uptime 0:01:40' : statename === 'STOPPED' ? 'Not started' : '',
    ...extra,
  };
}

export function result(group: string, name: string, status: number, description = 'OK'): Record<string, unknown> {
  return { name, group, status, description };
}

/** Lines of output, the last newline dropped. */
export function lines(text: string): string[] {
  return text.replace(/\n$/, '').split('\n');
}
