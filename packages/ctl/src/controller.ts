// Runs command lines the way supervisorctl's Controller.onecmd does: cmd.Cmd's line parsing,
// verb dispatch, the 401 handling, and one `error: …` line for anything a command lets escape.
// Keeps the session's exit status ("the last failure wins"), and gives each command line its own
// RPC connection, opened at the first call.
import type { ToolPaths } from './tool-paths.js';
import type { ProcessInfo } from '@tend/protocol';
import { SupervisorApi } from './api.js';
import type { RpcClient, ServerSettings, TransportChoice, TransportMemo } from './client.js';
import type { Command, CommandContext, LogtailStream, Output } from './command.js';
import { COMMANDS, JSON_VERBS } from './command-table.js';
import { HttpStatusError, RpcFault } from './errors.js';
import { ExitCode, foldExit } from './exit-codes.js';
import { describePythonException, renderErrorLine } from './render/error-line.js';
import { renderJson } from './render/json.js';

/** The terminal side: main.ts wires process streams and readline; tests wire buffers. */
export interface Terminal {
  readonly stdout: Output;
  readonly stderr: Output;
  ask(prompt: string): Promise<string | null>;
  askHidden(prompt: string): Promise<string | null>;
  /** Start listening for Ctrl-C; dispose() stops listening. */
  watchInterrupt(): { readonly promise: Promise<void>; dispose(): void };
}

export interface ControllerOptions {
  readonly server: ServerSettings;
  /** The config file tendctl read (absolute), or null when none was found. */
  readonly configFile: string | null;
  readonly interactive: boolean;
  readonly json: boolean;
  readonly isTty: boolean;
  readonly color: boolean;
  readonly transport: TransportChoice;
}

/** The OS edges a controller needs beyond the terminal. */
export interface ControllerSeams {
  connect(server: ServerSettings, transport: TransportChoice, memo: TransportMemo): RpcClient;
  openLogtail(server: ServerSettings, path: string, onData: (chunk: Buffer) => void): LogtailStream;
  now(): number;
  tools(): ToolPaths;
}

const IDENT_CHARS = /[A-Za-z0-9_]/;

/** cmd.Cmd.parseline: `?x` is `help x`; the verb is the leading run of [A-Za-z0-9_]. */
export function parseLine(raw: string): { verb: string | null; arg: string; line: string } {
  let line = raw.trim();
  if (line === '') return { verb: null, arg: '', line };
  if (line.startsWith('?')) line = `help ${line.slice(1)}`;
  else if (line.startsWith('!')) return { verb: null, arg: '', line };
  let i = 0;
  while (i < line.length && IDENT_CHARS.test(line[i]!)) i++;
  return { verb: line.slice(0, i), arg: line.slice(i).trim(), line };
}

// In --json mode a read verb's plain lines are failures (its data goes through write()); they
// are gathered into one {"error": …} document.
class JsonLines implements Output {
  readonly messages: string[] = [];
  readonly #out: Output;
  constructor(out: Output) {
    this.#out = out;
  }
  line(text: string): void {
    this.messages.push(text);
  }
  write(data: string | Uint8Array): void {
    this.#out.write(data);
  }
}

export class Controller {
  readonly #term: Terminal;
  readonly #seams: ControllerSeams;
  readonly #options: ControllerOptions;
  readonly #memo: TransportMemo = new Map();
  #server: ServerSettings;
  #status: number = ExitCode.SUCCESS;

  constructor(options: ControllerOptions, term: Terminal, seams: ControllerSeams) {
    this.#options = options;
    this.#term = term;
    this.#seams = seams;
    this.#server = options.server;
  }

  /** The session's exit status so far. */
  get status(): number {
    return this.#status;
  }

  get server(): ServerSettings {
    return this.#server;
  }

  /** getAllProcessInfo on a connection of its own (shell completion). */
  async processInfos(): Promise<ProcessInfo[]> {
    const client = this.#seams.connect(this.#server, this.#options.transport, this.#memo);
    try {
      return await new SupervisorApi(client).getAllProcessInfo();
    } finally {
      client.close();
    }
  }

