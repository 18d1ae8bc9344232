// Resolves who is calling from the request's credentials. A presented but bad credential is a 401,
// never a silent downgrade to anonymous.
import type { Request } from 'express';
import type { TokenClaims } from '../auth/tokens.js';
import type { Hub, Principal } from '../hub.js';
import { ApiError, forbiddenRole, unauthorized } from './api-error.js';
import type { Access } from './route-spec.js';

export function principalOf(req: Request, hub: Hub): Principal {
  const auth = req.header('authorization');
  if (auth) {
    const m = /^Bearer\s+(\S+)$/i.exec(auth);
    const claims = m ? hub.tokens.verify(m[1]!, hub.clock.now()) : undefined;
    if (!claims) throw new ApiError(401, 'invalid-token', '登录已失效，请重新登录 / token invalid or expired');
    return { kind: 'user', claims };
  }
  return { kind: 'anonymous' };
}

/** Checks a route's role list for signed-in users; kiosk/screen keys are checked where they apply. */
export function checkAccess(access: Access[], principal: Principal): void {
  if (access.includes('public') || access.includes('kiosk') || access.includes('screen')) return;
  if (principal.kind !== 'user') throw unauthorized();
  if (!access.includes(principal.claims.role)) throw forbiddenRole();
}

export function claimsOf(principal: Principal): TokenClaims {
  if (principal.kind !== 'user') throw unauthorized();
  return principal.claims;
}

/**
 * For routes a kiosk or signed-in staff may call about a kiosk: the kiosk must exist, and a caller that is
 * not signed in must be that kiosk (its key when one is configured).
 */
export function kioskOrUser(hub: Hub, kioskId: string, principal: Principal, key: string | undefined): Principal {
  if (principal.kind !== 'user') return kioskPrincipal(hub, kioskId, key);
  if (!hub.config.kiosks.some((k) => k.id === kioskId)) throw new ApiError(404, 'kiosk-not-found', `无此取号机 / no kiosk ${kioskId}`);
  return principal;
}

/** A kiosk proves itself with its key when one is configured. */
export function kioskPrincipal(hub: Hub, kioskId: string, key: string | undefined): Principal {
  const kiosk = hub.config.kiosks.find((k) => k.id === kioskId);
  if (!kiosk) throw new ApiError(404, 'kiosk-not-found', `无此取号机 / no kiosk ${kioskId}`);
  if (kiosk.key !== undefined) {
    if (key === undefined) throw new ApiError(401, 'kiosk-key-required', '取号机密钥缺失 / X-Kiosk-Key required');
    if (key !== kiosk.key) throw new ApiError(403, 'kiosk-key-wrong', '取号机密钥错误 / wrong kiosk key');
  }
  return { kind: 'kiosk', kioskId };
}

export function requireUser(principal: Principal, roles: TokenClaims['role'][]): TokenClaims {
  const claims = claimsOf(principal);
  if (!roles.includes(claims.role)) throw forbiddenRole();
  return claims;
}
