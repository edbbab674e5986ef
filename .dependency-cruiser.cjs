/**
 * The layering rule (docs/design.md, code shape), checked on the import graph by
 * dependency-cruiser: functions → adapters → pure domain, never backwards, and the pure folders
 * import nothing that does I/O. The clock and process.env are not imports; Biome checks those
 * (biome.json: lint/no-clock.grit and noProcessEnv).
 */
const PURE = '^shared/(instagram|post|embed|oembed|rescue|security|people|audit|storage|search)/|^shared/(field-rules|errors|log)\\.ts$';
const NODE_IO =
  '^(node:)?(fs|fs/promises|net|http|https|http2|dns|dns/promises|dgram|tls|child_process|cluster|worker_threads|os|readline|inspector)$';
const IO_PACKAGES =
  '^(@aws-sdk|@smithy|@aws-lambda-powertools|@hono/node-server|sharp|p-retry|p-limit|cli-progress|dynalite|s3rver|playwright-core|aws-cdk-lib|constructs)(/|$)';

module.exports = {
  forbidden: [
    {
      name: 'pure-no-node-io',
      comment: 'Pure code takes data and returns data: no file system, network, processes or OS.',
      severity: 'error',
      from: { path: PURE },
      to: { dependencyTypes: ['core'], path: NODE_IO },
    },
    {
      name: 'pure-no-io-packages',
      comment: 'Pure code uses no SDK, image library, HTTP server, retry or concurrency library.',
      severity: 'error',
      from: { path: PURE },
      to: { path: `node_modules/(${IO_PACKAGES.slice(1)})` },
    },
    {
      name: 'pure-no-outer-layers',
      comment: 'Pure code does not reach back into adapters, services, functions, infra or the config reader.',
      severity: 'error',
      from: { path: PURE },
      to: { path: '^shared/(adapters|services)/|^shared/config\\.ts$|^functions/|^infra/|^test/' },
    },
    {
      name: 'adapters-point-inward',
      comment: 'Adapters serve services and functions; they never import them.',
      severity: 'error',
      from: { path: '^shared/adapters/' },
      to: { path: '^shared/services/|^functions/|^infra/|^test/' },
    },
    {
      name: 'services-point-inward',
      comment: 'Services are called by the functions; they never import them.',
      severity: 'error',
      from: { path: '^shared/services/' },
      to: { path: '^functions/|^infra/|^test/' },
    },
    {
      name: 'shipped-code-no-tests',
      comment: 'What is deployed never imports test support.',
      severity: 'error',
      from: { path: '^(shared|functions|infra)/' },
      to: { path: '^test/' },
    },
    {
      name: 'no-unresolvable',
      comment: 'Every import resolves (a typo or a missing package fails here, not at run time).',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'no-undeclared-packages',
      comment: 'Packages used by shipped code are declared in package.json, not borrowed from a dependency.',
      severity: 'error',
      from: { path: '^(shared|functions|infra)/' },
      to: { dependencyTypes: ['npm-no-pkg', 'npm-unknown'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(cdk\\.out|\\.data|test/fixtures)/' },
    tsPreCompilationDeps: true,
    preserveSymlinks: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.cjs', '.mjs', '.d.ts'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
