// Domain refusals. The HTTP edge maps `kind` to a status (404/409/403/400); nothing changes on a refusal.

export type RefusalKind = 'not-found' | 'conflict' | 'forbidden' | 'invalid';

export class Refusal extends Error {
  constructor(
    readonly kind: RefusalKind,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'Refusal';
  }
}

export const notFound = (code: string, message: string) => new Refusal('not-found', code, message);
export const conflict = (code: string, message: string) => new Refusal('conflict', code, message);
export const forbidden = (code: string, message: string) => new Refusal('forbidden', code, message);
export const invalid = (code: string, message: string, field?: string) => new Refusal('invalid', code, message, field);
