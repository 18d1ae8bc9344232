// The city server (`npm run central`): ingests what sites send and serves the city view — the API
// (`/api/v1/central/...`) and the dashboard page (`/central`) — from the central PostgreSQL database.
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Request, type Response } from 'express';
import pg from 'pg';
import { z } from 'zod';
import { ApiError, unauthorized } from '../api/api-error.js';
import { sendError } from '../api/mount-routes.js';
import { businessDay } from '../domain/business-day.js';
import { CentralAuth, SESSION_COOKIE } from './central-auth.js';
import { CENTRAL_SCHEMA_VERSION, migrateCentral } from './central-schema.js';
import { cityView, readSites, resetRefusal } from './city-view.js';
import { dashboardPage, loginPage } from './dashboard-page.js';
import { CentralIngestor, type IngestorOptions } from './ingestor.js';
import { VisitRetention } from './visit-retention.js';
import type { Lang } from './text/index.js';
import { hardenedApp } from '../hardened-app.js';

export interface CentralOptions {
  url: string;
  port: number;
  host: string;
  password: string;
  trustProxy?: boolean;
  /** A site without contact for longer than this has stopped reporting. */
  staleAfterMinutes?: number;
  /** Zone of "today" and of the times on the page. */
  timeZone?: string;
  now?: () => number;
  ingest?: IngestorOptions;
  /** Per-visit documents are kept this many days (default 400); the day totals for ever. */
  visitDays?: number;
}

export interface RunningCentral {
  url: string;
  pool: pg.Pool;
  ingestor: CentralIngestor;
  retention: VisitRetention;
  http: HttpServer;
  close(): Promise<void>;
}

const dayField = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD').refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'is not a calendar day');
const viewQuery = z.object({ date: dayField.optional() });
const loginBody = z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(256) });
const siteParams = z.object({ site: z.string().min(1).max(64) });

function parsed<T>(schema: z.ZodType<T>, value: unknown, where: string): T {
  const r = schema.safeParse(value ?? {});
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const field = issue.path.length ? issue.path.join('.') : where;
  throw new ApiError(400, 'invalid-input', `${field}: ${issue.message}`, field);
}

export async function startCentral(opts: CentralOptions): Promise<RunningCentral> {
  const now = opts.now ?? Date.now;
  const timeZone = opts.timeZone ?? 'Asia/Shanghai';
  const staleAfter = opts.staleAfterMinutes ?? 15;
  const pool = new pg.Pool({ connectionString: opts.url, max: 8, connectionTimeoutMillis: 10_000, keepAlive: true });
  pool.on('error', () => undefined); // a dropped idle connection: the next query opens a new one
  await migrateCentral(pool);
  const auth = await CentralAuth.create(pool, opts.password);
  const ingestor = new CentralIngestor(pool, opts.ingest);
  await ingestor.start();
  const retention = new VisitRetention(pool, { visitDays: opts.visitDays, timeZone, now, log: opts.ingest?.log }).start();

  const view = async (date: string | undefined) => cityView(await readSites(pool, date ?? businessDay(now(), timeZone)), date ?? businessDay(now(), timeZone), now(), staleAfter);
  const requireAdmin = (req: Request) => {
    if (!auth.claims(req, now())) throw unauthorized();
  };
  const api = (handler: (req: Request, res: Response) => Promise<unknown>) => async (req: Request, res: Response) => {
    try {
      const body = await handler(req, res);
      if (body !== undefined) res.json(body);
    } catch (err) {
      sendError(res, err);
    }
  };

  const app = hardenedApp(opts);
  app.use((_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store'); // city figures are always read fresh
    next();
  });
  app.use('/api', express.json({ limit: '16kb' }));
  app.use('/central', express.urlencoded({ extended: false, limit: '4kb' }));

  app.post('/api/v1/auth/login', api(async (req) => {
    const { username, password } = parsed(loginBody, req.body, 'body');
    const { token, claims } = await auth.signIn(username, password, req.ip ?? '', now());
    return { token, role: claims.role, name: claims.name };
  }));
  app.get('/api/v1/central/health', api(async () => {
    await pool.query('SELECT 1');
    return { status: 'ok', ledger: 'postgres', schema: CENTRAL_SCHEMA_VERSION };
  }));
  app.get('/api/v1/central/sites', api(async (req) => {
    requireAdmin(req);
    return (await view(parsed(viewQuery, req.query, 'query').date)).sites;
  }));
  app.get('/api/v1/central/city', api(async (req) => {
    requireAdmin(req);
    return view(parsed(viewQuery, req.query, 'query').date);
  }));
  app.post('/api/v1/central/sites/:site/reset', api(async (req) => {
    requireAdmin(req);
    const { site } = parsed(siteParams, req.params, 'params');
    if (!(await resetRefusal(pool, site))) throw new ApiError(409, 'not-refused', `站点 ${site} 未被拒收 / site ${site} is not refused`);
    ingestor.kick();
    return { site, reset: true };
  }));

  app.get('/', (_req, res) => res.redirect('/central'));
  app.get('/central', async (req, res) => {
    const lang: Lang = req.query.lang === 'en' ? 'en' : 'zh-CN';
    const q = viewQuery.safeParse(req.query);
    res.type('html');
    if (!auth.claims(req, now())) return void res.status(401).send(loginPage(lang));
    try {
      // A bad date shows today, with the reason, rather than an error page.
      const page = dashboardPage(await view(q.success ? q.data.date : undefined), { lang, today: businessDay(now(), timeZone), now: now(), timeZone, badDate: !q.success });
      res.status(q.success ? 200 : 400).send(page);
    } catch (err) {
      console.error('yichuang central: dashboard failed', err);
      res.status(500).send('服务器内部错误 / internal error');
    }
  });
  app.post('/central/login', async (req, res) => {
    const lang: Lang = req.query.lang === 'en' ? 'en' : 'zh-CN';
    const body = loginBody.safeParse(req.body);
    try {
      if (!body.success) throw unauthorized();
      const { token } = await auth.signIn(body.data.username, body.data.password, req.ip ?? '', now());
      res.setHeader('Set-Cookie', `${SESSION_COOKIE}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${12 * 3600}`);
      res.redirect(303, `/central?lang=${lang}`);
    } catch (err) {
      const limited = err instanceof ApiError && err.status === 429;
      res.status(limited ? 429 : 401).type('html').send(loginPage(lang, limited ? 'limited' : 'failed'));
    }
  });
  app.post('/central/logout', (_req, res) => {
    res.setHeader('Set-Cookie', `${SESSION_COOKIE}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0`);
    res.redirect(303, '/central');
  });
  app.use('/api', (req, res) => sendError(res, new ApiError(404, 'not-found', `无此接口 / no route ${req.method} ${req.originalUrl}`)));
  app.use('/api', (err: Error & { type?: string }, _req: Request, res: Response, _next: express.NextFunction) => {
    if (err.type === 'entity.parse.failed') return sendError(res, new ApiError(400, 'invalid-json', `请求体不是有效的 JSON / malformed JSON body`, 'body'));
    sendError(res, err);
  });

  const http = createServer(app);
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(opts.port, opts.host, () => resolve());
  });
  const { port } = http.address() as AddressInfo;
  const shownHost = opts.host === '0.0.0.0' || opts.host === '::' ? 'localhost' : opts.host;
  return {
    url: `http://${shownHost}:${port}`,
    pool,
    ingestor,
    retention,
    http,
    async close() {
      await retention.stop();
      await ingestor.stop();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
      await pool.end();
    },
  };
}
