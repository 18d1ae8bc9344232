// What the hall and window screens ask of the hub besides the /display feed: their settings (notices,
// voice-call options, whether the hub can synthesise speech) and the hub-synthesised WAV of a call.
import { z } from 'zod';
import { callView } from '../../domain/views.js';
import { SCREEN_RATING_SECONDS } from '../../realtime.js';
import { announcementText } from '../../speech/announcement.js';
import { speech } from '../../speech/espeak.js';
import { ApiError } from '../api-error.js';
import { route, type RouteSpec } from '../route-spec.js';
import { errorSchema } from '../schemas.js';

const settingsSchema = z.object({
  centerName: z.string(),
  notices: z.array(z.string()),
  announce: z.object({ repeat: z.union([z.literal(1), z.literal(2)]), chime: z.boolean() }),
  speech: z.object({ engine: z.enum(['espeak-ng', 'none']) }),
  ratingSeconds: z.number(),
});

export const screenRoutes: RouteSpec[] = [
  route({
    method: 'get', path: '/api/v1/screens/settings', tag: 'screens', summary: 'Hall/window screen settings: notices (公示), voice-call options, the hub\'s speech engine', access: ['public'],
    responses: { 200: { description: 'settings', schema: settingsSchema } },
    handler: ({ hub }) => ({
      status: 200,
      body: {
        centerName: hub.config.center.name,
        notices: hub.config.notices,
        announce: hub.config.announce,
        speech: { engine: speech().status().engine },
        ratingSeconds: Math.min(SCREEN_RATING_SECONDS, hub.config.rules.ratingWindowSeconds),
      },
    }),
  }),
  route({
    method: 'get', path: '/api/v1/screens/calls/:seq/speech.wav', tag: 'screens',
    summary: 'The call announcement synthesised by espeak-ng (Mandarin, pinyin voice) for screens without a zh-CN browser voice; recent calls only',
    access: ['public'],
    params: z.object({ seq: z.coerce.number().int().min(1) }),
    responses: {
      200: { description: 'audio/wav' },
      404: { description: 'no such recent call', schema: errorSchema },
      503: { description: 'espeak-ng is not installed on the hub', schema: errorSchema },
    },
    handler: async ({ hub, params }) => {
      const call = hub.state.recentCalls.find((c) => c.eventSeq === params.seq);
      if (!call) throw new ApiError(404, 'call-not-found', `无此叫号记录 / no recent call ${params.seq}`);
      const engine = speech();
      if (engine.status().engine === 'none') throw new ApiError(503, 'speech-unavailable', '叫号主机未安装 espeak-ng / espeak-ng is not installed on the hub');
      const wav = await engine.wav(announcementText(callView(hub.state, call)).spoken);
      return { status: 200, file: { contentType: 'audio/wav', filename: `call-${params.seq}.wav`, content: wav } };
    },
  }),
];
