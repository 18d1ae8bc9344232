// `npm run agent -- --hub <url> --key <agent key> --config <file>` (a bare config path works too).
import { parseArgs } from 'node:util';

export interface AgentArgs {
  config: string;
  hub?: string;
  key?: string;
}

export const AGENT_USAGE = 'usage: npm run agent -- --hub <url> --key <agent key> --config <agent-config.json>';

/** The agent's command line; throws with the usage line on anything it does not understand. */
export function parseAgentArgs(argv: string[]): AgentArgs {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: { hub: { type: 'string' }, key: { type: 'string' }, config: { type: 'string' } }, allowPositionals: true });
  } catch (e) {
    throw new Error(`${(e as Error).message}\n${AGENT_USAGE}`);
  }
  const config = parsed.values.config ?? parsed.positionals[0];
  if (!config || parsed.positionals.length > (parsed.values.config ? 0 : 1)) throw new Error(AGENT_USAGE);
  return { config, hub: parsed.values.hub, key: parsed.values.key };
}
