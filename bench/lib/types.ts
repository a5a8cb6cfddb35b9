// What a scenario is given and what it hands back.
import type { DaemonBinaries, DaemonKind } from './daemon.js';
import type { Probe } from './probe.js';

export interface ScenarioContext {
  readonly binaries: DaemonBinaries;
  /** The daemons to measure, in order: supervisord (when installed), then tend. */
  readonly daemons: readonly DaemonKind[];
  readonly probe: Probe;
  /** Tiny sizes and short windows, to prove the scenario works in seconds. */
  readonly smoke: boolean;
  /** A fresh directory for this scenario; removed afterwards unless --keep. */
  readonly workDir: string;
  /** Progress output (stderr). */
  readonly say: (message: string) => void;
}

/** One measured quantity, for both daemons (null: not measured, e.g. supervisord missing). */
export interface Figure {
  readonly id: string;
  readonly label: string;
  readonly unit: string;
  /** Decimal places in RESULTS.md. */
  readonly digits: number;
  readonly tend: number | null;
  readonly supervisord: number | null;
  /** Another reference measured in the same run (e.g. a bare shell loop). */
  readonly baseline?: { readonly label: string; readonly value: number | null };
  /**
   * More tend-side variants of the same measure (e.g. tendctl instead of supervisorctl, JSON-RPC
   * instead of XML-RPC), each its own column with its ratio to supervisord. NaN: could not be
   * measured (the notes say why).
   */
  readonly extras?: readonly Extra[];
}

export interface Extra {
  /** The column heading; figures of one scenario that share a label share the column. */
  readonly label: string;
  readonly value: number | null;
}

export interface GoalResult {
  readonly text: string;
  /** null when it could not be judged (e.g. the reference daemon is missing). */
  readonly met: boolean | null;
  readonly detail: string;
}

export interface ScenarioResult {
  readonly name: string;
  readonly title: string;
  readonly params: Readonly<Record<string, number | string>>;
  readonly figures: readonly Figure[];
  readonly goal: GoalResult;
  readonly notes: readonly string[];
  /** Everything measured, for the JSON file. */
  readonly raw: unknown;
}

export interface Scenario {
  readonly name: string;
  readonly title: string;
  /** One line for --list and the README. */
  readonly summary: string;
  /** Left out of the default run (too long); runs when named, and always under --smoke. */
  readonly optIn?: boolean;
  run(ctx: ScenarioContext): Promise<ScenarioResult>;
}
