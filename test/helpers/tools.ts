// Checks for external tools a test needs (the real supervisord, /usr/bin/python3 with the
// supervisor package, …). A missing tool never skips silently: under CI=true the test fails
// with the reason; locally it is skipped with `<tool> not installed: <why>` and the reason is
// printed to stderr so it shows up in the run's output.
import { accessSync, constants, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import type { TestContext } from 'node:test';

export type ToolCheck = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/** Whether CI=true, the switch that turns every missing-tool skip into a failure. */
export function isCi(): boolean {
  return process.env['CI'] === 'true';
}

/** `path` exists, is a regular file and is executable by us. */
export function checkExecutable(path: string): ToolCheck {
  try {
    if (!statSync(path).isFile()) return { ok: false, reason: `${path} is not a regular file` };
    accessSync(path, constants.X_OK);
    return { ok: true };
  } catch (err) {
    return { ok: false, reason: `${path}: ${(err as NodeJS.ErrnoException).code ?? String(err)}` };
  }
}

/** `python -c code` exits 0 (e.g. `import supervisor`). Results are cached per (python, code). */
const pythonChecks = new Map<string, ToolCheck>();
export function checkPython(python: string, code: string, what: string): ToolCheck {
  const key = `${python}\0${code}`;
  const cached = pythonChecks.get(key);
  if (cached) return cached;
  const exe = checkExecutable(python);
  let result: ToolCheck = exe;
  if (exe.ok) {
    const run = spawnSync(python, ['-c', code], { encoding: 'utf8', timeout: 30_000 });
    result = run.status === 0
      ? { ok: true }
      : { ok: false, reason: `${python} cannot ${what}: ${(run.stderr || run.error?.message || `exit ${String(run.status)}`).trim().split('\n').at(-1) ?? ''}` };
  }
  pythonChecks.set(key, result);
  return result;
}

/**
 * Make the test depend on `tool`. Returns true when it is usable. Otherwise: under CI=true
 * throws (the test fails with the reason); locally calls t.skip('<tool> not installed: <why>'),
 * prints the reason to stderr and returns false — the caller must then return.
 *
 *   if (!requireTool(t, '/usr/bin/supervisord', 'the live test runs the real daemon')) return;
 */
export function requireTool(t: TestContext, tool: string, why: string, check: ToolCheck = checkExecutable(tool)): boolean {
  if (check.ok) return true;
  const detail = `${tool} not installed: ${why} (${check.reason})`;
  if (isCi()) {
    throw new Error(`required tool missing under CI=true: ${detail}. Install it in the CI image; skipping is not allowed in CI.`);
  }
  process.stderr.write(`\n*** SKIPPED ${JSON.stringify(t.name)}: ${detail}\n*** (under CI=true this is a failure)\n\n`);
  t.diagnostic(`skipped: ${detail}`);
  t.skip(`${tool} not installed: ${why}`);
  return false;
}
