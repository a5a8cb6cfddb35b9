// What the RPC layer logs through: DaemonLog fits it (supervisor's levels, spec §5.4).
export interface RpcLog {
  critical(message: string): void;
  error(message: string): void;
  warn(message: string): void;
  info(message: string): void;
  debug(message: string): void;
  trace(message: string): void;
}

/** A stream for the few lines supervisord writes to stderr itself (`Unlinking stale socket …`). */
export interface TextSink {
  write(text: string): unknown;
}
