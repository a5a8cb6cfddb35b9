// Shared by the spawner and kill integration tests: fixture paths, output collection with
// deadlines, and cleanup that kills only what a test started (by pid, process group or spawn).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { TestContext } from 'node:test';
import { killTree } from '../../../../packages/daemon/src/process/kill.js';
import type { SpawnedChild, SpawnRequest, SpawnResult, Spawner } from '../../../../packages/daemon/src/process/spawner.js';
import type { ExitReport } from '../../../../packages/daemon/src/process/exit-watch.js';
import { createSpawnIds } from '../../../../packages/daemon/src/process/env.js';

const spawnIds = createSpawnIds();

export function fixture(name: string): string {
  return fileURLToPath(new URL(`../../../fixtures/programs/${name}`, import.meta.url));
}

/** A fresh TEND_SPAWN_ID, so cleanup can find everything a spawn started. */
export function nextSpawnId(): string {
  return spawnIds.next();
}

/** A request running a fixture with this Node, argv[0] `node`; env holds PATH and a TEND_SPAWN_ID. */
export function nodeRequest(name: string, args: readonly string[] = [], over: Partial<SpawnRequest> = {}): SpawnRequest {
  return {
    name: 'test', file: process.execPath, argv: ['node', fixture(name), ...args],
    env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', TEND_SPAWN_ID: nextSpawnId() },
    cwd: null, umask: null, user: null, redirectStderr: false,
    ...over,
  };
}

/** Everything read from one stream, with a way to await a condition on it. */
export class Collected {
  #chunks: Buffer[] = [];
  #waiters = new Set<() => void>();
  closed = false;

  constructor(stream: NodeJS.ReadableStream | null) {
    stream?.on('data', (b: Buffer) => {
      this.#chunks.push(b);
      for (const w of this.#waiters) w();
    });
    stream?.on('close', () => {
      this.closed = true;
      for (const w of this.#waiters) w();
    });
  }

  get bytes(): number {
    return this.#chunks.reduce((n, b) => n + b.length, 0);
  }

  get text(): string {
    return Buffer.concat(this.#chunks).toString('utf8');
  }

  /** Resolves when `predicate(text)` holds; rejects after `timeoutMs`. */
  waitFor(predicate: (text: string) => boolean, timeoutMs = 10_000, what = 'output'): Promise<string> {
    return new Promise((resolve, reject) => {
      const check = (): void => {
        if (predicate(this.text)) {
          cleanup();
          resolve(this.text);
        }
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; got ${JSON.stringify(this.text.slice(-500))}`));
      }, timeoutMs);
      const cleanup = (): void => {
        clearTimeout(timer);
        this.#waiters.delete(check);
      };
      this.#waiters.add(check);
      check();
    });
  }

  waitForLine(pattern: RegExp, timeoutMs = 10_000): Promise<RegExpMatchArray> {
    return this.waitFor((t) => pattern.test(t), timeoutMs, String(pattern)).then((t) => t.match(pattern) as RegExpMatchArray);
  }

  waitForClose(timeoutMs = 10_000): Promise<void> {
    return this.waitFor(() => this.closed, timeoutMs, 'close').then(() => undefined);
  }
}

export function waitForExit(child: SpawnedChild, timeoutMs = 10_000): Promise<ExitReport> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`pid ${child.pid} did not exit within ${timeoutMs} ms`)), timeoutMs);
    child.onExit((status) => {
      clearTimeout(timer);
      resolve(status);
    });
  });
}

/** Whether `pid` exists and is not a zombie (reparented zombies may wait for PID 1 to reap them). */
export function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/** Polls /proc until none of `pids` is alive, or rejects at the deadline. */
export async function waitUntilDead(pids: readonly number[], timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const alive = pids.filter(isAlive);
    if (alive.length === 0) return;
    if (Date.now() > deadline) throw new Error(`still alive after ${timeoutMs} ms: ${alive.join(' ')}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Spawns and registers cleanup: the spawn's whole tree is killed after the test. */
export function spawnOk(t: TestContext, spawner: Spawner, req: SpawnRequest): SpawnedChild {
  const result: SpawnResult = spawner.spawn(req);
  if (!result.ok) throw new Error(`spawn failed: ${result.error}`);
  const { child } = result;
  const spawnId = req.env['TEND_SPAWN_ID'];
  if (spawnId === undefined) throw new TypeError('spawnOk needs a TEND_SPAWN_ID in the request env');
  t.after(() => {
    killTree(child.pid, spawnId);
  });
  return child;
}
