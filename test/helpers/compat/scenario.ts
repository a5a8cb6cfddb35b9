// What a compatibility scenario is: files for one temp dir, what must be true before the first
// command, then a list of steps (CLI commands, file actions, waits, checks). The same scenario
// runs against the reference daemon and the daemon under test; only the temp dir differs.
//
// Placeholders expanded in file texts and command words: {dir} (the scenario's temp dir),
// {node} (process.execPath), {fx} (test/fixtures/programs).

/** Waits until every listed namespec is in (one of) the given state(s). */
export type StateMap = Readonly<Record<string, string | readonly string[]>>;

export interface WaitCondition {
  readonly states?: StateMap;
  /** Every listed namespec has a pid different from the one saved by the last `snapshot` step. */
  readonly pidsChanged?: readonly string[];
  /** A file (relative to the temp dir) contains this text. */
  readonly fileContains?: { readonly path: string; readonly text: string };
  /** A file (relative to the temp dir) has at least this many lines. */
  readonly fileLines?: { readonly path: string; readonly min: number };
  /** The daemon process has exited. */
  readonly daemonExited?: true;
  /** The stdout of a running `background` command contains this text. */
  readonly backgroundStdout?: { readonly id: string; readonly text: string };
  /** Holds as soon as any one of these holds (for behaviour tend deliberately changes). */
  readonly anyOf?: readonly WaitCondition[];
  /** Deadline for the whole condition (default 20 s). */
  readonly timeoutMs?: number;
}

/** One CLI invocation: words after `-c <conf>` (global options such as -s/-u/-p may come first). */
export interface CommandStep {
  readonly ctl: readonly string[];
  /**
   * For streaming commands (tail -f, maintail -f): once stdout contains this text (after the
   * `==> Press Ctrl-C to exit <==` banner), interrupt the CLI by pid with SIGINT, as Ctrl-C would.
   */
  readonly interruptAfter?: string;
  /** Start it and go on; its result is recorded by the matching `join` step. */
  readonly background?: string;
  /** Overrides the 30 s deadline of the command. */
  readonly timeoutMs?: number;
  /**
   * The command stops several processes at once, so supervisord prints their `x: stopped` lines in
   * the order they happen to be reaped (§7.5: result order = order of completion, a race): runs of
   * consecutive `…: stopped` lines are sorted on both sides before comparing.
   */
  readonly completionOrder?: true;
}

export type Step =
  | CommandStep
  | { readonly join: string }
  | { readonly write: string; readonly text: string; readonly mode?: number }
  | { readonly remove: string }
  | { readonly wait: WaitCondition }
  /**
   * SIGKILLs, by pid, the program whose pid a fixture wrote to this file (relative to the temp
   * dir): ends a TERM-ignoring program without waiting for stopwaitsecs.
   */
  | { readonly killPidFile: string }
  /** Saves every process's pid, for later `pidsChanged` waits and `checkPids` checks. */
  | { readonly snapshot: true }
  /** A transcript line comparing pids with the last snapshot (recorded, so both sides must agree). */
  | { readonly checkPids: { readonly unchanged?: readonly string[]; readonly changed?: readonly string[] } };

/**
 * A deliberate, documented difference of tend from supervisord at one command. The subject's
 * cleaned result must equal `tend` in the fields given (the rest must still match the
 * reference), and the reference must really differ there: a stale entry fails the scenario.
 */
export interface ExpectedDifference {
  /** The command's words as written in the scenario (`ctl.join(' ')`). */
  readonly command: string;
  /** Which occurrence of that command, 1-based (default 1). */
  readonly nth?: number;
  /** Why, e.g. `tend fixes weak point 20 (spec §9): …`. */
  readonly reason: string;
  /**
   * Which subjects it concerns: by default any CLI talking to tendd (a daemon difference).
   * `{ cli: 'tendctl', daemon: 'any' }` is a tendctl difference, whatever the daemon.
   */
  readonly when?: { readonly daemon?: 'tendd' | 'any'; readonly cli?: 'supervisorctl' | 'tendctl' | 'any' };
  readonly tend: { readonly stdout?: string; readonly stderr?: string; readonly exit?: string };
}

export interface Scenario {
  /** Unique, kebab-case; the test title is `<name>: <title>`. */
  readonly name: string;
  readonly title: string;
  /** Files under the temp dir (conf.d/*.conf usually); supervisord.conf is generated. */
  readonly files?: Readonly<Record<string, string | { readonly text: string; readonly mode: number }>>;
  /** Extra lines for [supervisord], [unix_http_server] and [supervisorctl]. */
  readonly supervisord?: string;
  readonly unixHttpServer?: string;
  readonly supervisorctl?: string;
  /** `user:password` the harness's own waits use when the server requires auth. */
  readonly probeAuth?: string;
  /** Do not wait for the daemon to answer (e.g. a scenario that only talks to missing sockets). */
  readonly noProbe?: true;
  /** States to reach before the first step. */
  readonly ready?: StateMap;
  readonly steps: readonly Step[];
  readonly differences?: readonly ExpectedDifference[];
}

export function isCommand(step: Step): step is CommandStep {
  return 'ctl' in step;
}

// ---- config text helpers used by the scenario files ----

/**
 * startsecs for programs meant to fail at start (compat-exit.mjs): a Node fixture needs well
 * under a second to start and exit, but several seconds on a loaded machine, and one that has
 * outlived startsecs counts as started. The value costs nothing: they exit at once anyway.
 */
export const FAILS_WITHIN = 10;

/** `command={node} {fx}/<fixture> <args>` */
export function fixture(file: string, ...args: (string | number)[]): string {
  return ['{node}', `{fx}/${file}`, ...args.map(String)].join(' ');
}

/** A `[program:<name>]` section from a command and key=value pairs. */
export function program(name: string, command: string, keys: Readonly<Record<string, string | number | boolean>> = {}): string {
  const lines = [`[program:${name}]`, `command=${command}`];
  for (const [k, v] of Object.entries(keys)) lines.push(`${k}=${String(v)}`);
  return `${lines.join('\n')}\n`;
}

/** A program that idles until SIGTERM; `talk` writes `out line 1..N` / `err line 1..M` first. */
export function idle(name: string, keys: Readonly<Record<string, string | number | boolean>> = {}, out = 0, err = 0): string {
  return program(name, fixture('compat-talk.mjs', out, err), { startsecs: 0, ...keys });
}
