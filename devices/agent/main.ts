// Entry point of the device agent on a kiosk or window PC:  node dist/devices/agent/main.js <config.json>
import { startAgent } from './agent.js';
import { AgentConfigError, loadAgentConfig } from './config.js';

const path = process.argv[2];
if (!path) {
  console.error('usage: node dist/devices/agent/main.js <agent-config.json>');
  process.exit(2);
}

let config;
try {
  config = loadAgentConfig(path);
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
