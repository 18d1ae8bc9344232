// The hub's application layer: turns authenticated requests (HTTP, keypads, pads) into domain commands,
// commits them through the single writer, and answers with views. No HTTP or SQL in here.
import { randomUUID } from 'node:crypto';
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import type { CardIdentity, DeviceHealth, DeviceManager, PrintOutcome, RatingScore } from '../devices/contract.js';
import { ApiError, forbiddenRole } from './api/api-error.js';
import type { TokenClaims } from './auth/tokens.js';
import { TokenSigner } from './auth/tokens.js';
import { generatePassword, hashPassword, verifyPassword } from './auth/passwords.js';
import { RateLimiter } from './auth/rate-limiter.js';
import type { CenterConfig } from './config/schema.js';
import { ageOn, businessDay, dayStartMs } from './domain/business-day.js';
import type { Command } from './domain/commands.js';
import type { StoredEvent } from './domain/events.js';
import { maskIdNumber, maskName } from './domain/masking.js';
import type { Complaint, Priority, QueueState, Role, Ticket, Whereabouts } from './domain/types.js';
import { ticketView, serviceList, windowView, type TicketView } from './domain/views.js';
import { IdentityTokens } from './identity-tokens.js';
import { Committer, type Clock, type CommandExtras } from './ledger/committer.js';
import { RetentionJob } from './retention/retention-job.js';
import { attachLiveConfig } from './config-admin/live-config.js';
import { openLiveConfig } from './config-admin/live-config-file.js';
import { PersonalVault, type PersonalRecord } from './ledger/personal-vault.js';
import { replayState } from './ledger/replay.js';
import type { Secrets } from './ledger/secrets.js';
import type { AccountRecord, LedgerStore, VisitQuery } from './ledger/store.js';
import { ledgerRow } from './ledger/visit-rows.js';
import { speech, type SpeechStatus } from './speech/espeak.js';

/** Who is asking: a signed-in person, a kiosk, a window screen, or nobody. */
export type Principal =
  | { kind: 'user'; claims: TokenClaims }
  | { kind: 'kiosk'; kioskId: string }
  | { kind: 'screen'; windowId: string }
  | { kind: 'anonymous' };

export interface HubOptions {
  config: CenterConfig;
  demo: boolean;
  store: LedgerStore;
  secrets: Secrets;
  clock: Clock;
  devices?: DeviceManager;
  adminPassword?: string;
  /** Where generated passwords are reported (stdout in production). */
  log?: (line: string) => void;
  /** Demo mode keeps the generated staff passwords here (0600) to show them at every start. */
  demoCredentialsFile?: string;
  /** The data folder: the live configuration and staff photos are kept here (none: changes last until the process ends). */
  dataDir?: string;
}

export type WindowActionName = 'sign-in' | 'sign-out' | 'call-next' | 'recall' | 'start' | 'finish' | 'no-show' | 'transfer' | 'pause' | 'resume';

type Listener = (events: StoredEvent[], state: QueueState) => void;

export class Hub {
  /** The configuration in force; replaced as a whole by a live change (server/config-admin). */
  config: CenterConfig;
  readonly dataDir: string | undefined;
  /** The daily retention check (server/retention). */
  retention: RetentionJob | undefined;
  readonly demo: boolean;
  readonly store: LedgerStore;
  readonly clock: Clock;
  readonly tokens: TokenSigner;
  readonly vault: PersonalVault;
  readonly identities = new IdentityTokens();
  readonly kioskLimiter: RateLimiter;
  readonly addressLimiter: RateLimiter;
  /** Where the hub listens; the ticket QR points here when the center has no configured publicUrl. */
  listeningUrl: string | undefined;
  devices: (DeviceManager & { startRating?(windowId: string): Promise<boolean> }) | undefined;
  private committer!: Committer;
  private readonly listeners: Listener[] = [];
  private readonly absorbedListeners: Listener[] = [];
  private readonly log: (line: string) => void;
  private rollTimer: NodeJS.Timeout | undefined;
  private readonly demoCredentialsFile: string | undefined;

