// 设备: every device's health from GET /api/v1/health; a printer's last print when the hub offers a preview.
import { useState } from 'react';
import { ApiFailure, api } from '../api.js';
import { useI18n } from '../i18n/index.js';
import { useApi } from '../use-api.js';
import { DeviceTable } from './TodayPage.js';

interface Health {
  devices: { id: string; kind: string; state: string; detail?: string }[];
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
      {preview && (
        <section className="panel">
          <h2>{t('devices.preview')} · {preview.id}</h2>
          <pre className="receipt" data-testid="print-preview">{preview.text}</pre>
        </section>
      )}
    </section>
  );
}

/** The preview's printable text, whatever shape the device layer answers with (lines, text or jobs). */
function previewText(p: unknown): string {
  if (typeof p === 'string') return p;
  if (p && typeof p === 'object') {
    const o = p as Record<string, unknown>;
    if (Array.isArray(o.lines)) return o.lines.map(String).join('\n');
    if (typeof o.text === 'string') return o.text;
    if (Array.isArray(o.jobs)) return o.jobs.map((j) => previewText(j)).join('\n\n');
    if (o.last !== undefined) return previewText(o.last);
    return JSON.stringify(p, null, 2);
  }
  return '';
}
