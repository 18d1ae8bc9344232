// Hanzi → tone-numbered pinyin for espeak-ng's Mandarin pinyin voice (cmn-latn-pinyin), which reads
// Latin text as pinyin: Latin letters of a ticket number are spelled as their Chinese-style letter names.
import { pinyin } from 'pinyin-pro';

const LETTERS: Record<string, string> = {
  A: 'ei1', B: 'bi4', C: 'xi1', D: 'di4', E: 'yi4', F: 'ai2 fu1', G: 'ji4', H: 'ai1 qi1', I: 'ai4', J: 'zhai4', K: 'kai4', L: 'ai2 le',
  M: 'ai2 mu', N: 'en1', O: 'ou1', P: 'pi4', Q: 'qiu1', R: 'a4 er', S: 'ai2 si1', T: 'ti4', U: 'you1', V: 'wei1', W: 'da2 bu liu',
  X: 'ai2 ke4 si1', Y: 'wai4', Z: 'zei4',
};

export function toEspeakPinyin(spoken: string): string {
  const syllables = pinyin(spoken, { toneType: 'num', type: 'array', nonZh: 'consecutive', v: true });
  const words: string[] = [];
  for (const s of syllables) {
    const part = s.trim();
    if (!part) continue;
    if (/^[a-zü]+[0-5]$/i.test(part) && /[\u4e00-\u9fff]/.test(spoken)) {
      words.push(part.toLowerCase().replace(/0$/, '5'));
      continue;
    }
    // Non-hanzi runs: spell capitals, keep punctuation as pauses, drop the rest.
    for (const ch of part) {
      const upper = ch.toUpperCase();
      if (LETTERS[upper]) words.push(LETTERS[upper]);
      else if (/[，,。.：:；;！!？?]/.test(ch)) words.push(',');
    }
  }
  return words.join(' ').replace(/\s+,/g, ',').replace(/,+/g, ',').replace(/^,\s*/, '').trim();
}
