// `npm run central`: the city server over the central PostgreSQL database named by YICHUANG_LEDGER_URL.
import { z } from 'zod';
import { generatePassword } from '../auth/passwords.js';
import { isValidTimeZone } from '../domain/business-day.js';
import { startCentral } from './central-app.js';
import { DEFAULT_VISIT_DAYS, MIN_VISIT_DAYS } from './visit-retention.js';

const envSchema = z.object({
  YICHUANG_LEDGER_URL: z.string({ error: 'is required: the postgres://… URL of the central database' }).regex(/^postgres(ql)?:\/\//, 'must be a postgres://… URL'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8090),
  HOST: z.string().default('0.0.0.0'),
  YICHUANG_ADMIN_PASSWORD: z.string().min(8, 'must be at least 8 characters').optional(),
  YICHUANG_TRUST_PROXY: z.enum(['0', '1']).default('0'),
  YICHUANG_CENTRAL_STALE_MINUTES: z.coerce.number().int().min(1).max(7 * 24 * 60).default(15),
  YICHUANG_CENTRAL_TIME_ZONE: z.string().refine(isValidTimeZone, 'is not an IANA time zone').default('Asia/Shanghai'),
  YICHUANG_CENTRAL_VISIT_DAYS: z.coerce.number().int().min(MIN_VISIT_DAYS, `must be at least ${MIN_VISIT_DAYS} (longer than any follow-up)`).max(36_500).default(DEFAULT_VISIT_DAYS),
});

async function main(): Promise<void> {
  const env = envSchema.safeParse(process.env);
  if (!env.success) throw new Error(`invalid environment:\n${env.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  const e = env.data;
  const password = e.YICHUANG_ADMIN_PASSWORD ?? generatePassword();
  const central = await startCentral({
    url: e.YICHUANG_LEDGER_URL, port: e.PORT, host: e.HOST, password, trustProxy: e.YICHUANG_TRUST_PROXY === '1',
    staleAfterMinutes: e.YICHUANG_CENTRAL_STALE_MINUTES, timeZone: e.YICHUANG_CENTRAL_TIME_ZONE, visitDays: e.YICHUANG_CENTRAL_VISIT_DAYS,
  });
  console.log(`yichuang central: listening on ${central.url}`);
  console.log(`  city dashboard   ${central.url}/central`);
  console.log(`  API              ${central.url}/api/v1/central/sites?date=YYYY-MM-DD`);
  if (!e.YICHUANG_ADMIN_PASSWORD) console.log(`yichuang central: admin one-time password: ${password}  (set YICHUANG_ADMIN_PASSWORD to choose it)`);
  const stop = async (signal: string) => {
    console.log(`yichuang central: ${signal}, stopping`);
    await central.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}

main().catch((err) => {
  console.error(`yichuang central: cannot start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
