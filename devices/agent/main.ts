// Entry point of the device agent on a kiosk or window PC:
//   npm run agent -- --hub <url> --key <agent key> --config <agent-config.json>
import { startAgent } from './agent.js';
import { parseAgentArgs, type AgentArgs } from './cli-args.js';
import { AgentConfigError, loadAgentConfig } from './config.js';

let args: AgentArgs;
try {
  args = parseAgentArgs(process.argv.slice(2));
} catch (e) {
  console.error((e as Error).message);
  process.exit(2);
}

let config;
try {
  config = loadAgentConfig(args.config, { hub: args.hub, key: args.key });
} catch (e) {
  console.error(e instanceof AgentConfigError ? e.message : e);
  process.exit(1);
}

const agent = startAgent(config);
let stopping = false;
const stop = (signal: string): void => {
  if (stopping) return;
  stopping = true;
  console.log(`agent ${config.agentId}: ${signal}, stopping (${agent.pending().length} press(es) kept in the outbox)`);
  agent.close().then(
    () => process.exit(0),
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
