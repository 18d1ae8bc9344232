// The take-a-number screens: service tiles, the ID card step (with the green channel offer), the
// optional phone number, the confirmation and the ticket.
import { useState, type Dispatch } from 'react';
import type { CardRead, FlowAction, FlowState, IssuedTicket } from './flow.js';
import { Bi, pick, useI18n, Zh, type MessageKey } from './i18n/index.js';
import { Keypad } from './Keypad.js';
import type { KioskSetup, PrinterState, ServiceTile } from './kiosk-link.js';
import { Qr } from './Qr.js';

export function Pager<T>({ items, perPage, render }: { items: T[]; perPage: number; render(item: T): React.ReactNode }) {
  const { t } = useI18n();
  const [page, setPage] = useState(0);
  const pages = Math.max(1, Math.ceil(items.length / perPage));
  const current = Math.min(page, pages - 1);
  return (
    <>
      {items.slice(current * perPage, current * perPage + perPage).map(render)}
      {pages > 1 && (
        <nav className="pager" aria-label={t('nav.page', { page: current + 1, pages })}>
          <button type="button" className="btn" disabled={current === 0} onClick={() => setPage(current - 1)}>{t('nav.prev')}</button>
          <span>{t('nav.page', { page: current + 1, pages })}</span>
          <button type="button" className="btn" disabled={current === pages - 1} onClick={() => setPage(current + 1)}>{t('nav.next')}</button>
        </nav>
      )}
    </>
  );
}

export function ServiceTiles({ services, setup, elder, dispatch }: { services: ServiceTile[]; setup: KioskSetup; elder: boolean; dispatch: Dispatch<FlowAction> }) {
  const { t, lang } = useI18n();
  return (
    <section className="screen services" aria-labelledby="services-title">
      <h1 id="services-title">{t('services.title')}</h1>
      {services.length === 0 && <p className="note">{t('services.none')}</p>}
      <div className="tiles" data-testid="service-tiles">
        <Pager
          items={services}
          perPage={elder ? 4 : 8}
          render={(s) => {
            const hours = pick(lang, s.hours ?? '', setup.servicesEn[s.id]?.hoursEn);
            return (
              <button key={s.id} type="button" className={`tile${s.open ? '' : ' closed'}`} data-service={s.id} onClick={() => dispatch({ type: 'choose-service', serviceId: s.id })}>
                <span className="tile-name"><Bi zh={s.name} en={s.nameEn} /></span>
                {/* the other language's name, small: a foreign visitor finds the service before switching */}
                {!elder && (lang === 'en' ? <span className="tile-name-alt" lang="zh-CN">{s.name}</span> : <span className="tile-name-alt" lang="en">{s.nameEn}</span>)}
                {!elder && s.description && <span className="tile-desc"><Bi zh={s.description} en={s.descriptionEn} /></span>}
                <span className="tile-live" data-testid={`live-${s.id}`}>
                  {t('services.waiting', { count: s.waiting })} · {t('services.estimate', { minutes: s.estimatedWaitMinutes })}
                </span>
                {!s.open && (
                  <span className="tile-closed">
                    {t('services.closed')}
                    {hours && <><br />{t('services.opens', { hours })}</>}
                  </span>
                )}
              </button>
            );
          }}
        />
      </div>
    </section>
  );
}

/** Where the card goes: a drawing of the kiosk's reader area with a card on it. */
function CardPicture() {
  const { t } = useI18n();
  return (
    <svg className="card-picture" viewBox="0 0 320 200" role="img" aria-label={t('identify.picture')}>
      <rect x="20" y="120" width="280" height="64" rx="10" fill="#1d3557" />
      <text x="160" y="168" textAnchor="middle" fontSize="22" fill="#fff">{t('identify.readerArea')}</text>
      <g className="card-anim">
        <rect x="90" y="30" width="140" height="88" rx="8" fill="#e8f1fb" stroke="#0b4f8a" strokeWidth="4" />
        <rect x="104" y="46" width="36" height="44" rx="3" fill="#9cb9d9" />
        <rect x="150" y="52" width="66" height="8" fill="#0b4f8a" />
        <rect x="150" y="70" width="54" height="8" fill="#0b4f8a" />
      </g>
      <path d="M160 100 v22 m-10 -10 l10 10 l10 -10" stroke="#b3261e" strokeWidth="5" fill="none" />
    </svg>
  );
}

