// Retention (保存期限): personal data of visits older than the configured number of days (default 365)
// is erased automatically. A daily check in the hub runs the same purge as the admin's
// POST /api/v1/ledger/purge, so it is one `personal.purged` event in the ledger, the chain still
// verifies and the figures (which never use personal data) stay as they were.
import type { TokenClaims } from '../auth/tokens.js';
import { addDays, businessDay, dayStartMs } from '../domain/business-day.js';
import type { Hub } from '../hub.js';

/** How often the hub looks; it purges at most once per business day. */
const CHECK_EVERY_MS = 3_600_000;

/** The purge acts as this account in the ledger (`by: "retention"`). */
const RETENTION_ACTOR: TokenClaims = { sub: 'retention', staffId: 'retention', role: 'admin', name: '保存期限', iat: 0, exp: 0 };

/** The first day whose visits are kept: everything before it is past retention. */
export function retentionCutoff(today: string, days: number): string {
  return addDays(today, -days);
}

export class RetentionJob {
  private timer: NodeJS.Timeout | undefined;
  private lastDay: string | undefined;
  private running: Promise<unknown> = Promise.resolve();

  private constructor(private readonly hub: Hub) {}

  /** Checks now (without holding up the start) and then every hour. */
  static start(hub: Hub): RetentionJob {
    const job = new RetentionJob(hub);
    job.tick();
    job.timer = setInterval(() => job.tick(), CHECK_EVERY_MS);
    job.timer.unref();
    return job;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  private tick(): void {
    this.running = this.runDue().catch((err) => console.error('yichuang: retention purge failed', err));
  }

  /** Waits for a check in progress (tests, shutdown). */
  settled(): Promise<unknown> {
    return this.running;
  }

  /**
   * Purges what is past retention unless today's check already ran. Records nothing when nothing is due,
   * so a quiet hall's ledger is not filled with empty purges.
   */
  async runDue(): Promise<{ before: string; purged: number } | null> {
    const { hub } = this;
    const today = businessDay(hub.clock.now(), hub.config.rules.timeZone);
    if (this.lastDay === today) return null;
    this.lastDay = today;
    const before = retentionCutoff(today, hub.config.retention.personalDataDays);
    if ((await hub.store.countPersonalBefore(dayStartMs(before, hub.config.rules.timeZone))) === 0) return null;
    return hub.purge(before, RETENTION_ACTOR);
  }
}
