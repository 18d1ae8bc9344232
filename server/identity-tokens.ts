// Card identities read at a kiosk stay on the hub. The kiosk gets a short-lived, single-use token that
// stands for the identity when it asks for a ticket.
import { randomBytes } from 'node:crypto';
import type { CardIdentity } from '../devices/contract.js';

const TTL_MS = 5 * 60_000;

export class IdentityTokens {
  private readonly byToken = new Map<string, { kioskId: string; identity: CardIdentity; expires: number }>();

  issue(kioskId: string, identity: CardIdentity, now: number): string {
    this.sweep(now);
    const token = randomBytes(18).toString('base64url');
    this.byToken.set(token, { kioskId, identity, expires: now + TTL_MS });
    return token;
  }

  /** The identity behind a token, without using it up (to validate a request before it commits). */
  peek(token: string, kioskId: string | undefined, now: number): CardIdentity | undefined {
    const entry = this.byToken.get(token);
    if (!entry || entry.expires < now) return undefined;
    if (kioskId !== undefined && entry.kioskId !== kioskId) return undefined;
    return entry.identity;
  }

  consume(token: string): void {
    this.byToken.delete(token);
  }

  private sweep(now: number): void {
    for (const [t, e] of this.byToken) if (e.expires < now) this.byToken.delete(t);
  }
}
