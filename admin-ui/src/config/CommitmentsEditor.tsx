// 服务承诺: the center's commitments, in the order the kiosk shows them, in Chinese and English.
import { Field, raw } from './content-fields.js';
import { ContentList } from './content-list.js';
import { usePageContext } from './page-context.js';
import type { Commitment, FieldError } from './use-kiosk-content.js';

export function CommitmentsEditor({ commitments, commit, error }: { commitments: Commitment[]; commit: (next: Commitment[]) => Promise<boolean>; error: FieldError | undefined }) {
  const { t } = usePageContext();
  return (
    <div data-testid="commitments-editor">
      <ContentList<Commitment>
        section="commitments" records={commitments} path="" label={t('content.commitments')} error={error} commit={commit} movable
        headers={[t('col.commitment'), t('col.commitmentEn'), t('col.body')]}
        rowTestId={(c) => `commitment-${c.id}`}
        nameOf={(c) => c.title}
        cells={(c) => (
          <>
            <td>{c.title}</td>
            <td>{c.titleEn}</td>
            <td>{c.body.length > 50 ? `${c.body.slice(0, 50)}…` : c.body}</td>
          </>
        )}
        newIdField={<Field name="id" label={t('col.contentId')} value="" />}
        read={(form, current) => ({
          id: current?.id ?? raw(form, 'id'), title: raw(form, 'title'), titleEn: raw(form, 'titleEn'), body: raw(form, 'body'), bodyEn: raw(form, 'bodyEn'),
        })}
        fields={(c) => (
          <>
            <Field name="title" label={t('col.commitment')} value={c?.title} />
            <Field name="titleEn" label={t('col.commitmentEn')} value={c?.titleEn} />
            <Field name="body" label={t('col.body')} value={c?.body} multiline />
            <Field name="bodyEn" label={t('col.bodyEn')} value={c?.bodyEn} multiline />
          </>
        )}
      />
    </div>
  );
}
