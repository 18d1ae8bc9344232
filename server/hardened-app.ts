// The express app every HTTP server of the project starts from (the hub and the city server): no
// framework banner, the real client address behind a trusted proxy, and headers that stop browsers
// sniffing content types or leaking URLs (ticket ids) to other sites.
import express from 'express';

export function hardenedApp(opts: { trustProxy?: boolean }): express.Express {
  const app = express();
  app.disable('x-powered-by');
  if (opts.trustProxy) app.set('trust proxy', true);
  app.use((_req, res, next) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    next();
  });
  return app;
}
