// Two projects: fast unit specs next to the code, and integration/e2e tests in test/ that
// talk to the real PostgreSQL and Redis (see test/setup/global-setup.ts).
// Each file is transpiled alone by SWC (types are checked by `npm run check`, not by jest). The
// options mirror tsconfig.json: legacy decorators with their design-type metadata (NestJS
// injection and TypeORM columns read it) and class fields with define semantics (target ES2022).
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: true },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];
// ESM-only packages (NestJS 12 and a few of its dependencies) that jest must compile to CommonJS.
const ESM_PACKAGES = ['@nestjs', 'file-type', 'strtok3', 'token-types', 'uint8array-extras', '@tokenizer'];
const shared = {
  testEnvironment: 'node',
  // V8's code cache shared by the test files of a jest worker (see the file).
  runtime: '<rootDir>/test/setup/code-cache-runtime.js',
  rootDir: '.',
  transform: {
    '^.+\\.ts$': swc,
    '^.+\\.js$': '<rootDir>/test/setup/esm-transformer.js',
  },
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_PACKAGES.join('|')})/)`],
};
module.exports = {
  // Global only: jest ignores testTimeout inside a project.
  testTimeout: 60000,
  // A worker that has run many e2e files holds Nest apps' leftovers; past this it is replaced
  // between files (a single worker running the whole suite reached the 4 GB heap limit).
  workerIdleMemoryLimit: '1500MB',
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/src/**/*.spec.ts'] },
    {
      ...shared,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      globalSetup: '<rootDir>/test/setup/global-setup.ts',
      globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
      setupFiles: ['<rootDir>/test/setup/env.ts'],
      // Each test file on its own database (cloned from the migrated template) and Redis prefix,
      // so that files run in parallel across jest workers.
      setupFilesAfterEnv: ['<rootDir>/test/setup/file-database.ts'],
    },
  ],
};
