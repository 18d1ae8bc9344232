// The city view: every site with the day's and the month's figures, read from the per-day totals kept
// at ingest (one indexed query, whatever the number of events), plus whether the site still reports.
import type { Pool } from 'pg';
import { TOTAL_FIELDS, addTotals, emptyTotals, figuresOf, type DayTotals, type Figures } from './day-totals.js';

export interface SiteRow {
  site: string;
  name: string;
  timeZone: string;
  /** Events of the site the city has accepted (its chain head). */
  events: number;
  /** Events received but not yet accepted (waiting for ingestion, or held back by a refusal). */
  pending: number;
  lastEventAt: number | null;
  lastContactAt: number;
  refusal: { seq: number; reason: string; at: number } | null;
  day: DayTotals;
  month: DayTotals;
}

export interface SiteFigures extends Figures {
  site: string;
  name: string;
  lastEventAt: string | null;
  month: Figures;
  lastContactAt: string;
  /** `ok`; `stale` = no contact for longer than the threshold (stopped reporting); `refused` = a broken chain. */
  status: 'ok' | 'stale' | 'refused';
  events: number;
  pending: number;
  refusal: { seq: number; reason: string; at: string } | null;
}

export interface CityView {
  date: string;
  monthFrom: string;
  staleAfterMinutes: number;
  sites: SiteFigures[];
  city: { day: Figures; month: Figures; sites: number; reporting: number; stale: number; refused: number };
}

const SUMS = TOTAL_FIELDS.map((k) => `coalesce(sum(${columnOf(k)}), 0)::float8 AS ${columnOf(k)}`).join(', ');

function columnOf(k: keyof DayTotals): string {
  return k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

function totalsFrom(row: Record<string, unknown>, prefix: string): DayTotals {
  const t = emptyTotals();
  for (const k of TOTAL_FIELDS) t[k] = Number(row[`${prefix}${columnOf(k)}`] ?? 0);
  return t;
}

const iso = (ms: number) => new Date(ms).toISOString();

export async function readSites(pool: Pool, date: string): Promise<SiteRow[]> {
  const monthFrom = `${date.slice(0, 8)}01`;
  const cols = TOTAL_FIELDS.map((k) => columnOf(k));
  const r = await pool.query(`
    WITH m AS (SELECT site, ${SUMS} FROM central_day_figures WHERE day >= $2 AND day <= $1 GROUP BY site)
    SELECT s.site, s.name, s.time_zone, s.head_seq, s.last_event_at, extract(epoch FROM s.last_contact_at) * 1000 AS last_contact_ms,
      s.refused_seq, s.refused_reason, extract(epoch FROM s.refused_at) * 1000 AS refused_ms,
      greatest(s.received_seq - s.head_seq, 0) AS pending,
      ${cols.map((c) => `d.${c} AS d_${c}, m.${c} AS m_${c}`).join(', ')}
    FROM central_sites s
    LEFT JOIN central_day_figures d ON d.site = s.site AND d.day = $1
    LEFT JOIN m ON m.site = s.site
    ORDER BY s.site`, [date, monthFrom]);
  return r.rows.map((row) => ({
    site: row.site,
    name: row.name,
    timeZone: row.time_zone,
    events: Number(row.head_seq),
    pending: Number(row.pending),
    lastEventAt: row.last_event_at === null ? null : Number(row.last_event_at),
    lastContactAt: Math.round(Number(row.last_contact_ms)),
    refusal: row.refused_seq === null ? null : { seq: Number(row.refused_seq), reason: row.refused_reason, at: Math.round(Number(row.refused_ms)) },
    day: totalsFrom(row, 'd_'),
    month: totalsFrom(row, 'm_'),
  }));
}

/** Shapes the rows for the API and the page; `now` and the threshold decide who stopped reporting. */
export function cityView(rows: SiteRow[], date: string, now: number, staleAfterMinutes: number): CityView {
  const dayTotal = emptyTotals();
  const monthTotal = emptyTotals();
  const sites = rows.map((r): SiteFigures => {
    addTotals(dayTotal, r.day);
    addTotals(monthTotal, r.month);
    const status = r.refusal ? 'refused' : now - r.lastContactAt > staleAfterMinutes * 60_000 ? 'stale' : 'ok';
    return {
      site: r.site,
      name: r.name,
      lastEventAt: r.lastEventAt === null ? null : iso(r.lastEventAt),
      ...figuresOf(r.day),
      month: figuresOf(r.month),
      lastContactAt: iso(r.lastContactAt),
      status,
      events: r.events,
      pending: r.pending,
      refusal: r.refusal && { seq: r.refusal.seq, reason: r.refusal.reason, at: iso(r.refusal.at) },
    };
  });
  const count = (s: SiteFigures['status']) => sites.filter((x) => x.status === s).length;
  return {
    date,
    monthFrom: `${date.slice(0, 8)}01`,
    staleAfterMinutes,
    sites,
    city: { day: figuresOf(dayTotal), month: figuresOf(monthTotal), sites: sites.length, reporting: count('ok'), stale: count('stale'), refused: count('refused') },
  };
}

/** Lets a refused site start over from the city's head: its unaccepted rows go, the site resends. */
export async function resetRefusal(pool: Pool, site: string): Promise<boolean> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const r = await client.query(`UPDATE central_sites SET refused_seq = NULL, refused_reason = NULL, refused_at = NULL, received_seq = head_seq
      WHERE site = $1 AND refused_seq IS NOT NULL RETURNING head_seq`, [site]);
    if (r.rowCount === 1) await client.query('DELETE FROM central_inbox WHERE site = $1', [site]);
    await client.query('COMMIT');
    return r.rowCount === 1;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}
