// Runs logs-reference.py (supervisor 4.2.5's loggers / stripEscapes / readFile / tailFile /
// cleanup regex) for a batch of cases in one /usr/bin/python3 process.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { runPythonJson } from '../../../helpers/python-json.js';
import { requireSupervisorPython } from '../../../helpers/reference.js';

export type ReferenceCase =
  | { readonly kind: 'strip'; readonly hex: string }
  | {
      readonly kind: 'rotate';
      readonly dir: string;
      readonly file: string;
      readonly maxBytes: number;
      readonly backups: number;
      readonly chunks: readonly string[];
      readonly existing?: Readonly<Record<string, string>>;
    }
  | { readonly kind: 'read' | 'tail'; readonly path: string; readonly offset: number; readonly length: number }
  | { readonly kind: 'match'; readonly identifier: string; readonly names: readonly string[] };

export interface ReferenceAnswer {
  readonly hex?: string;
  readonly error?: string;
  readonly files?: Readonly<Record<string, string>>;
  readonly tail?: readonly [string, number, boolean];
  readonly matches?: readonly boolean[];
  readonly crash?: string;
}

const SCRIPT = '../integration/daemon/logs/logs-reference.py';

/** false (and the test is skipped, or fails under CI=true) when the reference python is missing. */
export function requireReference(t: TestContext): boolean {
  return requireSupervisorPython(t, 'the logs are compared with supervisor 4.2.5 itself');
}

export async function runLogsReference(cases: readonly ReferenceCase[]): Promise<ReferenceAnswer[]> {
  const answers = (await runPythonJson(SCRIPT, cases, { timeoutMs: 120_000 })) as ReferenceAnswer[];
  answers.forEach((a, i) => {
    if (a.crash !== undefined) throw new Error(`logs-reference.py crashed on case ${i}: ${a.crash}`);
  });
  return answers;
}

/** A fresh temp dir owned by the test, removed after it. */
export function makeTempDir(t: TestContext, prefix = 'tend-logs-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
