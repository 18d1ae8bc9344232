// Settings of the hall and window screens from the hub (notices, voice-call options, speech engine).
export interface ScreenSettings {
  centerName: string;
  notices: string[];
  announce: { repeat: 1 | 2; chime: boolean };
  speech: { engine: 'espeak-ng' | 'none' };
  ratingSeconds: number;
}

export const defaultSettings: ScreenSettings = { centerName: '', notices: [], announce: { repeat: 1, chime: true }, speech: { engine: 'none' }, ratingSeconds: 30 };

export async function fetchSettings(): Promise<ScreenSettings> {
  const res = await fetch('/api/v1/screens/settings');
  if (!res.ok) throw new Error(`settings: ${res.status}`);
  return (await res.json()) as ScreenSettings;
}

/** ?autoplay=1 — a hall player started with Chromium's --autoplay-policy=no-user-gesture-required. */
export const autoplayFlag = () => new URLSearchParams(location.search).get('autoplay') === '1';
