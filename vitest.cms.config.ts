import { defineConfig } from 'vitest/config';

/**
 * `npm run test:cms`: the oEmbed html in real CMSs (Debian's WordPress with MariaDB and php -S).
 * Apart from `npm test` because it needs those packages and takes minutes; .ci/run runs both.
 */
export default defineConfig({
  test: {
    include: ['test/cms/**/*.cms.test.ts'],
    environment: 'node',
    env: { TZ: 'UTC', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    testTimeout: 180_000,
    hookTimeout: 300_000,
    pool: 'forks',
  },
});
