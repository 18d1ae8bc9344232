// Who may see the city view: the city administrator, with the password given to the city server
// (`YICHUANG_ADMIN_PASSWORD`, or a one-time password printed at start). Sign-in answers a bearer token
// (the hub's token format) for API clients and sets an HttpOnly cookie for the dashboard page. The
// signing key lives in the central database, so every city process and a restart accept the token.
import { randomBytes } from 'node:crypto';
import type { Request } from 'express';
import type { Pool } from 'pg';
import { hashPassword, verifyPassword } from '../auth/passwords.js';
import { RateLimiter } from '../auth/rate-limiter.js';
import { TokenSigner, type TokenClaims } from '../auth/tokens.js';
import { ApiError, unauthorized } from '../api/api-error.js';

export const CENTRAL_USER = 'admin';
export const SESSION_COOKIE = 'yichuang_central';

export class CentralAuth {
  private readonly attempts = new RateLimiter(10, 10);

  private constructor(private readonly signer: TokenSigner, private readonly passwordHash: string) {}

  static async create(pool: Pool, password: string): Promise<CentralAuth> {
    await pool.query(`INSERT INTO central_meta (key, value) VALUES ('token-key', $1) ON CONFLICT (key) DO NOTHING`, [randomBytes(32).toString('base64')]);
    const key = (await pool.query<{ value: string }>(`SELECT value FROM central_meta WHERE key = 'token-key'`)).rows[0]!.value;
    return new CentralAuth(new TokenSigner(Buffer.from(key, 'base64')), await hashPassword(password));
  }

  /** A token for the right username and password; 401 otherwise, 429 when someone keeps guessing. */
  async signIn(username: string, password: string, from: string, now: number): Promise<{ token: string; claims: TokenClaims }> {
    if (!this.attempts.take(from, now)) {
      throw new ApiError(429, 'rate-limited', '尝试次数过多，请稍后再试 / too many attempts, try again later', undefined, { 'Retry-After': String(this.attempts.retryAfter(from)) });
    }
    if (username !== CENTRAL_USER || !(await verifyPassword(password, this.passwordHash))) throw unauthorized('用户名或密码错误 / wrong username or password');
    const claims = { sub: CENTRAL_USER, staffId: 'central-admin', role: 'admin' as const, name: '市级管理员' };
    const token = this.signer.sign(claims, now);
    return { token, claims: this.signer.verify(token, now)! };
  }

  /** The signed-in administrator of a request (bearer header or session cookie), or undefined. */
  claims(req: Request, now: number): TokenClaims | undefined {
    const header = req.get('authorization');
    const token = header?.startsWith('Bearer ') ? header.slice(7) : cookie(req, SESSION_COOKIE);
    return token ? this.signer.verify(token, now) : undefined;
  }
}

function cookie(req: Request, name: string): string | undefined {
  for (const part of (req.get('cookie') ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}
