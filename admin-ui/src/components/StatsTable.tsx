// A statistics table (one row per window, service, staff member or day), the same figures as the export.
import { useI18n } from '../i18n/index.js';
import { num, percent } from '../format.js';

export interface StatsRow {
  key: string;
  label?: string;
  issued: number;
  served: number;
  noShow: number;
  cancelled: number;
  transfers: number;
  avgWaitMinutes: number | null;
  p90WaitMinutes: number | null;
  avgHandlingMinutes: number | null;
  p90HandlingMinutes: number | null;
  overTimeLimit: number;
  ratings: Record<'very-satisfied' | 'satisfied' | 'basic' | 'dissatisfied', number>;
  rated: number;
  satisfactionRate: number | null;
}

export function StatsTable({ rows, group, testId }: { rows: StatsRow[]; group: string; testId?: string }) {
  const { t } = useI18n();
  return (
    <table className="stats" data-testid={testId}>
      <thead>
        <tr>
          <th scope="col">{group}</th>
          <th scope="col">{t('stats.issued')}</th>
          <th scope="col">{t('stats.served')}</th>
          <th scope="col">{t('stats.noShow')}</th>
          <th scope="col">{t('stats.transfers')}</th>
          <th scope="col">{t('stats.avgWait')}</th>
          <th scope="col">{t('stats.p90Wait')}</th>
          <th scope="col">{t('stats.avgHandling')}</th>
          <th scope="col">{t('stats.p90Handling')}</th>
          <th scope="col">{t('stats.overTimeLimit')}</th>
          <th scope="col">{t('rating.very-satisfied')}</th>
          <th scope="col">{t('rating.satisfied')}</th>
          <th scope="col">{t('rating.basic')}</th>
          <th scope="col">{t('rating.dissatisfied')}</th>
          <th scope="col">{t('stats.satisfaction')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key}>
            <th scope="row">{r.label ?? r.key}</th>
            <td>{r.issued}</td>
            <td>{r.served}</td>
            <td>{r.noShow}</td>
            <td>{r.transfers}</td>
            <td>{num(r.avgWaitMinutes)}</td>
            <td>{num(r.p90WaitMinutes)}</td>
            <td>{num(r.avgHandlingMinutes)}</td>
            <td>{num(r.p90HandlingMinutes)}</td>
            <td className={r.overTimeLimit > 0 ? 'warn' : undefined}>{r.overTimeLimit}</td>
            <td>{r.ratings['very-satisfied']}</td>
            <td>{r.ratings.satisfied}</td>
            <td>{r.ratings.basic}</td>
            <td>{r.ratings.dissatisfied}</td>
            <td className={r.satisfactionRate !== null && r.satisfactionRate < 0.9 ? 'warn' : undefined}>{percent(r.satisfactionRate)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
