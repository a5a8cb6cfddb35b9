// The process's terminal behind the Terminal seam: stdout/stderr writers, prompts read from
// stdin through node:readline (created only when something reads), a hidden password prompt,
// and Ctrl-C routed to whoever waits for it (a prompt, tail -f, fg) or else to `onInterrupt`.
import { createInterface } from 'node:readline';
import type { AsyncCompleter, Completer, Interface } from 'node:readline';
import type { Output } from './command.js';
import type { Terminal } from './controller.js';

export function streamOutput(stream: NodeJS.WritableStream): Output {
  return {
    line: (text) => {
      stream.write(`${text}\n`);
    },
    write: (data) => {
      stream.write(data);
    },
  };
}

export interface TerminalOptions {
  readonly stdin: NodeJS.ReadStream;
  readonly stdout: NodeJS.WriteStream;
  readonly stderr: NodeJS.WriteStream;
  /** Shell history, newest first (node:readline's order). */
  readonly history?: readonly string[];
  readonly completer?: Completer | AsyncCompleter;
  /** Ctrl-C that nobody waits for. */
  readonly onInterrupt: () => void;
}

export class ProcessTerminal implements Terminal {
  readonly stdout: Output;
  readonly stderr: Output;
  readonly #opts: TerminalOptions;
  #rl: Interface | null = null;
  #lines: AsyncIterator<string> | null = null;
  #closed = false;
  // A read that a Ctrl-C interrupted is still pending; the next prompt takes its line.
  #pending: Promise<IteratorResult<string>> | null = null;
  readonly #waiters = new Set<() => void>();

  constructor(opts: TerminalOptions) {
    this.#opts = opts;
    this.stdout = streamOutput(opts.stdout);
    this.stderr = streamOutput(opts.stderr);
    process.on('SIGINT', this.#interrupt);
  }

  readonly #interrupt = (): void => {
    if (this.#waiters.size === 0) {
      this.#opts.onInterrupt();
      return;
    }
    for (const w of [...this.#waiters]) w();
  };

  #readline(): { rl: Interface; lines: AsyncIterator<string> } {
    if (this.#rl === null || this.#lines === null) {
      const rl = createInterface({
        input: this.#opts.stdin,
        output: this.#opts.stdout,
        terminal: this.#opts.stdin.isTTY === true && this.#opts.stdout.isTTY === true,
        history: [...(this.#opts.history ?? [])],
        historySize: 1000,
        ...(this.#opts.completer ? { completer: this.#opts.completer } : {}),
      });
      rl.on('SIGINT', this.#interrupt);
      this.#rl = rl;
      this.#lines = rl[Symbol.asyncIterator]();
    }
    return { rl: this.#rl, lines: this.#lines };
  }

  /** The shell's history so far, newest first. */
  get history(): readonly string[] {
    return (this.#rl as (Interface & { history?: string[] }) | null)?.history ?? [...(this.#opts.history ?? [])];
  }

  /** Ctrl-C resolves the promise; dispose() stops waiting. */
  watchInterrupt(): { readonly promise: Promise<void>; dispose(): void } {
    let waiter!: () => void;
    const promise = new Promise<void>((resolve) => {
      waiter = () => {
        this.#waiters.delete(waiter);
        resolve();
      };
    });
    this.#waiters.add(waiter);
    return { promise, dispose: () => this.#waiters.delete(waiter) };
  }

  async ask(prompt: string): Promise<string | null> {
    if (this.#closed) return null;
    const { rl, lines } = this.#readline();
    rl.setPrompt(prompt);
    rl.prompt();
    const interrupt = this.watchInterrupt();
    try {
      this.#pending ??= lines.next();
      const next = await Promise.race([this.#pending, interrupt.promise.then(() => null)]);
      if (next === null) return null;
      this.#pending = null;
      if (next.done === true) {
        this.#closed = true;
        return null;
      }
      return next.value;
    } finally {
      interrupt.dispose();
    }
  }

  // getpass: the prompt, then a line read without echo. node:readline echoes through its
  // _writeToOutput, so that is muted while the line is typed.
  async askHidden(prompt: string): Promise<string | null> {
    const { rl } = this.#readline();
    const writable = rl as unknown as { _writeToOutput: (s: string) => void };
    const original = writable._writeToOutput.bind(rl);
    this.#opts.stdout.write(prompt);
    writable._writeToOutput = (s: string) => {
      if (s.includes('\n')) original('\n');
    };
    try {
      return await this.ask('');
    } finally {
      writable._writeToOutput = original;
    }
  }

  close(): void {
    process.off('SIGINT', this.#interrupt);
    this.#rl?.close();
    this.#rl = null;
    this.#lines = null;
  }
}
