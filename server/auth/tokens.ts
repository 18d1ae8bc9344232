// Expiring signed bearer tokens: base64url(JSON payload) + "." + HMAC-SHA256. Stateless, so a hub
// restart keeps people signed in; the key comes from the hub's secret.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Role } from '../domain/types.js';

export interface TokenClaims {
  sub: string; // username
  staffId: string;
  role: Role;
  name: string;
  iat: number;
  exp: number;
}

export class TokenSigner {
  constructor(private readonly key: Buffer, private readonly ttlMs = 12 * 3600_000) {}

  sign(claims: Omit<TokenClaims, 'iat' | 'exp'>, now: number): string {
    const payload = Buffer.from(JSON.stringify({ ...claims, iat: now, exp: now + this.ttlMs })).toString('base64url');
    return `${payload}.${this.mac(payload)}`;
  }

  /** The claims of a valid, unexpired token, else undefined. */
  verify(token: string, now: number): TokenClaims | undefined {
    const [payload, mac] = token.split('.');
    if (!payload || !mac) return undefined;
    const expected = Buffer.from(this.mac(payload));
    const given = Buffer.from(mac);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    try {
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as TokenClaims;
      return typeof claims.exp === 'number' && claims.exp > now ? claims : undefined;
    } catch {
      return undefined;
    }
  }

  private mac(payload: string): string {
    return createHmac('sha256', this.key).update(payload).digest('base64url');
  }
}
