// Voice calls synthesised by the hub with espeak-ng (Debian package), for player boxes whose browser has
// no zh-CN voice. Mandarin through the pinyin voice; WAVs are cached (bounded) because a hall repeats
// the same few phrases all day, and a recall asks for the same audio again.
import { spawn, spawnSync } from 'node:child_process';
import { toEspeakPinyin } from './pinyin.js';

export type SpeechEngineKind = 'espeak-ng' | 'none';

export const ESPEAK_VOICE = 'cmn-latn-pinyin';

export interface SpeechStatus {
  engine: SpeechEngineKind;
  voice?: string;
  detail?: string;
}

/** Whether espeak-ng and its Mandarin pinyin voice are installed (checked once per binary). */
export function detectEspeak(bin: string): SpeechStatus {
  const version = spawnSync(bin, ['--version'], { encoding: 'utf8', timeout: 5000 });
  if (version.error || version.status !== 0) return { engine: 'none', detail: `${bin} not installed: voice calls fall back to the chime where the browser has no zh-CN voice` };
  const voices = spawnSync(bin, ['--voices=cmn'], { encoding: 'utf8', timeout: 5000 });
  if (!voices.stdout?.includes(ESPEAK_VOICE)) return { engine: 'none', detail: `${bin} has no ${ESPEAK_VOICE} voice` };
  return { engine: 'espeak-ng', voice: ESPEAK_VOICE };
}

export class EspeakSynth {
  private readonly cache = new Map<string, Buffer>();
  private readonly pending = new Map<string, Promise<Buffer>>();
  private statusCache: SpeechStatus | undefined;

  constructor(
    private readonly bin = 'espeak-ng',
    private readonly maxEntries = 64,
    /** Words per minute: slower than espeak's default, for elderly listeners in a reverberant hall. */
    private readonly speed = 135,
  ) {}

  status(): SpeechStatus {
    this.statusCache ??= detectEspeak(this.bin);
    return this.statusCache;
  }

  /** The WAV for a spoken (hanzi) phrase. */
  async wav(spoken: string): Promise<Buffer> {
    const hit = this.cache.get(spoken);
    if (hit) {
      this.cache.delete(spoken); // move to the newest end
      this.cache.set(spoken, hit);
      return hit;
    }
    const inflight = this.pending.get(spoken);
    if (inflight) return inflight;
    const job = this.synthesize(toEspeakPinyin(spoken)).then((buf) => {
      this.cache.set(spoken, buf);
      while (this.cache.size > this.maxEntries) this.cache.delete(this.cache.keys().next().value!);
      return buf;
    }).finally(() => this.pending.delete(spoken));
    this.pending.set(spoken, job);
    return job;
  }

  get cached(): number {
    return this.cache.size;
  }

  private synthesize(pinyinText: string): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      // The text goes through stdin, never the command line: nothing in it can become an option.
      const child = spawn(this.bin, ['-v', ESPEAK_VOICE, '-s', String(this.speed), '--stdout'], { stdio: ['pipe', 'pipe', 'pipe'] });
      const chunks: Buffer[] = [];
      let err = '';
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      child.stdout.on('data', (d: Buffer) => chunks.push(d));
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      child.on('error', (e) => {
        clearTimeout(timer);
        reject(e);
      });
      child.on('close', (code) => {
        clearTimeout(timer);
        const wav = Buffer.concat(chunks);
        if (code !== 0 || wav.length < 44) reject(new Error(`espeak-ng failed (${code}): ${err.trim()}`));
        else resolve(fixWavSizes(wav));
      });
      child.stdin.end(pinyinText);
    });
  }
}

/** espeak-ng writing to a pipe cannot seek back, so its RIFF and data sizes are placeholders: set them. */
export function fixWavSizes(wav: Buffer): Buffer {
  if (wav.toString('ascii', 0, 4) !== 'RIFF') return wav;
  wav.writeUInt32LE(wav.length - 8, 4);
  let off = 12;
  while (off + 8 <= wav.length) {
    const id = wav.toString('ascii', off, off + 4);
    if (id === 'data') {
      wav.writeUInt32LE(wav.length - off - 8, off + 4);
      break;
    }
    off += 8 + wav.readUInt32LE(off + 4);
  }
  return wav;
}

/** The hub's one synthesiser (YICHUANG_ESPEAK names another binary, e.g. for a test without it). */
let shared: EspeakSynth | undefined;
export function speech(): EspeakSynth {
  shared ??= new EspeakSynth(process.env.YICHUANG_ESPEAK ?? 'espeak-ng');
  return shared;
}
