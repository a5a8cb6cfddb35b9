// supervisord's main-log levels and record format (loggers.py LevelsByName, LogRecord,
// options.make_logger): `YYYY-MM-DD HH:MM:SS,mmm LEVL message\n` in local time. The level
// numbers are supervisor's and are what the config loader gives as `loglevel`; never renumber.

export const LogLevel = {
  CRIT: 50,
  ERRO: 40,
  WARN: 30,
  INFO: 20,
  DEBG: 10,
  TRAC: 5,
  BLAT: 3,
} as const;
export type LogLevelName = keyof typeof LogLevel;

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

// `epochMs` is wall-clock milliseconds; the milliseconds field is truncated, like '%03d'.
export function formatTimestamp(epochMs: number): string {
  const d = new Date(Math.floor(epochMs));
  const date = `${pad(d.getFullYear(), 4)}-${pad(d.getMonth() + 1, 2)}-${pad(d.getDate(), 2)}`;
  const time = `${pad(d.getHours(), 2)}:${pad(d.getMinutes(), 2)}:${pad(d.getSeconds(), 2)}`;
  return `${date} ${time},${pad(d.getMilliseconds(), 3)}`;
}

export function formatLogRecord(level: LogLevelName, message: string, epochMs: number): string {
  return `${formatTimestamp(epochMs)} ${level} ${message}\n`;
}

// Whether a record at `level` passes a `threshold` (the configured loglevel number).
export function isLevelEnabled(level: LogLevelName, threshold: number): boolean {
  return LogLevel[level] >= threshold;
}
