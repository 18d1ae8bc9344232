// `npm start`: validate environment and configuration, open the ledger, start the hub on one port.
import { chmodSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { displayWidth, pageAddresses } from './start-banner.js';
import { startServer } from './app.js';
import { attachDevices } from './device-bridge.js';
import { ConfigError, loadConfig } from './config/load-config.js';
import { readEnv } from './env.js';
import { Hub } from './hub.js';
import type { Clock } from './ledger/committer.js';
import { loadSecrets } from './ledger/secrets.js';
import { PgStore } from './ledger/pg-store.js';
import { warmFacts } from './reports/fact-cache.js';
import { SqliteStore } from './ledger/sqlite-store.js';
import { createAdapter } from '@socket.io/postgres-adapter';
import { startReplication } from './central/site-link.js';

function clockFrom(start: string | undefined): Clock {
  if (!start) return { now: () => Date.now() };
  const offset = Date.parse(start) - Date.now();
  return { now: () => Date.now() + offset };
}

async function main(): Promise<void> {
  const env = readEnv(process.env);
  const { config, source, demo } = loadConfig(env.YICHUANG_CONFIG);
  // Hubs sharing a PostgreSQL ledger read each other's tokens and sealed personal data: one key for all.
  if (env.YICHUANG_LEDGER_URL && !env.YICHUANG_SECRET) {
    throw new Error('YICHUANG_LEDGER_URL is set but YICHUANG_SECRET is not: hubs sharing a PostgreSQL ledger must share its key (set the same YICHUANG_SECRET on every hub)');
  }
  const dataDir = resolve(env.YICHUANG_DATA);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  chmodSync(dataDir, 0o700);
  const secrets = loadSecrets(dataDir, env.YICHUANG_SECRET);
  const pg = env.YICHUANG_LEDGER_URL ? await PgStore.open(env.YICHUANG_LEDGER_URL) : undefined;
  const store = pg ?? new SqliteStore(join(dataDir, 'ledger.sqlite'));
  const hub = await Hub.open({ config, demo, store, secrets, clock: clockFrom(env.YICHUANG_CLOCK_START), adminPassword: env.YICHUANG_ADMIN_PASSWORD,
    demoCredentialsFile: join(dataDir, 'demo-credentials.txt'),
    dataDir,
  });
  const server = await startServer(hub, {
    port: env.PORT, host: env.HOST, trustProxy: env.YICHUANG_TRUST_PROXY === '1',
    // Several hubs on one PostgreSQL: a call made through one reaches the screens connected to another.
    realtimeAdapter: pg && createAdapter(pg.pool),
  });
  attachDevices(hub, server.io);
  // Year statistics read a day cache: fill it now, in the background, so the director's first report is quick.
  warmFacts(hub.store, hub.clock.now(), hub.config.rules.timeZone);
  // The city link never holds the hub up: it starts in the background and retries on its own.
  const cityLink = env.YICHUANG_CENTRAL_URL ? startReplication(hub, env.YICHUANG_CENTRAL_URL) : undefined;

  console.log(`yichuang: ${config.center.name} (${source}), ledger ${pg ? 'postgres' : `sqlite in ${dataDir}`}`);
  console.log(`yichuang: listening on ${server.url}`);
  const pages = pageAddresses(server.url, hub.config);
  const width = Math.max(...pages.map(([label]) => displayWidth(label))) + 2;
  for (const [label, address] of pages) console.log(`  ${label}${' '.repeat(width - displayWidth(label))}${address}`);
  if (cityLink) console.log(`  city link        replicating as site ${config.center.code} (YICHUANG_CENTRAL_URL)`);

  const stop = async (signal: string) => {
    console.log(`yichuang: ${signal}, stopping`);
    await server.close();
    await cityLink?.stop();
    await hub.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}

main().catch((err) => {
  if (err instanceof ConfigError) console.error(`yichuang: ${err.message}`);
  else console.error(`yichuang: cannot start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
