import { defineConfig } from 'vitest/config';

// `npm run test:pg`: the integration tests on a throwaway PostgreSQL cluster instead of SQLite files.
const onPostgres = process.env.LEDGER_TEST_ENGINE === 'postgres';

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node' } },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          globalSetup: onPostgres ? ['tests/helpers/pgCluster.ts'] : [],
          // A database per test is created from the template in a beforeEach: seconds on a busy machine.
          // Every statement is a round trip to the server: loading the demo county takes 40 s on two busy cores.
          ...(onPostgres ? { hookTimeout: 60_000, testTimeout: 180_000 } : {}),
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          exclude: ['tests/e2e/speed.test.ts'],
          environment: 'node',
          testTimeout: 180_000,
          hookTimeout: 180_000,
          // One browser at a time: the machines have two cores.
          fileParallelism: false,
          // A page waits on the core (scrypt, a 2,000-row ledger); on a busy shared machine one
          // second is not enough, and a wait that times out says nothing about the app.
          expect: { poll: { timeout: 10_000 } },
        },
      },
      {
        // The speed figures (printed, not asserted) are taken on their own, after every other test:
        // beside the integration tests on two cores they would measure the tests, not the app.
        test: {
          name: 'speed',
          include: ['tests/e2e/speed.test.ts'],
          environment: 'node',
          testTimeout: 600_000,
          hookTimeout: 600_000,
        },
      },
    ],
  },
});
