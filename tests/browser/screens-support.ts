// Helpers for the screen suites: a recording stand-in for the browser's speech synthesis, the axe-core
// audit, and recording of Audio objects (to see that the hub's WAV is played and then released).
import type { Page } from 'playwright-core';
import { vi } from 'vitest';

// Screens update over a socket and a render: on a busy 2-core machine that can take more than poll's
// default second. Waiting longer never makes a wrong screen pass, it only stops slow ones failing.
vi.setConfig({ expect: { poll: { timeout: 10_000, interval: 50 } } });

export interface Utterance {
  text: string;
  lang: string;
  start: number;
  end?: number;
}

/**
 * Replaces speechSynthesis in the page: each utterance "speaks" for `durationMs`, overlapping speech is
 * recorded as such (a real engine would queue or cut it). `voices: false` is a bare player box.
 */
export async function stubSpeech(page: Page, opts: { voices: boolean; durationMs?: number }): Promise<void> {
  await page.addInitScript(({ voices, durationMs }) => {
    const w = window as unknown as Record<string, unknown>;
    const log: { text: string; lang: string; start: number; end?: number }[] = [];
    const overlaps: string[] = [];
    w.__utterances = log;
    w.__overlaps = overlaps;
    let speaking = false;
    class StubUtterance {
      text: string; lang = ''; rate = 1; voice: unknown = null;
      onend: ((e: unknown) => void) | null = null; onerror: ((e: unknown) => void) | null = null;
      constructor(text: string) { this.text = text; }
    }
    const voice = { lang: 'zh-CN', name: 'Stub 普通话', default: true, localService: true, voiceURI: 'stub-zh' };
    const synth = {
      get speaking() { return speaking; }, pending: false, paused: false, onvoiceschanged: null,
      getVoices: () => (voices ? [voice] : []),
      addEventListener() {}, removeEventListener() {}, pause() {}, resume() {},
      cancel() { overlaps.push('cancel'); },
      speak(u: StubUtterance) {
        if (speaking) overlaps.push(u.text);
        speaking = true;
        const rec: { text: string; lang: string; start: number; end?: number } = { text: u.text, lang: u.lang, start: performance.now() };
        log.push(rec);
        setTimeout(() => { rec.end = performance.now(); speaking = false; u.onend?.({}); }, durationMs);
      },
    };
    Object.defineProperty(window, 'speechSynthesis', { value: synth, configurable: true });
    Object.defineProperty(window, 'SpeechSynthesisUtterance', { value: StubUtterance, configurable: true });
  }, { voices: opts.voices, durationMs: opts.durationMs ?? 300 });
}

/** Loads the hall screen (as a player started with ?autoplay=1 unless `autoplay` is false) and waits until it is connected. */
export async function openHall(page: Page, hubUrl: string, autoplay = true): Promise<void> {
  await page.goto(`${hubUrl}/display/hall${autoplay ? '?autoplay=1' : ''}`);
  await page.getByTestId('link').getByText('已连接').waitFor();
}

export const utterances = (page: Page) => page.evaluate(() => (window as unknown as { __utterances: Utterance[] }).__utterances);
export const overlaps = (page: Page) => page.evaluate(() => (window as unknown as { __overlaps: string[] }).__overlaps);

/** Wraps window.Audio to keep every element the page creates, to check playback and release. */
export async function recordAudio(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const made: HTMLAudioElement[] = [];
    const played: string[] = [];
    const Real = window.Audio;
    (window as unknown as Record<string, unknown>).__audio = made;
    (window as unknown as Record<string, unknown>).__played = played;
    window.Audio = function (src?: string) {
      const a = new Real(src);
      a.addEventListener('ended', () => played.push(src ?? ''));
      made.push(a);
      return a;
    } as unknown as typeof Audio;
  });
}

// The screen suites' axe-core check, kept here so they keep one import (and the poll timeout above).
export { seriousViolations, type AxeViolation } from './support/axe.js';
