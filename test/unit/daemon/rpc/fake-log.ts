// An RpcLog that records what was logged, for assertions.
import type { RpcLog } from '../../../../packages/daemon/src/rpc/rpc-log.js';

export interface RecordingLog extends RpcLog {
  readonly records: { level: string; message: string }[];
}

export function recordingLog(): RecordingLog {
  const records: { level: string; message: string }[] = [];
  const at = (level: string) => (message: string): void => {
    records.push({ level, message });
  };
  return { records, critical: at('CRIT'), error: at('ERRO'), warn: at('WARN'), info: at('INFO'), debug: at('DEBG'), trace: at('TRAC') };
}
