// What a command is and what it gets. A command takes the argument text of its line (as
// supervisorctl's do_<verb>(arg) does) and a context, writes its lines, and returns its exit
// status. It never exits the process and never touches process.* directly.
import type { SupervisorApi } from './api.js';
import type { ServerSettings } from './client.js';
import type { ToolPaths } from './tool-paths.js';

export interface Output {
  /** supervisorctl's ctl.output(message): the text and a newline. */
  line(text: string): void;
  /** Raw bytes or text, no newline added (tail -f, fg streams). */
  write(data: string | Uint8Array): void;
}

/** How a /logtail or /mainlogtail stream ended. */
export type LogtailEnd =
  | { readonly kind: 'closed' }
  | { readonly kind: 'status'; readonly status: number }
  | { readonly kind: 'error'; readonly error: unknown };

export interface LogtailStream {
  readonly done: Promise<LogtailEnd>;
  close(): void;
}

export interface CommandContext {
  readonly out: Output;
  readonly err: Output;
  /** get_supervisor(): the API on this command's connection. Throws CtlValueError for a bad serverurl. */
  supervisor(): SupervisorApi;
  /** The server settings now in force (`open` changes the URL). */
  server(): ServerSettings;
  /** `open`: point this session at another server. */
  setServerUrl(url: string): void;
  /** Like supervisorctl's options.interactive: true in the shell and with -i. */
  readonly interactive: boolean;
  /** The config file tendctl read (absolute), or null. */
  readonly configFile: string | null;
  /** Where tendd and tendctl are installed (for `generate systemd`). */
  tools(): ToolPaths;
  /** --json: read verbs print one JSON document instead of supervisorctl's lines. */
  readonly json: boolean;
  /** stdout is a terminal: `status` draws a table instead of supervisorctl's lines. */
  readonly isTty: boolean;
  /** Colour the table (NO_COLOR / FORCE_COLOR decided by main.ts). */
  readonly color: boolean;
  /** Exit status of the session so far (`open` keeps it). */
  readonly previousStatus: number;
  /** raw_input(prompt): a line without its newline, or null on EOF or Ctrl-C. */
  ask(prompt: string): Promise<string | null>;
  /** GET `path` (/logtail/… or /mainlogtail) and pass each body chunk to onData. */
  openLogtail(path: string, onData: (chunk: Buffer) => void): LogtailStream;
  /** Resolves when the user presses Ctrl-C during this command. */
  readonly interrupted: Promise<void>;
  /** Wall clock in epoch seconds (uptime columns). */
  now(): number;
  /** Every verb, for `help`. */
  readonly commands: ReadonlyMap<string, Command>;
}

export interface Command {
  readonly name: string;
  /** What `help <name>` prints (one output() call; may hold newlines). Absent: `*** No help on`. */
  readonly help?: string;
  /** A verb supervisorctl does not have: left out of `help`'s listing so it stays supervisorctl's. */
  readonly tendOnly?: boolean;
  /** quit, exit and EOF end the interactive shell. */
  readonly endsShell?: boolean;
  run(ctx: CommandContext, arg: string): Promise<number>;
}
