// 服务台账: every visit, filtered by day range, service, window, staff, rating and a full-text search
// over the matter and outcome; masked personal data with an audited reveal (admin); CSV / Excel
// export of exactly the filtered rows; an A4 print view; the hash-chain check.
import { useEffect, useState, type FormEvent } from 'react';
import { ApiFailure, api, apiWithHeaders, download, qs, type Session } from '../api.js';
import { clock, time } from '../format.js';
import { tOr, useI18n } from '../i18n/index.js';
import { navigate } from '../router.js';
import { useApi } from '../use-api.js';

export interface LedgerRow {
  ticketId: string;
  number: string;
  service: string;
  status: string;
  issuedAt: string;
  calledAt: string | null;
  finishedAt: string | null;
  windowId: string | null;
  staff: string | null;
  visitorName: string | null;
  phone: string | null;
  matter: string | null;
  outcome: string | null;
  rating: string | null;
  transfers: { at: string; fromWindowId: string; toService: string; toWindowId: string | null; note: string | null }[];
}

const PAGE_SIZE = 50;
const PRINT_MAX = 5000;
const FILTERS = ['from', 'to', 'serviceId', 'windowId', 'staffId', 'rating', 'q'] as const;
type Filters = Partial<Record<(typeof FILTERS)[number], string>>;

interface Option { id: string; name: string }

function filtersOf(query: URLSearchParams): Filters {
  const f: Filters = {};
  for (const k of FILTERS) {
    const v = query.get(k);
    if (v) f[k] = v;
  }
  return f;
}

