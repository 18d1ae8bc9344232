// docs/api.md is generated from the route specs (npm run docs:api); a test keeps it current.
import type { RouteSpec } from './route-spec.js';

const INTRO = `# yichuang hub API (contract v1)

Generated from the route declarations in \`server/api/routes/\` — do not edit by hand; run \`npm run docs:api\`.
The machine-readable form is served at \`GET /api/v1/openapi.json\` (OpenAPI 3.1, from the same zod schemas).

- Errors: \`{ "error": { "code", "message", "field"? } }\` — 400 invalid input (naming the field; nothing is
  created), 401 no or bad credential, 403 wrong role / key, 404 unknown, 409 state conflict (nothing changes),
  429 rate limited (\`Retry-After\`).
- Credentials: \`Authorization: Bearer <token>\` from \`POST /api/v1/auth/login\` (12 h); kiosks send
  \`X-Kiosk-Key\`, window screens \`X-Screen-Key\` when one is configured.
- Times are ISO 8601 (UTC); business days (\`from\`, \`to\`, numbering) are calendar days in the center's time zone.

## Realtime (socket.io)

- \`/display?room=hall\` or \`?room=window:<id>\` (window rooms need \`auth: {screenKey}\` when configured):
  \`snapshot\` on every (re)connect \`{at, calls (latest 8, newest first), services [{id, prefix, name|null, waiting}],
  windows, window}\`; then \`call\` \`{id, ticketNumber, windowId, windowName, serviceName|null, at, recall}\` —
  \`id\` is the ledger sequence number, increasing, so a screen drops any call it has already shown;
  \`window\` (a window view) when a window's staff or status changes; \`queue\` \`{services: [{id, waiting}]}\`.
  A discreet service is never named (\`serviceName: null\`).
- \`/kiosk?kiosk=<id>\` (\`auth: {kioskKey}\` when configured): \`idcard\` \`{identityToken, nameMasked, age,
  idNumberMasked, cardType, greenEligible}\` — the token is single use, valid 5 minutes; \`printer\` \`{state}\`.
  A card that gives no identity: \`idcard-error\` \`{error: "invalid card"|"unsupported card type"|"read failed",
  message (zh / en), cardType?}\`; the kiosk's own reader: \`idcard-reader\` \`{state, detail?}\` on connect and on change.
- \`/device-health\` (\`auth: {token}\`, director/admin): \`devices\` \`{at, devices}\` on every (re)connect, then
  \`device\` \`{at, id, kind, state, detail?}\` on each change.
`;

export function apiMarkdown(routes: RouteSpec[]): string {
  const tags = [...new Set(routes.map((r) => r.tag))];
  const sections = tags.map((tag) => {
    const rows = routes.filter((r) => r.tag === tag).map((r) => {
      const statuses = Object.entries(r.responses).map(([s, d]) => `${s} ${d.description}`).join('; ');
      return `| \`${r.method.toUpperCase()} ${r.path}\` | ${r.access.join(', ')} | ${r.summary} | ${statuses} |`;
    });
    return `## ${tag}\n\n| route | who | what | answers |\n|---|---|---|---|\n${rows.join('\n')}\n`;
  });
  return `${INTRO}\n${sections.join('\n')}`;
}
