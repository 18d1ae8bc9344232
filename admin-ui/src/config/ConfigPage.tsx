// 配置管理: services, windows, staff, kiosks, hall notices, kiosk content (触摸查询), center and rules — every save validated by the
// hub with the configuration file's schema, refused (with the reason) when it would strand citizens or
// repeat numbers, in force at once and recorded in the ledger; plus the configuration file export.
import { useCallback, useEffect, useState } from 'react';
import { Feedback } from './Feedback.js';
import { KioskContentTab } from './KioskContentTab.js';
import { Page, usePage, type PageProps } from './page-context.js';
import { CenterTab, ExportTab, HallTab, KiosksTab } from './SettingsTabs.js';
import { ServicesTab } from './ServicesTab.js';
import { StaffTab, type StaffRecord } from './StaffTab.js';
import { useConfig, type Item } from './use-config.js';
import { WindowsTab } from './WindowsTab.js';

const TABS = ['services', 'windows', 'staff', 'kiosks', 'hall', 'content', 'center', 'export'] as const;
/** What a director may look at: staff records and the export are the admin's. */
const DIRECTOR_TABS: readonly Tab[] = ['services', 'windows', 'kiosks', 'hall', 'content', 'center'];
type Tab = (typeof TABS)[number];

export function ConfigPage(props: PageProps) {
  const page = usePage(props);
  const { t, api } = page;
  const { config, hash, outcome, setOutcome, save, reload } = useConfig(page);
  const [tab, setTab] = useState<Tab>('services');
  const [staff, setStaff] = useState<StaffRecord[]>([]);
  const loadStaff = useCallback(() => {
    api.get<StaffRecord[]>('/api/v1/config/staff').then(setStaff, () => setStaff([]));
  }, [api]);
  useEffect(loadStaff, [loadStaff]);

  return (
    <Page.Provider value={page}>
      <section className="config-page" data-testid="config-page">
        <h1>{t('title')} <small>{t('title.sub')}</small></h1>
        <div className="tabs" role="tablist">
          {TABS.filter((x) => !page.readOnly || DIRECTOR_TABS.includes(x)).map((x) => (
            <button key={x} type="button" role="tab" aria-selected={tab === x} onClick={() => { setTab(x); setOutcome(undefined); }}>
              {t(`tab.${x}`)}
            </button>
          ))}
        </div>
        {page.readOnly && <p className="muted" data-testid="config-readonly">{t('readonly')}</p>}
        <Feedback outcome={outcome} />
        {!config ? <p className="muted">{t('loading')}</p> : (
          <>
            {tab === 'services' && <ServicesTab services={config.services} save={save} />}
            {tab === 'windows' && <WindowsTab windows={config.windows} services={config.services} usernames={staff.filter((s) => s.role !== 'admin')} save={save} />}
            {tab === 'staff' && <StaffTab staff={staff} reload={loadStaff} report={setOutcome} />}
            {tab === 'kiosks' && <KiosksTab kiosks={config.kiosks} save={save} />}
            {tab === 'hall' && <HallTab notices={config.notices} save={save} />}
            {tab === 'content' && <KioskContentTab services={config.services} network={(config.network ?? []) as Item[]} configHash={hash} reloadConfig={reload} save={save} report={setOutcome} />}
            {tab === 'center' && <CenterTab config={config} save={save} />}
            {tab === 'export' && <ExportTab hash={hash} report={setOutcome} />}
          </>
        )}
      </section>
    </Page.Provider>
  );
}
