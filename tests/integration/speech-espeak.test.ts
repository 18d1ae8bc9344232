// The hub's espeak-ng voice for players without a zh-CN browser voice: the WAV of a real call exists,
// is Mandarin-length audio and not silence (PCM energy), and health says which engine there is.
// espeak-ng is a system dependency (scripts/system-deps.sh, .ci/run): missing, this suite fails loudly.
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EspeakSynth, detectEspeak } from '../../server/speech/espeak.js';
import { startTestHub, type TestHub } from '../support/hub-harness.js';

/** RMS of 16-bit mono PCM in a RIFF/WAVE buffer (0…1), and its duration in seconds. */
function pcmStats(wav: Buffer): { rms: number; seconds: number; rate: number } {
  expect(wav.toString('ascii', 0, 4)).toBe('RIFF');
  expect(wav.toString('ascii', 8, 12)).toBe('WAVE');
  let off = 12;
  let rate = 0;
  let bits = 0;
  while (off + 8 <= wav.length) {
    const id = wav.toString('ascii', off, off + 4);
    const size = wav.readUInt32LE(off + 4);
    if (id === 'fmt ') {
      rate = wav.readUInt32LE(off + 12);
      bits = wav.readUInt16LE(off + 22);
    }
    if (id === 'data') {
      expect(bits).toBe(16);
      const samples = Math.floor(Math.min(size, wav.length - off - 8) / 2);
      let sum = 0;
      for (let i = 0; i < samples; i++) sum += (wav.readInt16LE(off + 8 + i * 2) / 32768) ** 2;
      return { rms: Math.sqrt(sum / samples), seconds: samples / rate, rate };
    }
    off += 8 + size;
  }
  throw new Error('no data chunk');
}

let t: TestHub & { cleanup(): Promise<void> };
beforeAll(async () => {
  t = await startTestHub();
});
afterAll(async () => {
  await t?.cleanup();
});

describe('espeak-ng call audio', () => {
  it('espeak-ng with the Mandarin pinyin voice is installed, and health says so', async () => {
    expect(spawnSync('espeak-ng', ['--version']).status, 'espeak-ng must be installed (scripts/system-deps.sh)').toBe(0);
    const health = await t.api('GET', '/api/v1/health');
    expect(health.body.speech).toEqual({ engine: 'espeak-ng', voice: 'cmn-latn-pinyin' });
    const settings = await t.api('GET', '/api/v1/screens/settings');
    expect(settings.body.speech.engine).toBe('espeak-ng');
  });

  it('the WAV of a call is speech, not silence', async () => {
    const staff = await t.staffAt('wu.di', '4');
    await t.issue('legal-aid');
    const called = await t.api('POST', '/api/v1/windows/4/call-next', { token: staff });
    expect(called.status).toBe(200);
    const call = t.hub.state.recentCalls.at(-1)!;
    const res = await fetch(`${t.url}/api/v1/screens/calls/${call.eventSeq}/speech.wav`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('audio/wav');
    const wav = Buffer.from(await res.arrayBuffer());
    const { rms, seconds } = pcmStats(wav);
    expect(seconds).toBeGreaterThan(2); // "请 C 零零一 号，到 四号窗口 办理 法律援助"
    expect(seconds).toBeLessThan(15);
    expect(rms).toBeGreaterThan(0.02); // silence is ~0
    // sox agrees that there is sound (its RMS amplitude over the whole file).
    const sox = spawnSync('sox', ['-t', 'wav', '-', '-n', 'stat'], { input: wav, encoding: 'utf8' });
    const soxRms = Number(/RMS\s+amplitude:\s+([\d.]+)/.exec(sox.stderr)?.[1]);
    expect(soxRms).toBeGreaterThan(0.02);
  });

  it('a discreet call and a recall are synthesised too; an unknown call is a 404', async () => {
    const staff = await t.login('wu.di');
    await t.api('POST', '/api/v1/windows/4/recall', { token: staff });
    const recall = t.hub.state.recentCalls.at(-1)!;
    expect(recall.recall).toBe(true);
    const wav = Buffer.from(await (await fetch(`${t.url}/api/v1/screens/calls/${recall.eventSeq}/speech.wav`)).arrayBuffer());
    expect(pcmStats(wav).rms).toBeGreaterThan(0.02);
    const missing = await t.api('GET', '/api/v1/screens/calls/999999/speech.wav');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('call-not-found');
    const bad = await t.api('GET', '/api/v1/screens/calls/abc/speech.wav');
    expect(bad.status).toBe(400);
  });

  it('caches by phrase (bounded) and reports a missing binary as engine none', async () => {
    const synth = new EspeakSynth('espeak-ng', 2);
    const a = await synth.wav('请 A 零零一 号');
    expect(await synth.wav('请 A 零零一 号')).toBe(a); // same buffer: from the cache
    await synth.wav('请 A 零零二 号');
    await synth.wav('请 A 零零三 号');
    expect(synth.cached).toBe(2);
    expect(detectEspeak('/nonexistent/espeak-ng').engine).toBe('none');
    await expect(new EspeakSynth('/nonexistent/espeak-ng').wav('请')).rejects.toThrow();
  });
});
