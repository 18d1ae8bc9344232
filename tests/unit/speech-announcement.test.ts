// The words of a call: the same for the browser voice, the espeak-ng path and the screen text.
import { describe, expect, it } from 'vitest';
import { announcementText, numeral, spokenName, spokenTicket } from '../../server/speech/announcement.js';
import { toEspeakPinyin } from '../../server/speech/pinyin.js';
import { fixWavSizes } from '../../server/speech/espeak.js';

const call = { ticketNumber: 'C012', windowId: '4', windowName: '4号窗口', serviceName: '法律援助', recall: false };

describe('announcement text', () => {
  it('says number, window and service', () => {
    const a = announcementText(call);
    expect(a.text).toBe('请 C012 号 到 4号窗口 办理 法律援助');
    expect(a.spoken).toBe('请 C 零一二 号，到 四号窗口 办理 法律援助');
    expect(a.textEn).toBe('Number C012, please go to window 4');
  });

  it('never names a discreet service', () => {
    const a = announcementText({ ...call, serviceName: null });
    expect(a.text).toBe('请 C012 号 到 4号窗口 办理');
    expect(a.spoken).not.toMatch(/法律援助|社区矫正|特殊人群/);
  });

  it('a recall says 重呼 on screen and 再次呼叫 in speech', () => {
    const a = announcementText({ ...call, recall: true });
    expect(a.text.startsWith('重呼')).toBe(true);
    expect(a.spoken.startsWith('再次呼叫')).toBe(true);
    expect(a.textEn.startsWith('Recall')).toBe(true);
  });

  it('reads numbers as a caller does', () => {
    expect([0, 7, 10, 12, 20, 21, 100, 105, 110, 1001, 2345].map(numeral)).toEqual(['零', '七', '十', '十二', '二十', '二十一', '一百', '一百零五', '一百一十', '一千零一', '二千三百四十五']);
    expect(spokenTicket('A001')).toBe('A 零零一');
    expect(spokenTicket('GR120')).toBe('GR 一二零');
    expect(spokenName('12号窗口')).toBe('十二号窗口');
  });
});

describe('pinyin for espeak-ng', () => {
  it('turns hanzi into tone-numbered pinyin and spells letters', () => {
    const p = toEspeakPinyin(announcementText({ ...call, recall: true }).spoken);
    expect(p).toBe('zai4 ci4 hu1 jiao4, qing3 xi1 ling2 yi1 er4 hao4, dao4 si4 hao4 chuang1 kou3 ban4 li3 fa3 lv4 yuan2 zhu4');
  });

  it('keeps nothing that is not speech', () => {
    expect(toEspeakPinyin('请 A 零零一 号 -- $(rm) ; 办理')).toMatch(/^[a-z0-9 ,]+$/);
  });
});

describe('WAV sizes from a pipe', () => {
  it('sets RIFF and data sizes to the real length', () => {
    const wav = Buffer.alloc(44 + 100);
    wav.write('RIFF', 0, 'ascii');
    wav.writeUInt32LE(0x7fffffff, 4);
    wav.write('WAVEfmt ', 8, 'ascii');
    wav.writeUInt32LE(16, 16);
    wav.write('data', 36, 'ascii');
    wav.writeUInt32LE(0x7fffffff, 40);
    fixWavSizes(wav);
    expect(wav.readUInt32LE(4)).toBe(wav.length - 8);
    expect(wav.readUInt32LE(40)).toBe(100);
  });
});

describe('voice-call configuration', () => {
  it('defaults to one announcement with a chime; a bad value names its field', async () => {
    const { parseConfig } = await import('../../server/config/load-config.js');
    const { demoCenter } = await import('../../server/config/demo-center.js');
    expect(parseConfig(demoCenter(), 'demo').announce).toEqual({ repeat: 1, chime: true });
    expect(parseConfig({ ...demoCenter(), announce: { repeat: 2 } }, 'demo').announce).toEqual({ repeat: 2, chime: true });
    expect(() => parseConfig({ ...demoCenter(), announce: { repeat: 3 } }, 'center.json')).toThrow(/announce\.repeat/);
    const services = demoCenter().services.map((s, i) => (i === 0 ? { ...s, matters: ['x'.repeat(61)] } : s));
    expect(() => parseConfig({ ...demoCenter(), services }, 'center.json')).toThrow(/services\[0\]\.matters\[0\]|services\.0\.matters\.0/);
  });
});
