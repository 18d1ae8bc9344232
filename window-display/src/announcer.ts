// Voice calls, one at a time in call order: a chime, then the words, spoken once or twice. The next
// announcement starts only when the previous one has ended, so none overlaps or is cut off. The voice is
// the browser's zh-CN speech synthesis when it has one, else the WAV the hub synthesises with espeak-ng,
// else the chime alone. Every audio object is released after use: the hall screen runs for weeks.
import { announcementText, type CallToAnnounce } from '../../server/speech/announcement.js';

export interface AnnounceCall extends CallToAnnounce {
  id: number;
}

export type VoiceKind = 'browser' | 'hub' | 'chime-only';

export interface AnnouncerOptions {
  repeat: 1 | 2;
  chime: boolean;
  /** Whether the hub can synthesise speech (GET /api/v1/screens/settings). */
  hubSpeech: boolean;
  /** Pending announcements kept at most; beyond it the oldest waiting ones are dropped. */
  maxQueue?: number;
}

const CHIME_MS = 900;

/** A two-tone chime on one shared AudioContext (a context per call would leak). */
export class Chime {
  private ctx: AudioContext | undefined;

  context(): AudioContext | undefined {
    if (!this.ctx && typeof AudioContext !== 'undefined') this.ctx = new AudioContext();
    return this.ctx;
  }

  /** Whether sound may play now (autoplay allowed, or the screen was clicked once). */
  get allowed(): boolean {
    return this.context()?.state === 'running';
  }

  async unlock(): Promise<boolean> {
    await this.context()?.resume().catch(() => undefined);
    return this.allowed;
  }

  async play(): Promise<void> {
    const ctx = this.context();
    if (ctx && ctx.state === 'running') {
      const t0 = ctx.currentTime;
      for (const [freq, at] of [[880, 0], [660, 0.42]] as const) {
        const osc = ctx.createOscillator();
        const gain = ctx.createGain();
        osc.frequency.value = freq;
        gain.gain.setValueAtTime(0.0001, t0 + at);
        gain.gain.exponentialRampToValueAtTime(0.35, t0 + at + 0.02);
        gain.gain.exponentialRampToValueAtTime(0.0001, t0 + at + 0.42);
        osc.connect(gain).connect(ctx.destination);
        osc.start(t0 + at);
        osc.stop(t0 + at + 0.45);
        osc.onended = () => {
          osc.disconnect();
          gain.disconnect();
        };
      }
    }
    await new Promise((r) => setTimeout(r, CHIME_MS));
  }
}

function zhVoice(): SpeechSynthesisVoice | undefined {
  if (typeof speechSynthesis === 'undefined') return undefined;
  const voices = speechSynthesis.getVoices();
  return voices.find((v) => v.lang === 'zh-CN' || v.lang === 'zh_CN') ?? voices.find((v) => /^(zh|cmn)/i.test(v.lang));
}

/** Speaks through the browser and resolves when the utterance has ended (or could not be spoken). */
function speakInBrowser(text: string, voice: SpeechSynthesisVoice): Promise<void> {
  return new Promise((resolve) => {
    const u = new SpeechSynthesisUtterance(text);
    u.lang = 'zh-CN';
    u.rate = 0.9;
    try {
      u.voice = voice;
    } catch {
      /* a voice object the engine does not accept: lang chooses one */
    }
    // Some engines never fire `end`: a generous guard keeps the queue moving without cutting speech short.
    const guard = setTimeout(done, 4000 + text.length * 450);
    function done() {
      clearTimeout(guard);
      u.onend = null;
      u.onerror = null;
      resolve();
    }
    u.onend = done;
    u.onerror = done;
    speechSynthesis.speak(u);
  });
}

/** Plays the hub's espeak-ng WAV of a call, then releases the element and its buffer. */
function playHubAudio(callId: number): Promise<void> {
  return new Promise((resolve) => {
    const audio = new Audio(`/api/v1/screens/calls/${callId}/speech.wav`);
    const guard = setTimeout(done, 20_000);
    function done() {
      clearTimeout(guard);
      audio.onended = null;
      audio.onerror = null;
      audio.pause();
      audio.removeAttribute('src');
      audio.load(); // drops the decoded media
      resolve();
    }
    audio.onended = done;
    audio.onerror = done;
    audio.play().catch(done);
  });
}

export class Announcer {
  private readonly queue: AnnounceCall[] = [];
  private busy = false;
  private readonly maxQueue: number;
  /** The voice of the last announcement (shown discreetly on the screen, read by tests). */
  lastVoice: VoiceKind | undefined;

  constructor(private readonly opts: AnnouncerOptions, readonly chime = new Chime()) {
    this.maxQueue = opts.maxQueue ?? 12;
  }

  update(opts: Partial<AnnouncerOptions>): void {
    Object.assign(this.opts, opts);
  }

  get pending(): number {
    return this.queue.length + (this.busy ? 1 : 0);
  }

  voice(): VoiceKind {
    if (zhVoice()) return 'browser';
    return this.opts.hubSpeech ? 'hub' : 'chime-only';
  }

  enqueue(call: AnnounceCall): void {
    // Keep call order even if events were delivered out of order.
    let i = this.queue.length;
    while (i > 0 && this.queue[i - 1]!.id > call.id) i--;
    this.queue.splice(i, 0, call);
    if (this.queue.length > this.maxQueue) this.queue.splice(0, this.queue.length - this.maxQueue);
    void this.pump();
  }

  private async pump(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      for (let call = this.queue.shift(); call; call = this.queue.shift()) await this.announce(call);
    } finally {
      this.busy = false;
    }
  }

  private async announce(call: AnnounceCall): Promise<void> {
    if (this.opts.chime) await this.chime.play();
    const kind = this.voice();
    this.lastVoice = kind;
    const { spoken } = announcementText(call);
    for (let i = 0; i < this.opts.repeat; i++) {
      if (kind === 'browser') await speakInBrowser(spoken, zhVoice()!);
      else if (kind === 'hub') await playHubAudio(call.id);
      else if (!this.opts.chime) await this.chime.play(); // chime alone still marks the call
    }
  }
}
