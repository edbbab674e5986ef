import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Real CMSs (WordPress with MariaDB) run apart: `npm run test:cms`.
    exclude: ['test/cms/**', '**/node_modules/**'],
    environment: 'node',
    // Lambda runs Node 22; the SDK's notice about Node 20 says nothing about the code under test.
    env: { TZ: 'UTC', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
