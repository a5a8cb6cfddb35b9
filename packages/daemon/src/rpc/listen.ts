// Binding the servers. Unix sockets follow supervisord's creation protocol (spec §2.2, http.py
// supervisor_af_unix_http_server): bind `<file>.<pid>`, chmod it, hard-link it to `<file>`;
// if `<file>` exists and something answers `GET /` there, fail with "Another program is
// already listening…"; otherwise write `Unlinking stale socket <file>` to stderr, remove it and
// try again (supervisord loops forever and sleeps 0.3 s; tend retries at once, 3 times). Then
// chown. TCP servers bind host:port, '' meaning all IPv4 interfaces, a name resolved to IPv4
// (supervisord's AF_INET socket).
import { lookup } from 'node:dns/promises';
import { chown, chmod, link, lstat, stat, unlink } from 'node:fs/promises';
import { connect, isIP, type Server } from 'node:net';
import { userInfo } from 'node:os';
import { dirname } from 'node:path';
import type { ServerConfig } from '../config/types.js';
import { addressInUse, cannotOpen, RpcServerError } from './server-error.js';
import type { RpcLog, TextSink } from './rpc-log.js';

type UnixConfig = Extract<ServerConfig, { family: 'unix' }>;
type InetConfig = Extract<ServerConfig, { family: 'inet' }>;

const STALE_RETRIES = 3;
/** How long the `GET /` probe of an existing socket waits for any answer. */
const PROBE_TIMEOUT_MS = 2000;

function listenOn(server: Server, options: { path: string } | { host: string; port: number }): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error): void => {
      server.off('listening', onListening);
      reject(err);
    };
    const onListening = (): void => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen({ ...options, backlog: 1024 });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

// supervisord's checkused(): connect, send `GET / HTTP/1.0`, wait for one byte. Any answer (even
// an immediate close) means "in use"; a refused connection means a stale socket file.
export function isSocketInUse(path: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ path });
    let settled = false;
    const finish = (used: boolean): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(used);
    };
    const timer = setTimeout(() => finish(true), PROBE_TIMEOUT_MS);
    socket.on('connect', () => socket.write('GET / HTTP/1.0\r\n\r\n'));
    socket.on('data', () => finish(true));
    socket.on('end', () => finish(true));
    socket.on('error', () => finish(false));
  });
}

// libuv reports bind() ENOENT (missing directory) as EACCES; supervisord says ENOENT (2).
async function withPythonErrno(err: unknown, path: string): Promise<unknown> {
  if ((err as NodeJS.ErrnoException).code !== 'EACCES') return err;
  const dirExists = await stat(dirname(path)).then(() => true, () => false);
  return dirExists ? err : Object.assign(new Error(`ENOENT: no such file or directory, bind '${path}'`), { code: 'ENOENT' });
}

async function unlinkQuietly(path: string): Promise<void> {
  await unlink(path).catch(() => undefined);
}

/** Binds a unix server; returns the socket file's inode (close() removes the file only if it is still ours). */
export async function listenUnix(server: Server, config: UnixConfig, pid: number, stderr: TextSink | null, log: RpcLog): Promise<number> {
  const file = config.file;
  const temp = `${file}.${pid}`;
  await unlinkQuietly(temp);
  for (let attempt = 0; ; attempt++) {
    try {
      await listenOn(server, { path: temp });
    } catch (err) {
      throw cannotOpen(await withPythonErrno(err, temp));
    }
    try {
      await chmod(temp, config.chmod);
      try {
        await link(temp, file);
      } catch (err) {
        if (await isSocketInUse(file)) throw addressInUse(err);
        if (attempt >= STALE_RETRIES) throw cannotOpen(err);
        const message = `Unlinking stale socket ${file}\n`;
        if (stderr !== null) stderr.write(message);
        else log.warn(message.trimEnd());
        await unlinkQuietly(file);
        await closeServer(server);
        continue;
      }
      const [uid, gid] = config.chown;
      if (uid !== -1 || gid !== -1) {
        try {
          await chown(file, uid, gid);
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code !== 'EPERM') throw cannotOpen(err);
          throw new RpcServerError(
            'ERR_SOCKET_CHOWN',
            `Not permitted to chown ${file} to uid/gid (${uid}, ${gid}); adjust "sockchown" value in config file or on command line to values that the current user (${userInfo().username}) can successfully chown`,
            { cause: err },
          );
        }
      }
      return (await lstat(file)).ino;
    } catch (err) {
      await closeServer(server);
      throw err instanceof RpcServerError ? err : cannotOpen(err);
    } finally {
      await unlinkQuietly(temp);
    }
  }
}

export async function listenInet(server: Server, config: InetConfig): Promise<void> {
  let host = config.host === '' ? '0.0.0.0' : config.host;
  if (isIP(host) === 0) {
    try {
      host = (await lookup(host, { family: 4 })).address;
    } catch (err) {
      throw cannotOpen(err);
    }
  }
  try {
    await listenOn(server, { host, port: config.port });
  } catch (err) {
    throw (err as NodeJS.ErrnoException).code === 'EADDRINUSE' ? addressInUse(err) : cannotOpen(err);
  }
}
