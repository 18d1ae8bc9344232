// 设备: every device's health from GET /api/v1/health; a printer's last print when the hub offers a preview.
import { useState } from 'react';
import { ApiFailure, api } from '../api.js';
import { useI18n } from '../i18n/index.js';
import { useApi } from '../use-api.js';
import { DeviceTable } from './TodayPage.js';

type CityLinkState = 'connecting' | 'sending' | 'up-to-date' | 'offline' | 'refused' | 'stopped';

interface Health {
  devices: { id: string; kind: string; state: string; detail?: string }[];
  speech?: { engine: 'espeak-ng' | 'none' };
  /** Only when the hub replicates to the city (YICHUANG_CENTRAL_URL). */
  cityLink?: { state: CityLinkState; acknowledged: number | null; lastError: string | null };
}

export function DevicesPage() {
  const { t } = useI18n();
  const { data, error } = useApi<Health>('/api/v1/health');
  const [preview, setPreview] = useState<{ id: string; text: string }>();
  const show = async (id: string) => {
    try {
      const p = await api<unknown>('GET', `/api/v1/devices/${encodeURIComponent(id)}/preview`);
      setPreview({ id, text: previewText(p) || t('devices.previewNone') });
    } catch (err) {
      setPreview({ id, text: err instanceof ApiFailure && err.status === 404 && err.code === 'not-found' ? t('devices.previewUnavailable') : (err as Error).message });
    }
  };
  if (error) return <p className="error" role="alert">{t('common.error', { message: error })}</p>;
  return (
    <section className="devices">
      <h1>{t('devices.title')}</h1>
      {!data ? <p>{t('common.loading')}</p> : (
        <DeviceTable devices={data.devices} action={(id, kind) => (kind === 'printer' ? <button type="button" onClick={() => void show(id)}>{t('devices.preview')}</button> : null)} />
      )}
      {data?.speech && (
        // A hall player box without a Chinese voice of its own speaks what the hub synthesises: say when it cannot.
        <p className={`notice ${data.speech.engine === 'none' ? 'bad' : 'ok'}`} data-testid="speech-engine" role={data.speech.engine === 'none' ? 'alert' : undefined}>
          {t(data.speech.engine === 'none' ? 'devices.speechNone' : 'devices.speechEspeak')}
        </p>
      )}
      {data?.cityLink && <CityLink link={data.cityLink} />}
      {preview && (
        <section className="panel">
          <h2>{t('devices.preview')} · {preview.id}</h2>
          <pre className="receipt" data-testid="print-preview">{preview.text}</pre>
        </section>
      )}
    </section>
  );
}

/** Whether the city gets this center's ledger: the technician's first look when the city says a site is silent. */
function CityLink({ link }: { link: NonNullable<Health['cityLink']> }) {
  const { t } = useI18n();
  const bad = link.state === 'offline' || link.state === 'refused';
  return (
    <div className={`notice ${bad ? 'bad' : 'ok'}`} data-testid="city-link" role={bad ? 'alert' : undefined}>
      <p>{t('devices.cityLink', { state: t(`devices.cityLink.${link.state}`, { seq: link.acknowledged ?? 0 }) })}</p>
      {bad && link.lastError && <p className="detail">{t('devices.cityLinkError', { error: link.lastError })}</p>}
    </div>
  );
}

interface PrintedLine {
  kind: 'text' | 'qr' | 'cut';
  text?: string;
  align?: 'left' | 'center' | 'right';
  data?: string;
}

interface Preview {
  tickets: { number: string; printedAt: string; reprint: boolean; lines: PrintedLine[] }[];
}

const WIDTH = 32;

/** The simulated printer's last tickets as the paper would read (newest first), QR codes as their payload. */
function previewText(p: unknown): string {
  const tickets = (p as Preview | null)?.tickets ?? [];
  return tickets
    .map((ticket) => ticket.lines.map((l) => {
      if (l.kind === 'cut') return '-'.repeat(WIDTH);
      if (l.kind === 'qr') return `[QR] ${l.data ?? ''}`;
      const text = l.text ?? '';
      const pad = Math.max(0, WIDTH - text.length * 2); // hanzi print double width
      return l.align === 'center' ? `${' '.repeat(Math.floor(pad / 4))}${text}` : l.align === 'right' ? `${' '.repeat(Math.floor(pad / 2))}${text}` : text;
    }).join('\n'))
    .join('\n\n');
}
