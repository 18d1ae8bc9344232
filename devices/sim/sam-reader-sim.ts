// A SAM ID-card reader for tests: answers find/select/read like a real reader, with a card that
// can be placed and taken away, and faults that can be injected into the next replies.

import type { CardIdentity } from '../contract.js';
import { encodeIdText, type IdTextExtras } from '../idcard/id-text.js';
import {
  SW3,
  asSamRequest,
  createSamParser,
  encodeSamResponse,
  isSamCommand,
  joinReadData,
  type SamCommandName,
  type SamRequest,
} from '../idcard/sam-frame.js';
import type { ByteLink } from '../util/byte-link.js';

export type SamFault =
  | 'bad-checksum' // flip the checksum byte
  | 'truncate' // send only the first half of the frame
  | 'garbage-before' // noise bytes before the frame
  | 'silent'; // send nothing

/** How the reader answers "find card" while a card that was already read stays on it. */
export type AfterReadBehaviour = 'still-found' | 'halted';

export class SamReaderSim {
  readonly requests: SamCommandName[] = [];
  afterRead: AfterReadBehaviour = 'still-found';
  /** Told when the host has read the card on the reader (the simulator CLI prints it). */
  onCardRead: (() => void) | undefined;
  private card: { text: Uint8Array; read: boolean } | undefined;
  private readonly faults: { command: SamCommandName; fault: SamFault }[] = [];
  private readonly parser = createSamParser();

  constructor(private readonly link: ByteLink) {
    link.on('data', (chunk) => {
      for (const e of this.parser.push(chunk)) {
        const req = e.kind === 'frame' ? asSamRequest(e.frame) : undefined;
        if (req) void this.answer(req);
      }
    });
  }

  placeCard(identity: CardIdentity, extras: IdTextExtras = {}): void {
    this.placeText(encodeIdText(identity, extras));
  }

  /** Places a card whose text block is given as is (e.g. a damaged one). */
  placeText(text: Uint8Array): void {
    this.card = { text, read: false };
  }

  removeCard(): void {
    this.card = undefined;
  }

  /** The next reply to `command` gets `fault`. */
  inject(command: SamCommandName, fault: SamFault, times = 1): void {
    for (let i = 0; i < times; i++) this.faults.push({ command, fault });
  }

  count(command: SamCommandName): number {
    return this.requests.filter((r) => r === command).length;
  }

  private async answer(req: SamRequest): Promise<void> {
    const command = (['findCard', 'selectCard', 'readText', 'resetSam', 'samStatus'] as const).find((c) => isSamCommand(req, c));
    if (!command) return this.send('findCard', encodeSamResponse(0x21));
    this.requests.push(command);
    await this.send(command, this.reply(command));
  }

  private reply(command: SamCommandName): Uint8Array {
    const card = this.card;
    switch (command) {
      case 'findCard':
        if (!card || (card.read && this.afterRead === 'halted')) return encodeSamResponse(SW3.noCard);
        return encodeSamResponse(SW3.cardFound, new Uint8Array(4));
      case 'selectCard':
        return encodeSamResponse(card ? SW3.ok : SW3.selectFailed, new Uint8Array(8));
      case 'readText':
        if (!card) return encodeSamResponse(SW3.readFailed);
        card.read = true;
        this.onCardRead?.();
        return encodeSamResponse(SW3.ok, joinReadData(card.text));
      default:
        return encodeSamResponse(SW3.ok);
    }
  }

  private async send(command: SamCommandName, frame: Uint8Array): Promise<void> {
    const i = this.faults.findIndex((f) => f.command === command);
    const fault = i >= 0 ? this.faults.splice(i, 1)[0]?.fault : undefined;
    let bytes = frame;
    if (fault === 'silent') return;
    if (fault === 'bad-checksum') {
      bytes = Uint8Array.from(frame);
      bytes[bytes.length - 1] = (bytes.at(-1) as number) ^ 0x5a;
    }
    if (fault === 'truncate') bytes = frame.subarray(0, Math.floor(frame.length / 2));
    if (fault === 'garbage-before') bytes = Buffer.concat([Uint8Array.of(0x00, 0xaa, 0x13, 0xaa, 0xaa, 0x96), frame]);
    await this.link.write(bytes).catch(() => undefined);
  }
}
