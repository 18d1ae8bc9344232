// Audited reveal of a visitor's personal data: the domain decides who may (checkReveal / decideReveal),
// the ledger records every reveal before the plain values leave the hub.
import { ApiError } from '../api/api-error.js';
import type { TokenClaims } from '../auth/tokens.js';
import { checkReveal } from '../domain/reveal.js';
import type { Hub } from '../hub.js';

export interface Revealed {
  ticketId: string;
  number: string;
  name: string | null;
  phone: string | null;
  idNumber: string | null;
}

export async function revealTicket(hub: Hub, ticketId: string, reason: string, claims: TokenClaims): Promise<Revealed> {
  const ticket = await hub.findTicket(ticketId);
  if (!ticket) throw new ApiError(404, 'ticket-not-found', `无此号票 / no ticket ${ticketId}`);
  // Authorization first, so a refused caller learns nothing about what the ticket holds.
  checkReveal(hub.state, ticket.id, claims.staffId, claims.role);
  if (!ticket.personalRef) throw new ApiError(404, 'no-personal-data', `号票 ${ticket.number} 未登记个人信息 / no personal data was recorded for ticket ${ticket.number}`);
  const [record] = await hub.store.personal([ticket.personalRef]);
  if (!record) throw new ApiError(410, 'personal-data-purged', `号票 ${ticket.number} 的个人信息已按保存期限清除 / the personal data of ticket ${ticket.number} was purged`);
  const data = hub.vault.open(record);
  // Durable before answered: a reveal that is not in the ledger never happened.
  await hub.commit({ type: 'reveal', ticketId: ticket.id, number: ticket.number, by: claims.staffId, role: claims.role, reason });
  return { ticketId: ticket.id, number: ticket.number, name: data.name ?? null, phone: data.phone ?? null, idNumber: data.idNumber ?? null };
}
