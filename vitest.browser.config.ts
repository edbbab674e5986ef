import { defineConfig } from 'vitest/config';

/**
 * `npm run test:browser`: the suites that drive Debian's Chromium (the embed as readers see it,
 * the workspace, CMS hosts' frames, CloudFront's headers). Apart from `npm test` so that one
 * stays within ten minutes on two cores and needs nothing but `npm ci`; .ci/run runs both.
 */
export default defineConfig({
  test: {
    include: ['test/**/*.browser.test.ts'],
    environment: 'node',
    env: { TZ: 'UTC', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
