// The tiny fs seam under RotatingFile (STYLE §6 "Logs"): the few synchronous calls rotation
// needs, so tests can inject ENOSPC, short writes or a failing rename without root or a full disk.
import { closeSync, existsSync, fstatSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';

export interface LogFs {
  open(path: string, flags: number, mode: number): number;
  /** Writes at the file's append position; returns how many bytes the kernel took (may be short). */
  write(fd: number, bytes: Uint8Array, offset: number, length: number): number;
  close(fd: number): void;
  /** fstat: the current size, and whether it is a regular file (only those are rotated). */
  stat(fd: number): { readonly size: number; readonly isFile: boolean };
  rename(from: string, to: string): void;
  unlink(path: string): void;
  exists(path: string): boolean;
}

export const nodeLogFs: LogFs = {
  open: (path, flags, mode) => openSync(path, flags, mode),
  write: (fd, bytes, offset, length) => writeSync(fd, bytes, offset, length),
  close: (fd) => closeSync(fd),
  stat: (fd) => {
    const st = fstatSync(fd);
    return { size: st.size, isFile: st.isFile() };
  },
  rename: (from, to) => renameSync(from, to),
  unlink: (path) => unlinkSync(path),
  exists: (path) => existsSync(path),
};