  private constructor(opts: HubOptions) {
    this.config = opts.config;
    this.demo = opts.demo;
    this.store = opts.store;
    this.clock = opts.clock;
    this.devices = opts.devices;
    this.tokens = new TokenSigner(opts.secrets.key('auth-tokens'));
    this.vault = new PersonalVault(opts.secrets);
    this.kioskLimiter = new RateLimiter(opts.config.rateLimits.kioskPerMinute, opts.config.rateLimits.kioskBurst);
    this.addressLimiter = new RateLimiter(opts.config.rateLimits.addressPerMinute, opts.config.rateLimits.addressBurst);
    this.log = opts.log ?? ((line) => console.log(line));
    this.demoCredentialsFile = opts.demoCredentialsFile;
    this.dataDir = opts.dataDir;
  }

  static async open(opts: HubOptions): Promise<Hub> {
    // The configuration last changed in the admin (data folder) while the source file is unchanged.
    const liveConfig = openLiveConfig(opts.config, opts.dataDir, opts.log ?? ((line) => console.log(line)));
    opts = { ...opts, config: liveConfig.config };
    const hub = new Hub(opts);
    const setup = { rules: opts.config.rules, services: opts.config.services, windows: opts.config.windows };
    const state = await replayState(opts.store, setup);
    hub.committer = new Committer(
      state, opts.store, opts.clock, () => replayState(opts.store, setup),
      (events, s) => {
        for (const l of hub.listeners) l(events, s);
      },
      (events, s) => {
        for (const l of hub.absorbedListeners) l(events, s);
      },
    );
    await hub.committer.init();
    // A shared ledger (PostgreSQL): other hub processes append too; catch up whenever they do.
    await opts.store.watch?.(() => hub.committer.sync());
    await hub.committer.submit({ type: 'roll-over' });
    await hub.bootstrapAccounts(opts.adminPassword);
    await attachLiveConfig(hub, liveConfig, opts.secrets);
    hub.retention = RetentionJob.start(hub);
    // Midnight in the center's zone expires yesterday's queue even when nobody is issuing.
    hub.rollTimer = setInterval(() => void hub.committer.submit({ type: 'roll-over' }).catch(() => undefined), 30_000);
    hub.rollTimer.unref();
    return hub;
  }

  get state(): QueueState {
    return this.committer.current;
  }

  onCommitted(listener: Listener): void {
    this.listeners.push(listener);
  }

  /**
   * Events another hub process sharing this ledger (PostgreSQL) committed, after this hub applied them to
   * its queue state: for what lives beside the state (the configuration in force, kiosk content).
   * Realtime for them already came through the socket.io adapter; the embedded store never has any.
   */
  onAbsorbed(listener: Listener): void {
    this.absorbedListeners.push(listener);
  }

  /** Commits a domain command through the single writer (for modules that take the hub as a parameter). */
  commit(cmd: Command, extras?: CommandExtras): Promise<StoredEvent[]> {
    return this.committer.submit(cmd, extras);
  }

  async close(): Promise<void> {
    if (this.rollTimer) clearInterval(this.rollTimer);
    this.retention?.stop();
    await this.devices?.close();
    await this.store.close();
  }

  // ---- accounts -------------------------------------------------------------------------------

  /** Creates a bootstrap account unless another hub process sharing the ledger just did. */
  private async createAccountOnce(input: Parameters<Hub['createAccount']>[0]): Promise<boolean> {
    try {
      await this.createAccount(input, 'system');
      return true;
    } catch (err) {
      if (await this.store.account(input.username)) return false;
      throw err;
    }
  }

