import { defineConfig } from 'vitest/config';

// Projects: `unit` (pure modules, fast), `integration` (real HTTP server, sockets, child
// processes, ptys), `integration-pg` (the API suites on PostgreSQL, and PostgreSQL's own tests) and `browser` (real Chromium via playwright-core against a real hub). Both run in one `vitest run`; scripts/test-all.sh sums their counts.
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
      {
        // The core API suites again, against a real PostgreSQL ledger (the store is the only difference).
        test: {
          name: 'integration-pg',
          include: [
            'tests/integration/api-queue.test.ts', 'tests/integration/api-ledger.test.ts',
            'tests/integration/concurrency.test.ts', 'tests/integration/realtime-display.test.ts',
            'tests/integration/crash-recovery.test.ts',
            'tests/integration/admin-ledger.test.ts', 'tests/integration/reports-exact.test.ts', 'tests/integration/ledger-xlsx-export.test.ts',
            'tests/integration/retention-purge.test.ts', 'tests/integration/reveal-audit.test.ts', 'tests/integration/config-live.test.ts',
            'tests/integration/kiosk-content-ledger.test.ts',
            'tests/postgres/**/*.test.ts',
          ],
          globalSetup: ['tests/support/pg-global-setup.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'browser',
          include: ['tests/browser/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
