// Running the built binaries (tendd, tendctl) and the reference ones the way a user would.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestContext } from 'node:test';

export const REPO = fileURLToPath(new URL('../..', import.meta.url));
export const TENDD = join(REPO, 'packages/daemon/bin/tendd.js');
export const TENDCTL = join(REPO, 'packages/ctl/bin/tendctl.js');

export interface RunResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function runNode(script: string, args: readonly string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): RunResult {
  const r = spawnSync(process.execPath, [script, ...args], { cwd: opts.cwd ?? REPO, env: opts.env ?? process.env, encoding: 'utf8', timeout: opts.timeoutMs ?? 30_000 });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function runTendd(args: readonly string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): RunResult {
  return runNode(TENDD, args, opts);
}

export function runProgram(file: string, args: readonly string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): RunResult {
  const r = spawnSync(file, args, { cwd: opts.cwd ?? REPO, env: opts.env ?? process.env, encoding: 'utf8', timeout: opts.timeoutMs ?? 30_000 });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A temp tree from an inline file map (paths relative to the root), removed after the test. */
export function makeTree(t: TestContext, files: Readonly<Record<string, string>>): string {
  const root = mkdtempSync(join(tmpdir(), 'tend-test-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  for (const [rel, text] of Object.entries(files)) {
    const path = join(root, rel);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  }
  return root;
}
