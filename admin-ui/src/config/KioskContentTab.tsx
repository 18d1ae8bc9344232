// 触摸查询内容: what the kiosks show under 触摸查询 — guides, the legal Q&A, the service network and the
// commitments. Content saves are ledger events in force on every hub at once; the network is configuration.
import { useState } from 'react';
import { CommitmentsEditor } from './CommitmentsEditor.js';
import type { Outcome } from './Feedback.js';
import { GuidesEditor } from './GuidesEditor.js';
import { NetworkEditor } from './NetworkEditor.js';
import { usePageContext } from './page-context.js';
import { QaEditor } from './QaEditor.js';
import type { Item } from './use-config.js';
import { useKioskContent, type ContentKind, type KindState } from './use-kiosk-content.js';

const PARTS = ['guides', 'qa', 'network', 'commitments'] as const;
type Part = (typeof PARTS)[number];

export function KioskContentTab({ services, network, configHash, reloadConfig, save, report }: {
  services: Item[];
  network: Item[];
  configHash: string | undefined;
  reloadConfig: () => Promise<unknown>;
  save: (method: 'DELETE', path: string) => Promise<boolean>;
  report: (o: Outcome | undefined) => void;
}) {
  const page = usePageContext();
  const { t, lang } = page;
  const { overview, fieldError, clearFieldError, apply, saveKind } = useKioskContent(page, report);
  const [part, setPart] = useState<Part>('guides');
  const when = (iso: string) => new Date(iso).toLocaleString(lang, { timeZone: 'Asia/Shanghai', hour12: false });
  const last = (s: KindState<unknown>) => (s.changedAt ? t('content.changed', { at: when(s.changedAt), by: s.changedBy ?? '' }) : t('content.unchanged'));
  const kind = part === 'network' ? undefined : (part as ContentKind);
  return (
    <div data-testid="content-tab">
      <div className="tabs" role="tablist" aria-label={t('tab.content')}>
        {PARTS.map((p) => (
          <button key={p} type="button" role="tab" aria-selected={part === p} onClick={() => { setPart(p); clearFieldError(); report(undefined); }}>
            {t(`content.${p}`)}
          </button>
        ))}
      </div>
      {kind && <p className="muted">{t('content.note')}{overview ? ` ${last(overview[kind])}` : ''}</p>}
      {part === 'network' && <NetworkEditor points={network} hash={configHash} apply={apply} reload={reloadConfig} save={save} error={fieldError} />}
      {overview && part === 'guides' && <GuidesEditor guides={overview.guides.content} services={services} error={fieldError} commit={(next) => saveKind('guides', next)} />}
      {overview && part === 'qa' && <QaEditor library={overview.qa.content} error={fieldError} commit={(next) => saveKind('qa', next)} />}
      {overview && part === 'commitments' && <CommitmentsEditor commitments={overview.commitments.content} error={fieldError} commit={(next) => saveKind('commitments', next)} />}
    </div>
  );
}
