// 法律问答: the categories (the kiosk's chips, in order) and the questions with their answers (in order
// within their category), in Chinese and English. A category still holding questions cannot go: the hub
// names the first question that would be left without one.
import { Field, raw } from './content-fields.js';
import { ContentList } from './content-list.js';
import { usePageContext } from './page-context.js';
import type { FieldError, QaCategory, QaItem, QaLibrary } from './use-kiosk-content.js';

export function QaEditor({ library, commit, error }: { library: QaLibrary; commit: (next: QaLibrary) => Promise<boolean>; error: FieldError | undefined }) {
  const { t } = usePageContext();
  const categoryName = (id: string) => library.categories.find((c) => c.id === id)?.name ?? id;
  return (
    <div data-testid="qa-editor">
      <h2>{t('content.categories')}</h2>
      <ContentList<QaCategory>
        section="qa-categories" records={library.categories} path="categories" label={t('content.categories')} error={error} movable
        commit={(categories) => commit({ ...library, categories })}
        headers={[t('col.id'), t('col.name'), t('col.nameEn')]}
        rowTestId={(c) => `qa-category-${c.id}`}
        nameOf={(c) => c.name}
        cells={(c) => (
          <>
            <td>{c.id}</td>
            <td>{c.name}</td>
            <td>{c.nameEn}</td>
          </>
        )}
        newIdField={<Field name="id" label={t('col.contentId')} value="" />}
        read={(form, current) => ({ id: current?.id ?? raw(form, 'id'), name: raw(form, 'name'), nameEn: raw(form, 'nameEn') })}
        fields={(c) => (
          <>
            <Field name="name" label={t('col.name')} value={c?.name} />
            <Field name="nameEn" label={t('col.nameEn')} value={c?.nameEn} />
          </>
        )}
      />
      <h2>{t('content.items')}</h2>
      <ContentList<QaItem>
        section="qa" records={library.items} path="items" label={t('content.items')} error={error} movable sameGroup={(a, b) => a.category === b.category}
        commit={(items) => commit({ ...library, items })}
        headers={[t('col.qaCategory'), t('col.question'), t('col.questionEn')]}
        rowTestId={(i) => `qa-item-${i.id}`}
        nameOf={(i) => i.question}
        cells={(i) => (
          <>
            <td>{categoryName(i.category)}</td>
            <td>{i.question}</td>
            <td>{i.questionEn}</td>
          </>
        )}
        newIdField={<Field name="id" label={t('col.contentId')} value="" />}
        read={(form, current) => ({
          id: current?.id ?? raw(form, 'id'), category: raw(form, 'category'),
          question: raw(form, 'question'), questionEn: raw(form, 'questionEn'), answer: raw(form, 'answer'), answerEn: raw(form, 'answerEn'),
        })}
        fields={(i) => (
          <>
            <label>{t('col.qaCategory')}
              <select name="category" required defaultValue={i?.category ?? library.categories[0]?.id}>
                {library.categories.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
              </select>
            </label>
            <Field name="question" label={t('col.question')} value={i?.question} wide />
            <Field name="questionEn" label={t('col.questionEn')} value={i?.questionEn} wide />
            <Field name="answer" label={t('col.answer')} value={i?.answer} multiline rows={5} />
            <Field name="answerEn" label={t('col.answerEn')} value={i?.answerEn} multiline rows={5} />
          </>
        )}
      />
    </div>
  );
}
