import { describe, expect, it } from 'vitest';
import { parseAgentArgs } from '../../../devices/agent/cli-args.js';

describe('agent command line', () => {
  it('takes --hub, --key and --config, or a bare config path', () => {
    expect(parseAgentArgs(['--hub', 'http://hub:8080', '--key', 'k'.repeat(16), '--config', 'a.json'])).toEqual({ config: 'a.json', hub: 'http://hub:8080', key: 'k'.repeat(16) });
    expect(parseAgentArgs(['a.json'])).toEqual({ config: 'a.json', hub: undefined, key: undefined });
  });

  it('refuses unknown flags and a missing config with the usage line', () => {
    expect(() => parseAgentArgs([])).toThrow(/usage: npm run agent/);
    expect(() => parseAgentArgs(['--port', '1', 'a.json'])).toThrow(/usage: npm run agent/);
    expect(() => parseAgentArgs(['--config', 'a.json', 'b.json'])).toThrow(/usage/);
  });
});
