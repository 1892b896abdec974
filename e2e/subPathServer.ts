/**
 * A plain static file server (no Vite) that serves the production build under a sub-path, the
 * way a user would host it: proves `npm run build` works from any static host and any path.
 */
import { createServer } from 'node:http';
import sirv from 'sirv';
import { BUILD_DIR, SUB_PATH } from './environment';

const port = Number(process.env.PORT ?? 4176);

const serveDist = sirv(BUILD_DIR, { dev: false, etag: true });
createServer((req, res) => {
  const url = req.url ?? '/';
  if (!url.startsWith(SUB_PATH)) {
    res.writeHead(404).end('Not under the sub-path');
    return;
  }
  req.url = `/${url.slice(SUB_PATH.length)}`;
  serveDist(req, res, () => {
    res.writeHead(404).end('Not found');
  });
}).listen(port, '127.0.0.1');