  private async bootstrapAccounts(adminPassword: string | undefined): Promise<void> {
    const admin = await this.store.account('admin');
    if (!admin) {
      const password = adminPassword ?? generatePassword();
      const made = await this.createAccountOnce({ username: 'admin', name: '系统管理员', title: '管理员', employeeNo: 'ADMIN', role: 'admin', password });
      if (made && !adminPassword) this.log(`yichuang: admin one-time password: ${password}  (set YICHUANG_ADMIN_PASSWORD to choose it)`);
    } else if (adminPassword && !(await verifyPassword(adminPassword, admin.passwordHash))) {
      await this.store.setPassword('admin', await hashPassword(adminPassword), this.clock.now());
    }
    const created: string[] = [];
    for (const seat of this.config.staff) {
      if (await this.store.account(seat.username)) continue;
      const password = generatePassword(8);
      if (await this.createAccountOnce({ ...seat, password })) created.push(`  ${seat.username.padEnd(12)} ${password}  ${seat.name} ${seat.title}`);
    }
    // Generated staff passwords are printed in demo mode only (kept in a 0600 file so every demo start
    // can show them again); a real center's admin hands out passwords instead.
    if (this.demo && this.demoCredentialsFile) {
      if (created.length > 0) appendFileSync(this.demoCredentialsFile, `${created.join('\n')}\n`, { mode: 0o600 });
      if (existsSync(this.demoCredentialsFile)) this.log(`yichuang: demo staff accounts (username, password):\n${readFileSync(this.demoCredentialsFile, 'utf8').trimEnd()}`);
    }
  }

  async createAccount(
    input: { username: string; password: string; name: string; title: string; titleEn?: string; employeeNo: string; role: Role; phone?: string; photo?: string },
    by: string,
  ): Promise<{ staffId: string }> {
    const now = this.clock.now();
    const staffId = randomUUID();
    const sealed = input.phone ? this.vault.seal({ phone: input.phone }, now) : undefined;
    const account: AccountRecord = { username: input.username, staffId, role: input.role, passwordHash: await hashPassword(input.password), updatedAt: now };
    await this.committer.submit(
      {
        type: 'create-staff', staffId, username: input.username, name: input.name, title: input.title, titleEn: input.titleEn, employeeNo: input.employeeNo,
        role: input.role, photo: input.photo, personal: sealed?.link, by,
      },
      { accounts: [account], personal: sealed ? [sealed.record] : [] },
    );
    return { staffId };
  }

