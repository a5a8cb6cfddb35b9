// The log files of one spawn: opened when the process is spawned (append mode, so output
// accumulates across restarts, as supervisor does) and closed when the child's stream reaches EOF,
// which can be after the exit was reported if a descendant still holds the pipe.
import { ChannelCapture } from '../logs/capture.js';
import { RotatingFile } from '../logs/rotating-file.js';
import type { LogFileError } from '../logs/log-file-error.js';
import type { ChannelConfig } from '../config/types.js';
import { onTransientChunks } from '../os/output-pipe.js';

export interface ChannelTarget {
  readonly channel: ChannelConfig;
  /** The resolved file: an explicit path, the AUTO file made at group creation, or null for NONE. */
  readonly path: string | null;
  /** 0o600 for AUTO files, 0o666 (minus the umask) for explicit ones. */
  readonly mode: number;
}

export interface CaptureOptions {
  readonly stripAnsi: boolean;
  readonly onError: (e: LogFileError) => void;
}

export interface StreamCapture {
  readonly capture: ChannelCapture;
  /** Open until the stream closes; null for NONE or when the file could not be opened. */
  readonly file: RotatingFile | null;
}

/** Pipes one child stream into its log file; the capture lets listeners (tail -f) subscribe. */
export function captureStream(stream: NodeJS.ReadableStream, target: ChannelTarget, opts: CaptureOptions): StreamCapture {
  let file: RotatingFile | null = null;
  if (target.path !== null) {
    const opened = RotatingFile.open({
      path: target.path, maxBytes: target.channel.maxBytes, backups: target.channel.backups, mode: target.mode, onError: opts.onError,
    });
    if (opened.ok) file = opened.file;
    else opts.onError(opened.error);
  }
  const capture = new ChannelCapture({ sink: file, stripAnsi: opts.stripAnsi });
  const write = (chunk: Buffer): void => capture.write(chunk);
  if (!onTransientChunks(stream, write)) stream.on('data', write);
  stream.on('close', () => file?.close());
  stream.on('error', () => file?.close());
  return { capture, file };
}
