// 办事指南: one guide per service — who it is for, the steps, the time limit and the fees, in Chinese and
// English (the materials come from the service itself). A new guide is for a service that has none yet.
import type { Item } from './use-config.js';
import { Field, raw } from './content-fields.js';
import { ContentList } from './content-list.js';
import { usePageContext } from './page-context.js';
import { lines } from './use-config.js';
import type { FieldError, Guide } from './use-kiosk-content.js';

type Row = Guide & { id: string };

export function GuidesEditor({ guides, services, commit, error }: { guides: Guide[]; services: Item[]; commit: (next: Guide[]) => Promise<boolean>; error: FieldError | undefined }) {
  const { t } = usePageContext();
  const name = (serviceId: string) => String(services.find((s) => s.id === serviceId)?.name ?? '');
  const rows: Row[] = guides.map((g) => ({ ...g, id: g.serviceId }));
  const unguided = services.filter((s) => !guides.some((g) => g.serviceId === s.id));
  return (
    <div data-testid="guides-editor">
      <p className="muted">{unguided.length > 0 ? t('content.noGuide', { names: unguided.map((s) => String(s.name)).join('、') }) : t('content.allGuided')}</p>
      <ContentList<Row>
        section="guides" records={rows} path="" label={t('content.guides')} error={error}
        commit={(next) => commit(next.map(({ id: _id, ...g }) => g))}
        headers={[t('col.service'), t('col.audience'), t('col.stepsCount'), t('col.guideTimeLimit'), t('col.free')]}
        rowTestId={(g) => `guide-${g.id}`}
        nameOf={(g) => name(g.id) || g.id}
        cells={(g) => (
          <>
            <td>{name(g.id) || <>{g.id} <span className="error">{t('content.serviceRemoved')}</span></>}</td>
            <td>{g.audience.length > 40 ? `${g.audience.slice(0, 40)}…` : g.audience}</td>
            <td>{g.steps.length}</td>
            <td>{g.timeLimit}</td>
            <td>{g.free ? t('yes') : t('no')}</td>
          </>
        )}
        newIdField={(
          <label>{t('col.service')}
            <select name="id" required>
              {unguided.map((s) => <option key={s.id} value={s.id}>{String(s.name)}</option>)}
            </select>
          </label>
        )}
        read={(form, current) => ({
          id: current?.id ?? raw(form, 'id'), serviceId: current?.id ?? raw(form, 'id'),
          audience: raw(form, 'audience'), audienceEn: raw(form, 'audienceEn'),
          steps: lines(raw(form, 'steps')), stepsEn: lines(raw(form, 'stepsEn')),
          timeLimit: raw(form, 'timeLimit'), timeLimitEn: raw(form, 'timeLimitEn'),
          fees: raw(form, 'fees'), feesEn: raw(form, 'feesEn'),
          free: new FormData(form).get('free') === 'on',
        })}
        fields={(g) => (
          <>
            <Field name="audience" label={t('col.audience')} value={g?.audience} multiline />
            <Field name="audienceEn" label={t('col.audienceEn')} value={g?.audienceEn} multiline />
            <Field name="steps" label={t('col.steps')} value={g?.steps.join('\n')} multiline rows={5} />
            <Field name="stepsEn" label={t('col.stepsEn')} value={g?.stepsEn.join('\n')} multiline rows={5} />
            <Field name="timeLimit" label={t('col.guideTimeLimit')} value={g?.timeLimit} />
            <Field name="timeLimitEn" label={t('col.guideTimeLimitEn')} value={g?.timeLimitEn} />
            <Field name="fees" label={t('col.fees')} value={g?.fees} />
            <Field name="feesEn" label={t('col.feesEn')} value={g?.feesEn} />
            <label className="check wide"><input type="checkbox" name="free" defaultChecked={g?.free ?? true} />{t('col.freeCheck')}</label>
          </>
        )}
      />
    </div>
  );
}