export function IdentifyStep({ flow, setup, cardProblem, dispatch }: { flow: FlowState; setup: KioskSetup; cardProblem: MessageKey | null; dispatch: Dispatch<FlowAction> }) {
  const { t } = useI18n();
  const id = flow.identity;
  if (id && flow.greenOffered) {
    return (
      <section className="screen identify" aria-labelledby="green-title">
        <p className="greeting" data-testid="greeting">{t('identify.hello')}<Zh>{id.nameMasked}</Zh></p>
        <h1 id="green-title">{t('identify.greenTitle')}</h1>
        <p className="lead">{t('identify.greenBody', { age: setup.greenAge })}</p>
        <div className="choices">
          <button type="button" className="btn btn-green btn-big" data-testid="choose-green" onClick={() => dispatch({ type: 'choose-priority', priority: 'green' })}>{t('identify.greenYes')}</button>
          <button type="button" className="btn btn-big" data-testid="choose-normal" onClick={() => dispatch({ type: 'choose-priority', priority: 'normal' })}>{t('identify.greenNo')}</button>
        </div>
      </section>
    );
  }
  return (
    <section className="screen identify" aria-labelledby="identify-title">
      <h1 id="identify-title">{t('identify.title')}</h1>
      <p className="lead">{t('identify.hint')}</p>
      {cardProblem && <p className="error" role="alert" data-testid="card-problem">{t(cardProblem)}</p>}
      <CardPicture />
      <p className="note">{t('identify.why', { age: setup.greenAge })}</p>
      <button type="button" className="btn btn-big" data-testid="skip-card" onClick={() => dispatch({ type: 'skip-card' })}>{t('identify.skip')}</button>
    </section>
  );
}

export function PhoneStep({ flow, dispatch }: { flow: FlowState; dispatch: Dispatch<FlowAction> }) {
  const { t } = useI18n();
  if (flow.step.name !== 'phone') return null;
  const { digits, invalid } = flow.step;
  return (
    <section className="screen phone" aria-labelledby="phone-title">
      <h1 id="phone-title">{t('phone.title')}</h1>
      <p className="note">{t('phone.hint')}</p>
      <output className="phone-display" aria-label={t('phone.display')} data-testid="phone-display">{digits || <span className="placeholder">{t('phone.empty')}</span>}</output>
      {invalid && <p className="error" role="alert">{t('phone.invalid')}</p>}
      <Keypad label={t('phone.display')} onDigit={(key) => dispatch({ type: 'phone-key', key })} onDelete={() => dispatch({ type: 'phone-delete' })} onClear={() => dispatch({ type: 'phone-clear' })} />
      <div className="choices">
        <button type="button" className="btn btn-big" data-testid="phone-skip" onClick={() => dispatch({ type: 'phone-skip' })}>{t('phone.skip')}</button>
        <button type="button" className="btn btn-primary btn-big" data-testid="phone-ok" onClick={() => dispatch({ type: 'phone-done' })}>{t('phone.ok')}</button>
      </div>
    </section>
  );
}

const maskPhone = (p: string) => (p.length >= 7 ? `${p.slice(0, 3)}****${p.slice(-4)}` : `${p.slice(0, 1)}***${p.slice(-1)}`);

