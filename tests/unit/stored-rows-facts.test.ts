// Visit facts as both ledger stores read them: six labels joined in one text per row, then the times.
import { describe, expect, it } from 'vitest';
import { factColumns, toVisitFacts, type FactRow } from '../../server/ledger/stored-rows.js';

const S = '\x1f';

describe('toVisitFacts', () => {
  it('decodes the labels, with absent window, staff, rating and times as undefined', () => {
    const rows: FactRow[] = [
      [['2026-11-20', 'consult', '2', 'staff-2', 'done', 'basic'].join(S), 1000, 2000, 2500, 3000, 9000, 1],
      [['2026-11-20', 'reception', '', '', 'cancelled', ''].join(S), 1100, null, null, null, null, 0],
    ];
    expect(toVisitFacts(rows)).toEqual([
      { serviceId: 'consult', windowId: '2', staffId: 'staff-2', day: '2026-11-20', status: 'done', rating: 'basic', issuedAt: 1000, firstCalledAt: 2000, calledAt: 2500, startedAt: 3000, finishedAt: 9000, transfers: 1 },
      { serviceId: 'reception', windowId: undefined, staffId: undefined, day: '2026-11-20', status: 'cancelled', rating: undefined, issuedAt: 1100, firstCalledAt: undefined, calledAt: undefined, startedAt: undefined, finishedAt: undefined, transfers: 0 },
    ]);
  });

  it('selects the labels in the order toVisitFacts reads them', () => {
    expect(factColumns('char(31)')).toBe(
      "coalesce(day, '') || char(31) || coalesce(service_id, '') || char(31) || coalesce(window_id, '') || char(31) || coalesce(staff_id, '') || char(31) || coalesce(status, '') || char(31) || coalesce(rating, '') AS labels, issued_at, first_called_at, called_at, started_at, finished_at, transfers",
    );
  });
});
