// The hub's one port: API, pages and realtime (contract "Process").
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import express from 'express';
import { Server } from 'socket.io';
import { apiRouter } from './api/mount-routes.js';
import { attachConfigRefresh } from './config-admin/display-refresh.js';
import { allRoutes } from './api/routes/index.js';
import type { Hub } from './hub.js';
import { ticketPage } from './pages/ticket-page.js';
import { projectRoot } from './paths.js';
import { attachRealtime } from './realtime.js';
import { hardenedApp } from './hardened-app.js';

export interface RunningServer {
  http: HttpServer;
  io: Server;
  url: string;
  close(): Promise<void>;
}

export interface ServerOptions {
  port: number;
  host: string;
  trustProxy?: boolean;
  /** socket.io adapter shared by several hub processes (PostgreSQL); default in-process. */
  realtimeAdapter?: ServerOptionsIo['adapter'];
}
type ServerOptionsIo = NonNullable<ConstructorParameters<typeof Server>[1]>;

export async function startServer(hub: Hub, opts: ServerOptions): Promise<RunningServer> {
  const app = hardenedApp(opts);
  app.get('/t/:id', async (req, res) => {
    const t = await hub.ticket(req.params.id).catch(() => undefined);
    res.status(t ? 200 : 404).type('html').send(ticketPage(t, hub.config.center.name, hub.config.center.hotline));
  });
  mountScreens(app);
  app.use(apiRouter(hub, allRoutes));

  const http = createServer(app);
  const io = new Server(http, { serveClient: false, cors: { origin: false }, ...(opts.realtimeAdapter && { adapter: opts.realtimeAdapter }) });
  attachRealtime(io, hub);
  attachConfigRefresh(io, hub); // screens follow a live configuration change
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(opts.port, opts.host, () => resolve());
  });
  const { port } = http.address() as AddressInfo;
  const shownHost = opts.host === '0.0.0.0' || opts.host === '::' ? 'localhost' : opts.host;
  hub.listeningUrl = `http://${shownHost}:${port}`;
  return {
    http,
    io,
    url: `http://${shownHost}:${port}`,
    close: async () => {
      io.close();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

/** The Vite-built screens (dist/screens, made by `npm run build`, which `npm start` runs first). */
const SCREENS = resolve(projectRoot(), 'dist/screens');
/** The pages the hub serves (route → built HTML file); `npm start` prints an address for each (start-banner.ts). */
export const PAGES: Record<string, string> = {
  '/display/hall': 'window-display/hall.html',
  '/display/window/:id': 'window-display/window.html',
  '/console': 'window-display/console.html',
  '/kiosk': 'kiosk-ui/index.html',
  '/admin{/*rest}': 'admin-ui/index.html',
};

function mountScreens(app: express.Express): void {
  app.use('/screens', express.static(SCREENS, { index: false, maxAge: '1h' }));
  for (const [path, file] of Object.entries(PAGES)) {
    app.get(path, (_req, res) => {
      const page = resolve(SCREENS, file);
      if (!existsSync(page)) return void res.status(503).type('text').send('屏幕页面尚未构建，请运行 npm run build / screens are not built: run npm run build');
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(page);
    });
  }
}
