import { defineConfig } from 'vitest/config'

// Three projects so that `npm test` says which gate failed: unit tests are pure
// and fast; integration tests start real servers on port 0; e2e drives Chromium.
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node' } },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          // A throwaway Postgres cluster and Redis server for the store contracts and cluster tests.
          globalSetup: ['tests/helpers/globalServices.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // Two files at a time even on two cores: the tests mostly wait on sockets, fsync and
          // Postgres, and each file has its own servers, data folders, databases and Redis prefix.
          maxWorkers: 2,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          // A page reacts in its own time (a save acknowledged, a peer's note drawn): polls wait
          // up to 10 s for it rather than vitest's default 1 s, which a loaded CI machine misses.
          expect: { poll: { timeout: 10_000 } },
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
})
