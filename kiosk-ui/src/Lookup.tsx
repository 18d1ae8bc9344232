// 触摸查询: guides per service, the legal Q&A library, the service network, the staff board and the
// service commitments. Content is fetched when a section opens, so an admin's edit shows at once.
import { useEffect, useState, type Dispatch } from 'react';
import type { FlowAction, LookupSection } from './flow.js';
import { Bi, pick, useI18n, type MessageKey } from './i18n/index.js';
import type { KioskApi, KioskSetup, ServiceTile } from './kiosk-link.js';
import { Pager } from './TakeNumber.js';

interface Guide { serviceId: string; audience: string; audienceEn: string; steps: string[]; stepsEn: string[]; timeLimit: string; timeLimitEn: string; fees: string; feesEn: string; free: boolean }
interface QaLibrary { categories: { id: string; name: string; nameEn: string }[]; items: { id: string; category: string; question: string; questionEn: string; answer: string; answerEn: string }[] }
interface Commitment { id: string; title: string; titleEn: string; body: string; bodyEn: string }
interface NetworkPoint { id: string; level: 'center' | 'station' | 'room'; name: string; nameEn: string | null; area: string | null; areaEn: string | null; address: string | null; addressEn: string | null; phone: string; hours: string | null; hoursEn: string | null }
interface StaffEntry { id: string; name: string; nameLatin: string; title: string; titleEn: string | null; employeeNo: string; photo: string | null; whereabouts: 'on-duty' | 'away' | 'out' | 'leave'; whereaboutsNote: string | null; windowName: string | null; windowNameEn: string | null }

const SECTIONS: { id: LookupSection; title: MessageKey; hint: MessageKey; path: string }[] = [
  { id: 'guides', title: 'lookup.guides', hint: 'lookup.guidesHint', path: '/api/v1/kiosk/guides' },
  { id: 'qa', title: 'lookup.qa', hint: 'lookup.qaHint', path: '/api/v1/kiosk/qa' },
  { id: 'network', title: 'lookup.network', hint: 'lookup.networkHint', path: '/api/v1/kiosk/network' },
  { id: 'staff', title: 'lookup.staff', hint: 'lookup.staffHint', path: '/api/v1/kiosk/staff-board' },
  { id: 'commitments', title: 'lookup.commitments', hint: 'lookup.commitmentsHint', path: '/api/v1/kiosk/commitments' },
];

function useContent<T>(api: KioskApi, path: string): T | 'loading' | 'failed' {
  const [data, setData] = useState<T | 'loading' | 'failed'>('loading');
  useEffect(() => {
    let live = true;
    setData('loading');
    api.get<T>(path).then((d) => live && setData(d), () => live && setData('failed'));
    return () => {
      live = false;
    };
  }, [api, path]);
  return data;
}

export function Lookup({ section, api, services, setup, elder, dispatch }: {
  section: LookupSection | null; api: KioskApi; services: ServiceTile[]; setup: KioskSetup; elder: boolean; dispatch: Dispatch<FlowAction>;
}) {
  const { t } = useI18n();
  if (!section) {
    return (
      <section className="screen lookup" aria-labelledby="lookup-title">
        <h1 id="lookup-title">{t('lookup.title')}</h1>
        <div className="menu">
          {SECTIONS.map((s) => (
            <button key={s.id} type="button" className="menu-item" data-section={s.id} onClick={() => dispatch({ type: 'lookup', section: s.id })}>
              <span className="menu-title">{t(s.title)}</span>
              {!elder && <span className="menu-hint">{t(s.hint)}</span>}
            </button>
          ))}
        </div>
      </section>
    );
  }
  const spec = SECTIONS.find((s) => s.id === section)!;
  return (
    <section className="screen lookup" aria-labelledby="section-title" data-testid={`section-${section}`}>
      <h1 id="section-title">{t(spec.title)}</h1>
      <SectionBody section={section} path={spec.path} api={api} services={services} setup={setup} elder={elder} />
    </section>
  );
}