  async login(username: string, password: string): Promise<{ token: string; role: Role; name: string; staffId: string }> {
    const account = await this.store.account(username);
    // Hash even for unknown users so timing does not reveal which usernames exist.
    const ok = await verifyPassword(password, account?.passwordHash ?? 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    if (!account || !ok) throw new ApiError(401, 'bad-credentials', '用户名或密码错误 / wrong username or password');
    const staff = this.state.staff.get(account.staffId);
    const name = staff?.name ?? username;
    const token = this.tokens.sign({ sub: username, staffId: account.staffId, role: account.role, name }, this.clock.now());
    return { token, role: account.role, name, staffId: account.staffId };
  }

  async changePassword(claims: TokenClaims, current: string, next: string): Promise<void> {
    const account = await this.store.account(claims.sub);
    if (!account || !(await verifyPassword(current, account.passwordHash))) throw new ApiError(401, 'bad-credentials', '原密码错误 / wrong current password');
    await this.store.setPassword(claims.sub, await hashPassword(next), this.clock.now());
  }

  async setWhereabouts(staffId: string, whereabouts: Whereabouts, note: string | undefined, claims: TokenClaims): Promise<void> {
    if (claims.role === 'staff' && claims.staffId !== staffId) throw forbiddenRole('只能设置本人去向 / staff may set only their own whereabouts');
    await this.committer.submit({ type: 'set-whereabouts', staffId, whereabouts, note, by: claims.staffId });
  }

  // ---- tickets --------------------------------------------------------------------------------

  async issueTicket(
    input: { serviceId: string; kioskId?: string; identityToken?: string; phone?: string; priority?: Priority },
    principal: Principal,
  ) {
    const now = this.clock.now();
    const staff = principal.kind === 'user' ? principal.claims : undefined;
    let identity: CardIdentity | undefined;
    if (input.identityToken) {
      identity = this.identities.peek(input.identityToken, staff ? undefined : input.kioskId, now);
      if (!identity) throw new ApiError(400, 'identity-token-invalid', '身份信息已失效，请重新刷卡 / identity token expired or unknown', 'identityToken');
    }
    const sealed = identity || input.phone
      ? this.vault.seal({ name: identity?.name, idNumber: identity?.idNumber, phone: input.phone }, now)
      : undefined;
    const ticketId = randomUUID();
    const events = await this.committer.submit(
      {
        type: 'issue', ticketId, serviceId: input.serviceId, priority: input.priority ?? 'normal', kioskId: input.kioskId,
        by: staff?.staffId, personal: sealed?.link, subjectKey: sealed?.record.subjectKey,
        age: identity ? ageOn(identity.birthDate, now, this.config.rules.timeZone) : undefined,
      },
      { personal: sealed ? [sealed.record] : [] },
    );
    if (input.identityToken && events.length > 0) this.identities.consume(input.identityToken);
    const view = ticketView(this.state, this.state.tickets.get(ticketId)!);
    const print = input.kioskId ? await this.print(input.kioskId, view, `issue:${ticketId}`) : 'none';
    return { ...view, print };
  }

  /** Prints a ticket at a kiosk. The device layer prints a job id at most once; a reprint is its own job. */
  private async print(kioskId: string, view: TicketView, jobId: string): Promise<PrintOutcome> {
    if (!this.devices) return 'none';
    const service = this.state.services.get(view.serviceId)!;
    const base = this.config.center.publicUrl ?? this.listeningUrl ?? 'http://localhost:8080';
    return this.devices.print(kioskId, {
      jobId, ticketId: view.id, centerName: this.config.center.name, number: view.number,
      serviceName: service.name, serviceNameEn: service.nameEn, ahead: view.ahead, estimatedWaitMinutes: view.estimatedWaitMinutes,
      issuedAt: view.issuedAt, materials: service.materials, url: `${base.replace(/\/$/, '')}/t/${view.id}`, hotline: this.config.center.hotline,
      reprint: jobId.startsWith('reprint:'), // the ticket says 补打 REPRINT
    });
  }

  async findTicket(id: string): Promise<Ticket | undefined> {
    return this.state.tickets.get(id) ?? (await this.store.ticket(id));
  }

  async ticket(id: string) {
    const live = this.state.tickets.get(id);
    if (live) return ticketView(this.state, live);
    const old = await this.store.ticket(id);
    if (!old) throw new ApiError(404, 'ticket-not-found', `无此号票 / no ticket ${id}`);
    return ticketView(this.state, old);
  }

  /** A reprint is an explicit act, recorded in the ledger, and its own print job. */
  async reprint(ticketId: string, kioskId: string, by: string | undefined) {
    const events = await this.committer.submit({ type: 'reprint', ticketId, kioskId, by });
    const view = ticketView(this.state, this.state.tickets.get(ticketId)!);
    const print = await this.print(kioskId, view, `reprint:${ticketId}:${events[0]!.seq}`);
    return { ...view, print };
  }

  async reactivate(ticketId: string, claims: TokenClaims) {
    await this.committer.submit({ type: 'reactivate', ticketId, staffId: claims.staffId });
    return ticketView(this.state, this.state.tickets.get(ticketId)!);
  }

  async cancel(ticketId: string, claims: TokenClaims) {
    await this.committer.submit({ type: 'cancel', ticketId, by: claims.staffId });
    return ticketView(this.state, this.state.tickets.get(ticketId)!);
  }

  services() {
    return serviceList(this.state);
  }

  // ---- windows --------------------------------------------------------------------------------

  /** A window action by the signed-in staff member; a device press passes its own id so a resend acts once. */
  async windowAction(windowId: string, action: WindowActionName, staffId: string, body: Record<string, unknown> = {}, pressId?: string) {
    const cmd = { type: action, windowId, staffId, ...body } as Command;
    const events = await this.committer.submit(cmd, { idempotencyKey: pressId });
    const state = this.state;
    const duplicate = pressId !== undefined && events.length === 0 && state.applied.has(pressId);
    if (action === 'call-next' && !duplicate) {
      const called = events.find((e) => e.type === 'ticket.called');
      return { ticket: called ? ticketView(state, state.tickets.get((called.data as { ticketId: string }).ticketId)!) : null, window: windowView(state, windowId) };
    }
    const w = state.windows.get(windowId);
    const current = w?.currentTicketId ? state.tickets.get(w.currentTicketId) : undefined;
    const touched = events.map((e) => (e.data as { ticketId?: string }).ticketId).find((id) => id !== undefined);
    const ticket = current ?? (touched ? state.tickets.get(touched) : undefined);
    return { ticket: ticket ? ticketView(state, ticket) : null, window: windowView(state, windowId) };
  }

  /** The staff member signed in at a window (keypads act as this person). */
  signedInAt(windowId: string): string | undefined {
    return this.state.windows.get(windowId)?.staffId;
  }

  async rate(windowId: string, score: RatingScore, source: string, pressId?: string) {
    const events = await this.committer.submit({ type: 'rate', windowId, score, source, followUpId: randomUUID() }, { idempotencyKey: pressId });
    const rated = events.find((e) => e.type === 'ticket.rated')?.data as { ticketId: string } | undefined;
    if (!rated) return { duplicate: true as const }; // this press was already recorded
    const t = this.state.tickets.get(rated.ticketId)!;
    return { ticketId: t.id, number: t.number, score, followUp: events.some((e) => e.type === 'follow-up.opened') };
  }

  window(windowId: string) {
    if (!this.state.windowDefs.has(windowId)) throw new ApiError(404, 'window-not-found', `无此窗口 / no window ${windowId}`);
    return windowView(this.state, windowId);
  }

  // ---- ledger ---------------------------------------------------------------------------------

  async ledger(query: VisitQuery) {
    const visits = await this.store.visits(query);
    return visits.map((v) => ledgerRow(this.state, v));
  }

  async verify() {
    return this.store.verify();
  }

  async followUps(status: 'open' | 'done' | undefined, claims: TokenClaims) {
    const all = await this.store.followUps(status);
    const mine = claims.role === 'staff' ? all.filter((f) => f.staffId === claims.staffId) : all;
    return mine.map((f) => ({
      id: f.id, ticketId: f.ticketId, number: f.number, rating: f.rating, staff: f.staffId ? this.state.staff.get(f.staffId)?.name ?? f.staffId : null,
      staffId: f.staffId ?? null, windowId: f.windowId ?? null, openedAt: new Date(f.openedAt).toISOString(), dueAt: new Date(f.dueAt).toISOString(),
      overdue: f.status === 'open' && f.dueAt < this.clock.now(), status: f.status, reached: f.reached ?? null, resolved: f.resolved ?? null, note: f.note ?? null,
      attempts: (f.attempts ?? []).map((a) => ({ at: new Date(a.at).toISOString(), by: this.state.staff.get(a.by)?.name ?? a.by, note: a.note })),
    }));
  }

  /** Record the follow-up call and close it. */
  async closeFollowUp(id: string, body: { reached: boolean; resolved: boolean; note: string }, claims: TokenClaims) {
    return this.followUpCall(id, { type: 'close-follow-up', followUpId: id, by: claims.staffId, ...body }, claims);
  }

  /** A call that did not reach the citizen (or did not settle it): recorded, the follow-up stays open. */
  async followUpAttempt(id: string, body: { note: string }, claims: TokenClaims) {
    return this.followUpCall(id, { type: 'follow-up-attempt', followUpId: id, by: claims.staffId, note: body.note }, claims);
  }

  private async followUpCall(id: string, cmd: Command, claims: TokenClaims) {
    const f = this.state.followUps.get(id);
    if (f && claims.role === 'staff' && f.staffId !== claims.staffId) throw forbiddenRole('只能回访本人的服务对象 / staff may follow up only their own visits');
    await this.committer.submit(cmd);
    return (await this.followUps(undefined, claims)).find((x) => x.id === id)!;
  }

  async complaints() {
    const now = this.clock.now();
    return (await this.store.complaints()).map((c) => this.complaintView(c, now));
  }

  private complaintView(c: Complaint, now: number) {
    return {
      id: c.id, channel: c.channel, subject: c.subject, content: c.content, windowId: c.windowId ?? null, staffId: c.staffId ?? null,
      registeredAt: new Date(c.registeredAt).toISOString(), dueAt: new Date(c.dueAt).toISOString(), status: c.status,
      overdue: c.status !== 'closed' && c.dueAt < now, reply: c.reply ?? null,
      history: c.history.map((h) => ({ ...h, at: new Date(h.at).toISOString() })),
      assigneeId: c.assigneeId ?? null, assignee: c.assigneeId ? this.state.staff.get(c.assigneeId)?.name ?? c.assigneeId : null,
      assignedAt: c.assignedAt === undefined ? null : new Date(c.assignedAt).toISOString(),
      feedback: c.feedback ? { ...c.feedback, at: new Date(c.feedback.at).toISOString(), satisfied: c.feedback.satisfied ?? null } : null,
    };
  }

  async registerComplaint(body: { channel: string; subject: string; content: string; windowId?: string; staffId?: string; contact?: string }, claims: TokenClaims) {
    const now = this.clock.now();
    const complaintId = randomUUID();
    const sealed = body.contact ? this.vault.seal({ phone: body.contact }, now) : undefined;
    const { contact: _c, ...rest } = body;
    await this.committer.submit({ type: 'register-complaint', complaintId, ...rest, personal: sealed?.link, by: claims.staffId }, { personal: sealed ? [sealed.record] : [] });
    return this.complaintView(this.state.complaints.get(complaintId)!, now);
  }

  /** 交办: the director assigns a complaint to a staff member to handle. */
  async assignComplaint(id: string, body: { staffId: string; note?: string }, claims: TokenClaims) {
    await this.committer.submit({ type: 'assign-complaint', complaintId: id, assigneeId: body.staffId, note: body.note, by: claims.staffId });
    return this.complaintView(this.state.complaints.get(id)!, this.clock.now());
  }

  /** 反馈: what the complainant was told, how, and whether they accepted it. */
  async complaintFeedback(id: string, body: { channel: string; note: string; satisfied?: boolean }, claims: TokenClaims) {
    await this.committer.submit({ type: 'complaint-feedback', complaintId: id, ...body, by: claims.staffId });
    return this.complaintView(this.state.complaints.get(id)!, this.clock.now());
  }

  async updateComplaint(id: string, body: { status: 'handling' | 'closed'; reply: string }, claims: TokenClaims) {
    await this.committer.submit({ type: 'update-complaint', complaintId: id, ...body, by: claims.staffId });
    return this.complaintView(this.state.complaints.get(id)!, this.clock.now());
  }

  /** Erases personal data of visits before a day (center time); the purge itself is a ledger event. */
  async purge(beforeDay: string, claims: TokenClaims) {
    const beforeMs = dayStartMs(beforeDay, this.config.rules.timeZone);
    const refs = await this.store.countPersonalBefore(beforeMs);
    await this.committer.submit({ type: 'record-purge', before: beforeDay, refs, by: claims.staffId }, { purgeBefore: beforeMs });
    return { before: beforeDay, purged: refs };
  }

  // ---- devices & identity ---------------------------------------------------------------------

  private readonly identityListeners: ((kioskId: string, read: ReturnType<Hub['identityRead']>) => void)[] = [];

  onIdentity(listener: (kioskId: string, read: ReturnType<Hub['identityRead']>) => void): void {
    this.identityListeners.push(listener);
  }

  emitIdentity(kioskId: string, read: ReturnType<Hub['identityRead']>): void {
    for (const l of this.identityListeners) l(kioskId, read);
  }

  /** A card was read at a kiosk: keep it here, hand the kiosk a token and the masked form. */
  identityRead(kioskId: string, identity: CardIdentity) {
    const now = this.clock.now();
    const identityToken = this.identities.issue(kioskId, identity, now);
    const age = ageOn(identity.birthDate, now, this.config.rules.timeZone);
    return {
      identityToken, nameMasked: maskName(identity.name), idNumberMasked: maskIdNumber(identity.idNumber), age, cardType: identity.cardType,
      greenEligible: age >= this.config.rules.greenAge,
    };
  }

  health(): { status: 'ok'; ledger: 'sqlite' | 'postgres'; devices: DeviceHealth[]; day: string; speech: SpeechStatus } {
    return { status: 'ok', ledger: this.store.kind, devices: this.devices?.health() ?? [], day: businessDay(this.clock.now(), this.config.rules.timeZone), speech: speech().status() };
  }

  personalRecords(refs: string[]): Promise<PersonalRecord[]> {
    return this.store.personal(refs);
  }
}
