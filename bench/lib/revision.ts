// Which tend was measured: the commit, and whether the daemon's sources differed from it.
import { spawnSync } from 'node:child_process';

export function tendRevision(repo: string): string {
  const git = (...args: string[]): string | null => {
    const r = spawnSync('git', ['-C', repo, ...args], { encoding: 'utf8' });
    return r.status === 0 ? r.stdout.trim() : null;
  };
  const head = git('rev-parse', '--short', 'HEAD');
  if (head === null) return 'unknown (not a git checkout)';
  const dirty = git('status', '--porcelain', '--', 'packages');
  return dirty ? `${head} + uncommitted changes under packages/` : head;
}