function SectionBody({ section, path, api, services, setup, elder }: { section: LookupSection; path: string; api: KioskApi; services: ServiceTile[]; setup: KioskSetup; elder: boolean }) {
  const { t } = useI18n();
  const data = useContent<unknown>(api, path);
  if (data === 'loading') return <p className="note" data-testid="loading">{t('lookup.loading')}</p>;
  if (data === 'failed') return <p className="error" role="alert">{t('lookup.failed')}</p>;
  switch (section) {
    case 'guides':
      return <Guides guides={data as Guide[]} services={services} setup={setup} />;
    case 'qa':
      return <Qa library={data as QaLibrary} elder={elder} />;
    case 'network':
      return <Network network={data as { center: NetworkPoint; points: NetworkPoint[] }} elder={elder} />;
    case 'staff':
      return <StaffBoard staff={data as StaffEntry[]} elder={elder} />;
    case 'commitments':
      return <Commitments items={data as Commitment[]} />;
  }
}

function Guides({ guides, services, setup }: { guides: Guide[]; services: ServiceTile[]; setup: KioskSetup }) {
  const { t, lang } = useI18n();
  const [open, setOpen] = useState(services[0]?.id ?? '');
  const service = services.find((s) => s.id === open);
  const guide = guides.find((g) => g.serviceId === open);
  const en = setup.servicesEn[open];
  const materials = lang === 'en' ? en?.materialsEn ?? service?.materials ?? [] : service?.materials ?? [];
  const hours = service?.hours ? pick(lang, service.hours, en?.hoursEn) : null;
  return (
    <div className="guides">
      <div className="chips" role="tablist">
        {services.map((s) => (
          <button key={s.id} type="button" role="tab" aria-selected={s.id === open} className={`chip${s.id === open ? ' on' : ''}`} onClick={() => setOpen(s.id)}>
            <Bi zh={s.name} en={s.nameEn} />
          </button>
        ))}
      </div>
      {service && (
        <article className="guide" role="tabpanel" data-testid="guide">
          <h2><Bi zh={service.name} en={service.nameEn} /></h2>
          {guide ? (
            <>
              <h3>{t('guide.audience')}</h3>
              <p><Bi zh={guide.audience} en={guide.audienceEn} /></p>
              <h3>{t('guide.materials')}</h3>
              <ol>{materials.map((m) => <li key={m}>{m}</li>)}</ol>
              <h3>{t('guide.steps')}</h3>
              <ol>{(lang === 'en' ? guide.stepsEn : guide.steps).map((step) => <li key={step}>{step}</li>)}</ol>
              <h3>{t('guide.timeLimit')}</h3>
              <p><Bi zh={guide.timeLimit} en={guide.timeLimitEn} /></p>
              <h3>{t('guide.fees')}</h3>
              <p>{guide.free && <span className="badge-free">{t('guide.free')}</span>} <Bi zh={guide.fees} en={guide.feesEn} /></p>
              {hours && (
                <>
                  <h3>{t('guide.hours')}</h3>
                  <p>{hours}</p>
                </>
              )}
            </>
          ) : (
            <p className="note">{t('guide.noGuide')}</p>
          )}
        </article>
      )}
    </div>
  );
}

