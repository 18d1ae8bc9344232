// Spoken guidance in elder mode with the browser's speech synthesis, when the system has it.
import type { Lang } from './i18n/index.js';

export function speak(text: string, lang: Lang): void {
  const synth = typeof window !== 'undefined' ? window.speechSynthesis : undefined;
  if (!synth || typeof SpeechSynthesisUtterance === 'undefined') return;
  synth.cancel();
  const u = new SpeechSynthesisUtterance(text);
  u.lang = lang;
  u.rate = 0.9; // a little slower for older listeners
  const prefix = lang === 'en' ? 'en' : 'zh';
  const voice = synth.getVoices().find((v) => v.lang.toLowerCase().startsWith(prefix));
  if (voice) u.voice = voice;
  synth.speak(u);
}

export function stopSpeaking(): void {
  window.speechSynthesis?.cancel();
}
