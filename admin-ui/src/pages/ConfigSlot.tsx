// 配置: the configuration module is built alongside (admin-ui/src/config); it is loaded when present,
// so this app builds with or without it.
import { lazy, Suspense, type ComponentType } from 'react';
import type { Session } from '../api.js';
import { useI18n } from '../i18n/index.js';

interface ConfigModule {
  ConfigPage: ComponentType<{ session?: Session }>;
  RetentionPage?: ComponentType<{ session?: Session }>;
}

const found = import.meta.glob<ConfigModule>('../config/index.ts');
const loader = Object.values(found)[0];
type Page = ComponentType<{ session?: Session }>;
const ConfigPage = loader ? lazy<Page>(async () => ({ default: (await loader()).ConfigPage })) : undefined;
const RetentionPage = loader ? lazy<Page>(async () => ({ default: (await loader()).RetentionPage ?? (() => null) })) : undefined;

export function ConfigSlot({ session }: { session: Session }) {
  const { t } = useI18n();
  if (!ConfigPage || !RetentionPage) return <section><h1>{t('config.title')}</h1><p className="muted" data-testid="config-unavailable">{t('config.unavailable')}</p></section>;
  return (
    <Suspense fallback={<p>{t('common.loading')}</p>}>
      <ConfigPage session={session} />
      <RetentionPage session={session} />
    </Suspense>
  );
}
