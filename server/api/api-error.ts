// The contract's error shape: { error: { code, message, field? } } with a fitting status.
import { Refusal } from '../domain/errors.js';

export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly field?: string, readonly headers?: Record<string, string>) {
    super(message);
    this.name = 'ApiError';
  }
}

const REFUSAL_STATUS = { 'not-found': 404, conflict: 409, forbidden: 403, invalid: 400 } as const;

export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  if (err instanceof Refusal) return new ApiError(REFUSAL_STATUS[err.kind], err.code, err.message, err.field);
  return new ApiError(500, 'internal', '服务器内部错误 / internal error');
}

export const unauthorized = (message = '请先登录 / sign in first') => new ApiError(401, 'unauthorized', message);
export const forbiddenRole = (message = '无权执行此操作 / not allowed for your role') => new ApiError(403, 'forbidden', message);
