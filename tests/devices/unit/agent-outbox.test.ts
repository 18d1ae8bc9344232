// The agent's outbox: presses survive a restart until acked, acked ones are never sent again, a torn
// last line is dropped, and the file is compacted on open.
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { Outbox } from '../../../devices/agent/outbox.js';
import type { Press } from '../../../devices/agent/protocol.js';

let dir: string;
let path: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'agent-outbox-'));
  path = join(dir, 'sub', 'outbox.jsonl');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const rating = (id: string): Press => ({ id, kind: 'rating', windowId: '5', score: 'satisfied', deviceId: 'pad-5' });
const key = (id: string): Press => ({ id, kind: 'key', windowId: '5', action: 'call-next', deviceId: 'keys-5' });

it('keeps unacked presses in order across a reopen and forgets acked ones', () => {
  const a = Outbox.open(path);
  a.add(rating('A1:1'));
  a.add(key('A1:2'));
  a.add(rating('A1:3'));
  a.ack('A1:2', { ok: true });
  a.add(rating('A1:1')); // the same id twice is one press
  expect(a.pending().map((p) => p.id)).toEqual(['A1:1', 'A1:3']);
  expect(a.answer('A1:2')).toEqual({ ok: true });
  a.close();

  const b = Outbox.open(path);
  expect(b.pending()).toEqual([rating('A1:1'), rating('A1:3')]);
  b.ack('A1:1', { ok: false, code: 'nothing-to-rate', message: 'x' });
  b.ack('A1:3', { ok: true, duplicate: true });
  b.add(key('A1:4'));
  b.close();

  const c = Outbox.open(path);
  expect(c.pending().map((p) => p.id)).toEqual(['A1:4']);
  c.close();
  // compacted on open: only the pending press is left in the file
  const lines = readFileSync(path, 'utf8').trim().split('\n');
  expect(lines.map((l) => JSON.parse(l))).toEqual([{ t: 'press', press: key('A1:4') }]);
});

it('drops a torn last line (power cut mid-write) but refuses a corrupt line in the middle', () => {
  const a = Outbox.open(path);
  a.add(rating('A1:1'));
  a.close();
  appendFileSync(path, '{"t":"press","press":{"id":"A1:2","ki');
  const b = Outbox.open(path);
  expect(b.pending().map((p) => p.id)).toEqual(['A1:1']);
  b.close();

  writeFileSync(path, `not json\n${JSON.stringify({ t: 'press', press: rating('A1:9') })}\n`);
  expect(() => Outbox.open(path)).toThrow(/line 1 is not JSON/);
  writeFileSync(path, `${JSON.stringify({ t: 'press', press: { id: 'x', kind: 'rating' } })}\n`);
  expect(() => Outbox.open(path)).toThrow(/line 1 is not a valid press/);
});

it('refuses writes once closed', () => {
  const a = Outbox.open(path);
  a.close();
  expect(() => a.add(rating('A1:1'))).toThrow(/closed/);
});
