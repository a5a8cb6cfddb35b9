// supervisor's spawnerr texts for failures while making pipes and forking (process.py spawn()),
// extended to the exec-time errors Node reports to the parent (supervisor's child prints those
// to its stderr as `supervisor: couldn't exec <argv0>: <ERRNO>` and exits 127).

export type SpawnStage = 'pipes' | 'spawn';

export function describeSpawnFailure(stage: SpawnStage, errno: string, processName: string, argv0: string): string {
  if (errno === 'EMFILE') return `too many open files to spawn '${processName}'`;
  if (stage === 'pipes') return `unknown error making dispatchers for '${processName}': ${errno}`;
  if (errno === 'EAGAIN') return `Too many processes in process table to spawn '${processName}'`;
  if (errno === 'ENOMEM' || errno === 'ENFILE') return `unknown error during fork for '${processName}': ${errno}`;
  return `couldn't exec ${argv0}: ${errno}`;
}