function Qa({ library, elder }: { library: QaLibrary; elder: boolean }) {
  const { t, lang } = useI18n();
  const [cat, setCat] = useState(library.categories[0]?.id ?? '');
  const [openId, setOpenId] = useState<string | null>(null);
  const item = library.items.find((i) => i.id === openId);
  if (item) {
    return (
      <article className="answer" data-testid="qa-answer">
        <h2><Bi zh={item.question} en={item.questionEn} /></h2>
        <p><Bi zh={item.answer} en={item.answerEn} /></p>
        <button type="button" className="btn btn-big" data-testid="qa-back" onClick={() => setOpenId(null)}>{t('qa.back')}</button>
      </article>
    );
  }
  return (
    <div className="qa">
      <div className="chips" role="tablist" aria-label={t('qa.categories')}>
        {library.categories.map((c) => (
          <button key={c.id} type="button" role="tab" aria-selected={c.id === cat} className={`chip${c.id === cat ? ' on' : ''}`} onClick={() => setCat(c.id)}>
            <Bi zh={c.name} en={c.nameEn} />
          </button>
        ))}
      </div>
      <div className="list" role="tabpanel">
        <Pager
          key={cat}
          items={library.items.filter((i) => i.category === cat)}
          perPage={elder ? 3 : 6}
          render={(i) => (
            <button key={i.id} type="button" className="list-item" data-qa={i.id} onClick={() => setOpenId(i.id)}><Bi zh={i.question} en={i.questionEn} /></button>
          )}
        />
      </div>
    </div>
  );
}

function Network({ network, elder }: { network: { center: NetworkPoint; points: NetworkPoint[] }; elder: boolean }) {
  const { t } = useI18n();
  const all = [network.center, ...network.points];
  if (all.length === 0) return <p className="note">{t('network.none')}</p>;
  return (
    <div className="network">
      <Pager items={all} perPage={elder ? 2 : 5} render={(p) => <PointCard key={p.id} p={p} />} />
    </div>
  );
}

function PointCard({ p }: { p: NetworkPoint }) {
  const { t, lang } = useI18n();
  const level: MessageKey = p.level === 'center' ? 'network.center' : p.level === 'station' ? 'network.station' : 'network.room';
  return (
    <article className={`point point-${p.level}`} data-point={p.id}>
      <p className="point-level">{t(level)}{p.area ? <> · <Bi zh={p.area} en={p.areaEn} /></> : null}</p>
      <h2><Bi zh={p.name} en={p.nameEn} /></h2>
      <dl>
        {p.address && (
          <>
            <dt>{t('network.address')}</dt>
            <dd><Bi zh={p.address} en={p.addressEn} /></dd>
          </>
        )}
        <dt>{t('network.phone')}</dt>
        <dd>{p.phone}</dd>
        {p.hours && (
          <>
            <dt>{t('network.hours')}</dt>
            <dd><Bi zh={p.hours} en={p.hoursEn} /></dd>
          </>
        )}
      </dl>
    </article>
  );
}

function StaffBoard({ staff, elder }: { staff: StaffEntry[]; elder: boolean }) {
  const { t, lang } = useI18n();
  if (staff.length === 0) return <p className="note">{t('staff.none')}</p>;
  return (
    <div className="staff-board" data-testid="staff-board">
      <Pager
        items={staff}
        perPage={elder ? 3 : 8}
        render={(s) => {
          const name = lang === 'en' ? s.nameLatin : s.name;
          return (
            <article key={s.id} className="staff-card" data-staff={s.employeeNo}>
              {s.photo ? <img src={s.photo} alt={t('staff.photoOf', { name })} /> : <div className="no-photo" aria-hidden="true">{name.slice(0, 1)}</div>}
              <div>
                <h2>{name}</h2>
                <p data-testid="staff-title"><Bi zh={s.title} en={s.titleEn} /></p>
                <p>{t('staff.employeeNo', { no: s.employeeNo })}</p>
                <p className={`whereabouts w-${s.whereabouts}`}>
                  {t(`staff.whereabouts.${s.whereabouts}`)}
                  {s.windowName && s.whereabouts === 'on-duty' ? ` · ${t('staff.at', { window: pick(lang, s.windowName, s.windowNameEn) })}` : ''}
                </p>
              </div>
            </article>
          );
        }}
      />
    </div>
  );
}

function Commitments({ items }: { items: Commitment[] }) {
  const { lang } = useI18n();
  return (
    <div className="commitments">
      {items.map((c) => (
        <article key={c.id} className="commitment">
          <h2><Bi zh={c.title} en={c.titleEn} /></h2>
          <p><Bi zh={c.body} en={c.bodyEn} /></p>
        </article>
      ))}
    </div>
  );
}