export function ConfirmStep({ flow, service, connected, onSubmit }: { flow: FlowState; service: ServiceTile; connected: boolean; onSubmit(): void }) {
  const { t, lang } = useI18n();
  return (
    <section className="screen confirm" aria-labelledby="confirm-title">
      {flow.identity && <p className="greeting" data-testid="greeting">{t('identify.hello')}<Zh>{flow.identity.nameMasked}</Zh></p>}
      <h1 id="confirm-title">{t('confirm.title')}</h1>
      <dl className="facts">
        <dt>{t('confirm.service')}</dt>
        <dd><Bi zh={service.name} en={service.nameEn} /></dd>
        <dt>{t('confirm.identity')}</dt>
        <dd>{flow.identity ? <><Zh>{flow.identity.nameMasked}</Zh> {flow.identity.idNumberMasked}</> : t('confirm.noIdentity')}</dd>
        {!flow.identity && (
          <>
            <dt>{t('confirm.phone')}</dt>
            <dd>{flow.phone ? maskPhone(flow.phone) : t('confirm.noPhone')}</dd>
          </>
        )}
        <dt>{t('confirm.priority')}</dt>
        <dd data-testid="priority">{flow.priority === 'green' ? t('confirm.green') : t('confirm.normal')}</dd>
      </dl>
      {!service.open && <p className="note">{t('confirm.closedNote')}</p>}
      {flow.error && (
        <p className="error" role="alert" data-testid="issue-error">{t(flow.error, { code: flow.errorCode ?? '' })}</p>
      )}
      <button type="button" className="btn btn-primary btn-huge" data-testid="submit" disabled={!connected || flow.submitting} onClick={onSubmit}>
        {flow.submitting ? t('confirm.submitting') : flow.error ? t('error.retry') : t('confirm.submit')}
      </button>
    </section>
  );
}

export function TicketStep({ ticket, service, setup, printer, windowNames, onDone }: {
  ticket: IssuedTicket; service: ServiceTile | undefined; setup: KioskSetup; printer: PrinterState; windowNames: string[]; onDone(): void;
}) {
  const { t, lang } = useI18n();
  const materials = lang === 'en' ? setup.servicesEn[ticket.serviceId]?.materialsEn ?? service?.materials ?? [] : service?.materials ?? [];
  const base = (setup.publicUrl ?? window.location.origin).replace(/\/$/, '');
  const notPrinted = ticket.print === 'failed' || printer === 'paper-out';
  return (
    <section className="screen ticket" aria-labelledby="ticket-title" data-testid="ticket">
      <h1 id="ticket-title">{t('ticket.title')}</h1>
      {notPrinted ? (
        <p className="warning" role="alert" data-testid="print-failed">{t('ticket.printFailed', { number: ticket.number })}</p>
      ) : ticket.print === 'none' ? (
        <p className="note" data-testid="print-none">{t('ticket.printNone', { number: ticket.number })}</p>
      ) : (
        <p className="ok" data-testid="printed">{t('ticket.printed')}</p>
      )}
      <p className="your-number">{t('ticket.yourNumber')}</p>
      <p className="ticket-number" data-testid="ticket-number">{ticket.number}</p>
      {ticket.priority === 'green' && <p className="badge-green" data-testid="green-badge">{t('ticket.green')}</p>}
      <p className="ticket-service"><Bi zh={ticket.serviceName} en={ticket.serviceNameEn} /></p>
      <div className="ticket-figures">
        <p data-testid="ahead">{t('ticket.ahead', { count: ticket.ahead })}</p>
        <p>{t('ticket.wait', { minutes: ticket.estimatedWaitMinutes })}</p>
        {windowNames.length > 0 && <p>{t('ticket.windows', { windows: windowNames.join(lang === 'en' ? ', ' : '、') })}</p>}
      </div>
      <div className="ticket-bottom">
        <div className="materials">
          <h2>{t('ticket.materials')}</h2>
          {materials.length ? <ol>{materials.map((m) => <li key={m}>{m}</li>)}</ol> : <p>{t('ticket.noMaterials')}</p>}
        </div>
        <figure className="qr-box">
          <Qr text={`${base}/t/${ticket.id}`} label={t('ticket.qr')} size={220} />
          <figcaption>{t('ticket.qr')}</figcaption>
        </figure>
      </div>
      <p className="note">{t('ticket.listen')}</p>
      <button type="button" className="btn btn-primary btn-big" data-testid="done" onClick={onDone}>{t('ticket.done')}</button>
    </section>
  );
}

export type { CardRead };
