import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Suites that need Debian's packages run apart, each with its own command that .ci/run
    // also runs: Chromium (`*.browser.test.ts`, `npm run test:browser`) and real CMSs
    // (WordPress with MariaDB, `npm run test:cms`). `npm test` needs nothing but `npm ci`.
    exclude: ['test/cms/**', 'test/**/*.browser.test.ts', '**/node_modules/**'],
    environment: 'node',
    // Lambda runs Node 22; the SDK's notice about Node 20 says nothing about the code under test.
    env: { TZ: 'UTC', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