  /** One line; resolves with whether it ends the shell (quit, exit, EOF). */
  async onecmd(raw: string): Promise<{ endsShell: boolean }> {
    const { verb, arg, line } = parseLine(raw);
    if (line === '') return { endsShell: false };
    const command = verb ? COMMANDS.get(verb) : undefined;
    if (command === undefined) {
      this.#term.stdout.line(`*** Unknown syntax: ${line}`);
      this.#status = ExitCode.GENERIC;
      return { endsShell: false };
    }
    const jsonOut = this.#options.json && JSON_VERBS.has(command.name) ? new JsonLines(this.#term.stdout) : null;
    const out = jsonOut ?? this.#term.stdout;
    try {
      try {
        this.#status = foldExit(this.#status, await this.#run(command, arg, out));
        return { endsShell: command.endsShell === true };
      } catch (err) {
        if (!(err instanceof HttpStatusError && err.status === 401)) throw err;
        this.#term.stdout.line('Server requires authentication');
        if (this.#options.interactive) {
          const username = (await this.#term.ask('Username:')) ?? '';
          const password = (await this.#term.askHidden('Password:')) ?? '';
          this.#term.stdout.line('');
          this.#server = { ...this.#server, username, password };
          return await this.onecmd(raw);
        }
        this.#status = ExitCode.GENERIC;
      }
      // supervisorctl runs the command once more after a non-interactive 401 (spec §6.1);
      // it fails the same way and prints the error line below.
      this.#status = foldExit(this.#status, await this.#run(command, arg, out));
    } catch (err) {
      this.#status = ExitCode.GENERIC;
      if (jsonOut) this.#term.stdout.write(renderJson({ error: jsonError(err) }));
      else this.#term.stdout.line(renderErrorLine(err));
    } finally {
      if (jsonOut && jsonOut.messages.length > 0) this.#term.stdout.write(renderJson({ error: { message: jsonOut.messages.join('\n') } }));
    }
    return { endsShell: false };
  }

  async #run(command: Command, arg: string, out: Output): Promise<number> {
    let client: RpcClient | null = null;
    let api: SupervisorApi | null = null;
    let clientUrl = '';
    let interrupt: { readonly promise: Promise<void>; dispose(): void } | null = null;
    const term = this.#term;
    const ctx: CommandContext = {
      out,
      err: this.#term.stderr,
      supervisor: () => {
        if (api === null || clientUrl !== this.#server.serverurl) {
          client?.close();
          client = this.#seams.connect(this.#server, this.#options.transport, this.#memo);
          clientUrl = this.#server.serverurl;
          api = new SupervisorApi(client);
        }
        return api;
      },
      server: () => this.#server,
      setServerUrl: (url) => {
        this.#server = { ...this.#server, serverurl: url };
      },
      interactive: this.#options.interactive,
      configFile: this.#options.configFile,
      json: this.#options.json,
      isTty: this.#options.isTty,
      color: this.#options.color,
      previousStatus: this.#status,
      ask: (prompt) => this.#term.ask(prompt),
      openLogtail: (path, onData) => this.#seams.openLogtail(this.#server, path, onData),
      get interrupted() {
        return (interrupt ??= term.watchInterrupt()).promise;
      },
      now: () => this.#seams.now(),
      tools: () => this.#seams.tools(),
      commands: COMMANDS,
    };
    try {
      return await command.run(ctx, arg);
    } finally {
      (client as RpcClient | null)?.close();
      (interrupt as { dispose(): void } | null)?.dispose();
    }
  }
}

function jsonError(err: unknown): Record<string, unknown> {
  const { type, text } = describePythonException(err);
  const base = { message: renderErrorLine(err), type, text };
  return err instanceof RpcFault ? { ...base, faultCode: err.faultCode, faultString: err.faultString } : base;
}
