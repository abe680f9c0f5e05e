/**
 * Unit specs sit beside the code (in src/ and bench/); integration and e2e tests under test/ use the
 * machine's PostgreSQL and Redis, or without them an embedded PostgreSQL and queues on PostgreSQL
 * (test/support/global-setup.ts).
 */
/**
 * openid-client and its dependencies are published as ES modules only. Node ≥ 20.19 `require()`s
 * them natively (the built service does), but Jest's module registry cannot on Node 20, so Jest
 * compiles them to CommonJS.
 */
const esmOnly = ['openid-client', 'oauth4webapi', 'jose'];
/**
 * Controllers and DTO/view classes go through the @nestjs/swagger CLI plugin as in `nest build`
 * (scripts/swagger-plugin-transformer.js, same options from nest-cli.json), so the OpenAPI document
 * under test is the production one. The plugin reads types, which needs a program: for those files
 * only, isolatedModules is off; every other file is transpiled alone, as fast as before. ts-jest
 * reports no type errors either way, `tsc --noEmit` does.
 */
const { swaggerPluginFiles } = require('./scripts/swagger-plugin-transformer');
const transform = {
  [swaggerPluginFiles]: [
    '<rootDir>/scripts/ts-jest-swagger.js',
    {
      tsconfig: { isolatedModules: false },
      // No type errors reported per file (exclude), and not TS151002, which warns that Node16
      // modules are fully supported only when isolated: this package is CommonJS, as emitted here.
      diagnostics: { ignoreCodes: [151002], exclude: ['**'] },
      astTransformers: { before: ['<rootDir>/scripts/swagger-plugin-transformer.js'] },
    },
  ],
  '^.+\\.ts$': 'ts-jest',
  '^.+\\.js$': [
    'ts-jest',
    { tsconfig: { allowJs: true, module: 'commonjs', moduleResolution: 'node10' } },
  ],
};
const transformIgnorePatterns = [`/node_modules/(?!(${esmOnly.join('|')})/)`];
module.exports = {
  testTimeout: 60000,
  // A suite whose teardown timed out after a failure (an app or a browser left open) must end the
  // run with its failure, not hang it until CI's time limit takes every result with it.
  forceExit: true,
  reporters: ['default', '<rootDir>/test/support/skipped-tests-reporter.js'],
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      rootDir: '.',
      testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/bench/**/*.spec.ts'],
      // The pages' /ui/request-labels.js is written by the server from common/request-labels.ts;
      // the pages import the shared /ui/ modules by their path on the site.
      moduleNameMapper: {
        '^\\./request-labels\\.js$': '<rootDir>/src/common/request-labels.ts',
        '^/ui/(.*)$': '<rootDir>/src/ui/assets/$1',
      },
      transform,
      transformIgnorePatterns,
    },
    {
      displayName: 'integration',
      testEnvironment: 'node',
      rootDir: '.',
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      transform,
      transformIgnorePatterns,
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
};
