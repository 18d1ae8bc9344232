// The process environment of the contract, validated once at start.
import { z } from 'zod';

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().default('0.0.0.0'),
  YICHUANG_DATA: z.string().default('./data'),
  YICHUANG_CONFIG: z.string().optional(),
  YICHUANG_ADMIN_PASSWORD: z.string().min(8, 'must be at least 8 characters').optional(),
  YICHUANG_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  YICHUANG_LEDGER_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// connection URL').optional(),
  /** A site hub replicates its ledger to this central (city) PostgreSQL database, as site `center.code`. */
  YICHUANG_CENTRAL_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// connection URL').optional(),
  YICHUANG_TRUST_PROXY: z.enum(['0', '1']).default('0'),
  /** Starts the hub's clock at this instant (ISO) and lets it run: for drills, tests and training. */
  YICHUANG_CLOCK_START: z.iso.datetime({ offset: true }).optional(),
});

export type Env = z.infer<typeof envSchema>;

export function readEnv(env: NodeJS.ProcessEnv): Env {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`invalid environment:\n${lines.join('\n')}`);
  }
  return parsed.data;
}
