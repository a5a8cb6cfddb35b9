// Demo app server: answers every request with a line naming its port and pid.
import { createServer } from 'node:http';

const i = process.argv.indexOf('--port');
const port = Number(i === -1 ? 8100 : process.argv[i + 1]);
const server = createServer((req, res) => {
  res.end(`${process.env.GREETING ?? 'hello'}: ${req.method} ${req.url} served by pid ${process.pid} on port ${port}\n`);
});
server.listen(port, '127.0.0.1', () => console.log(`listening on http://127.0.0.1:${port} (pid ${process.pid})`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
