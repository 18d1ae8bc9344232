import { defineConfig } from 'vitest/config';

// Two projects: `unit` (pure modules, fast) and `integration` (real HTTP server, sockets, child
// processes, ptys). Both run in one `vitest run`; scripts/test-all.sh sums their counts.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts', 'tests/devices/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts', 'tests/devices/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
