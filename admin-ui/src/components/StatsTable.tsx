// A statistics table (one row per window, service, staff member or day), the same figures as the export.
import { useI18n } from '../i18n/index.js';
import { num, percent } from '../format.js';
import type { StatsRow as DomainStatsRow } from '../../../server/domain/stats.js';

/** A row as the statistics routes send it: the domain's figures plus the group's display label. */
export type StatsRow = DomainStatsRow & { label?: string };

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