export function LedgerPage({ session, query }: { session: Session; query: URLSearchParams }) {
  const { t } = useI18n();
  const filters = filtersOf(query);
  const page = Math.max(0, Number(query.get('page') ?? 0) || 0);
  const [rows, setRows] = useState<LedgerRow[]>();
  const [total, setTotal] = useState(0);
  const [error, setError] = useState<string>();
  const [notice, setNotice] = useState<{ ok: boolean; text: string }>();
  const [revealed, setRevealed] = useState<Record<string, string>>({});
  const [revealing, setRevealing] = useState<LedgerRow>();
  /** The print view holds every filtered row (up to PRINT_MAX), not only the page on screen. */
  const [printRows, setPrintRows] = useState<LedgerRow[]>();
  const services = useApi<Option[]>('/api/v1/services').data ?? [];
  const windows = useApi<Option[]>('/api/v1/windows').data ?? [];
  const staff = useApi<Option[]>('/api/v1/staff').data ?? [];
  // Days without a choice are the hub's business day (the API's default too), not the browser's.
  const hubDay = useApi<{ day: string }>('/api/v1/health').data?.day ?? '';
  const from = filters.from ?? filters.to ?? hubDay;
  const to = filters.to ?? (from > hubDay ? from : hubDay);
  const key = qs({ ...filters, page });

  useEffect(() => {
    apiWithHeaders<LedgerRow[]>(`/api/v1/ledger${qs({ ...filters, order: 'newest', limit: PAGE_SIZE, offset: page * PAGE_SIZE })}`).then(
      ({ body, headers }) => {
        setRows(body);
        setTotal(Number(headers.get('x-total-count') ?? body.length));
        setError(undefined);
      },
      (e: Error) => setError(e.message),
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  const apply = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const next: Record<string, string> = {};
    for (const k of FILTERS) {
      const v = String(form.get(k) ?? '').trim();
      if (v) next[k] = v;
    }
    navigate('ledger', next);
  };
  const exportAs = (format: 'csv' | 'xlsx') => download(`/api/v1/ledger/export${qs({ ...filters, format })}`).catch((e: Error) => setError(e.message));
  const verify = async () => {
    const r = await api<{ ok: boolean; events: number; firstBadEvent?: number; reason?: string }>('GET', '/api/v1/ledger/verify');
    setNotice(r.ok ? { ok: true, text: t('ledger.verifyOk', { events: r.events }) } : { ok: false, text: t('ledger.verifyBad', { seq: r.firstBadEvent ?? '?', reason: r.reason ?? '' }) });
  };
  const printAll = async () => {
    try {
      const all = await api<LedgerRow[]>('GET', `/api/v1/ledger${qs({ ...filters, order: 'newest', limit: Math.min(Math.max(total, 1), PRINT_MAX) })}`);
      setPrintRows(all);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  useEffect(() => {
    if (!printRows) return;
    const done = () => setPrintRows(undefined);
    window.addEventListener('afterprint', done, { once: true });
    const frame = requestAnimationFrame(() => window.print());
    return () => {
      cancelAnimationFrame(frame);
      window.removeEventListener('afterprint', done);
    };
  }, [printRows]);
  const shown = printRows ?? rows;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const goPage = (p: number) => navigate('ledger', { ...(filters as Record<string, string>), page: String(p) });

  return (
    <section className="ledger">
      <h1 className="no-print">{t('ledger.title')}</h1>
      <h1 className="print-only">{t('ledger.printTitle', { from, to })}</h1>
      <form className="filters no-print" onSubmit={apply} key={`${key}|${hubDay}`}>
        <label>{t('ledger.from')}<input type="date" name="from" defaultValue={from} /></label>
        <label>{t('ledger.to')}<input type="date" name="to" defaultValue={to} /></label>
        <label>{t('ledger.service')}
          <select name="serviceId" defaultValue={filters.serviceId ?? ''}><option value="">{t('common.all')}</option>{services.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}</select>
        </label>
        <label>{t('ledger.window')}
          <select name="windowId" defaultValue={filters.windowId ?? ''}><option value="">{t('common.all')}</option>{windows.map((w) => <option key={w.id} value={w.id}>{w.name}</option>)}</select>
        </label>
        <label>{t('ledger.staff')}
          <select name="staffId" defaultValue={filters.staffId ?? ''}><option value="">{t('common.all')}</option>{staff.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}</select>
        </label>
        <label>{t('ledger.rating')}
          <select name="rating" defaultValue={filters.rating ?? ''}>
            <option value="">{t('common.all')}</option>
            {(['very-satisfied', 'satisfied', 'basic', 'dissatisfied'] as const).map((r) => <option key={r} value={r}>{t(`rating.${r}`)}</option>)}
          </select>
        </label>
        <label className="grow">{t('ledger.search')}<input type="search" name="q" defaultValue={filters.q ?? ''} maxLength={100} /></label>
        <div className="actions">
          <button type="submit" className="primary">{t('ledger.query')}</button>
          <button type="button" onClick={() => exportAs('csv')}>{t('common.exportCsv')}</button>
          <button type="button" onClick={() => exportAs('xlsx')}>{t('common.exportXlsx')}</button>
          <button type="button" onClick={() => void printAll()}>{t('common.print')}</button>
          <button type="button" onClick={() => void verify()}>{t('ledger.verify')}</button>
        </div>
      </form>
      {notice && <p className={notice.ok ? 'notice ok no-print' : 'notice bad no-print'} role="status" data-testid="verify-result">{notice.text}</p>}
      {error && <p className="error" role="alert">{t('common.error', { message: error })}</p>}
      {!shown ? <p>{t('common.loading')}</p> : shown.length === 0 ? <p className="muted">{t('ledger.empty')}</p> : (
        <table className="ledger-table" data-testid="ledger-rows">
          <thead>
            <tr>
              <th scope="col">{t('ledger.col.number')}</th>
              <th scope="col">{t('ledger.col.service')}</th>
              <th scope="col">{t('ledger.col.name')}</th>
              <th scope="col">{t('ledger.col.phone')}</th>
              <th scope="col">{t('ledger.col.visitAt')}</th>
              <th scope="col">{t('ledger.col.calledAt')}</th>
              <th scope="col">{t('ledger.col.finishedAt')}</th>
              <th scope="col">{t('ledger.col.window')}</th>
              <th scope="col">{t('ledger.col.staff')}</th>
              <th scope="col">{t('ledger.col.matter')}</th>
              <th scope="col">{t('ledger.col.outcome')}</th>
              <th scope="col">{t('ledger.col.rating')}</th>
              <th scope="col">{t('ledger.col.status')}</th>
              <th scope="col">{t('ledger.col.transfers')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((r) => (
              <tr key={r.ticketId}>
                <td>{r.number}</td>
                <td>{r.service}</td>
                <td>
                  {r.visitorName ?? ''}
                  {session.role === 'admin' && (r.visitorName || r.phone) && !revealed[r.ticketId] && (
                    <button type="button" className="link no-print" onClick={() => setRevealing(r)}>{t('ledger.reveal')}</button>
                  )}
                  {revealed[r.ticketId] && <div className="revealed" data-testid="revealed">{revealed[r.ticketId]}</div>}
                </td>
                <td>{r.phone ?? ''}</td>
                <td>{time(r.issuedAt)}</td>
                <td>{clock(r.calledAt)}</td>
                <td>{clock(r.finishedAt)}</td>
                <td>{r.windowId ?? ''}</td>
                <td>{r.staff ?? ''}</td>
                <td>{r.matter ?? ''}</td>
                <td className="outcome">{r.outcome ?? ''}</td>
                <td className={r.rating === 'basic' || r.rating === 'dissatisfied' ? 'warn' : undefined}>{r.rating ? tOr(t, `rating.${r.rating}`, r.rating) : ''}</td>
                <td>{tOr(t, `status.${r.status}`, r.status)}</td>
                <td>{r.transfers.map((x) => `${x.fromWindowId}→${x.toWindowId ?? x.toService}`).join('；')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <nav className="pager no-print" aria-label={t('common.pages')}>
        <button type="button" disabled={page === 0} onClick={() => goPage(page - 1)}>{t('common.prev')}</button>
        <span data-testid="ledger-total">{t('common.page', { page: page + 1, pages, total })}</span>
        <button type="button" disabled={page + 1 >= pages} onClick={() => goPage(page + 1)}>{t('common.next')}</button>
      </nav>
      {revealing && (
        <RevealDialog
          row={revealing}
          onClose={() => setRevealing(undefined)}
          onRevealed={(text) => {
            setRevealed((m) => ({ ...m, [revealing.ticketId]: text }));
            setRevealing(undefined);
          }}
        />
      )}
    </section>
  );
}

/** The reveal asks why: the hub records who, when and why in the audit trail. */
function RevealDialog({ row, onClose, onRevealed }: { row: LedgerRow; onClose: () => void; onRevealed: (text: string) => void }) {
  const { t } = useI18n();
  const [error, setError] = useState<string>();
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const reason = String(new FormData(e.currentTarget).get('reason') ?? '').trim();
    if (!reason) return setError(t('ledger.revealReasonRequired'));
    try {
      const p = await api<{ name: string | null; phone: string | null; idNumber: string | null }>('POST', `/api/v1/tickets/${row.ticketId}/reveal`, { reason });
      onRevealed(t('ledger.revealed', { name: p.name ?? '—', phone: p.phone ?? '—', idNumber: p.idNumber ?? '—' }));
    } catch (err) {
      setError(err instanceof ApiFailure ? err.message : String(err));
    }
  };
  return (
    <div className="dialog-backdrop" role="presentation">
      <form className="dialog" role="dialog" aria-modal="true" aria-labelledby="reveal-title" onSubmit={submit}>
        <h2 id="reveal-title">{t('ledger.revealTitle', { number: row.number })}</h2>
        <label>{t('ledger.revealReason')}<textarea name="reason" maxLength={200} autoFocus /></label>
        {error && <p className="error" role="alert">{error}</p>}
        <div className="actions">
          <button type="submit" className="primary">{t('common.submit')}</button>
          <button type="button" onClick={onClose}>{t('common.cancel')}</button>
        </div>
      </form>
    </div>
  );
}
