// Two projects: fast unit specs next to the code, and integration/e2e tests in test/ that
// talk to the real PostgreSQL and Redis (see test/setup/global-setup.ts).
const tsJest = ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: false }];
// ESM-only packages (NestJS 12 and a few of its dependencies) that jest must compile to CommonJS.
const ESM_PACKAGES = ['@nestjs', 'file-type', 'strtok3', 'token-types', 'uint8array-extras', '@tokenizer'];
const shared = {
  testEnvironment: 'node',
  rootDir: '.',
  transform: {
    '^.+\\.ts$': tsJest,
    '^.+\\.js$': '<rootDir>/test/setup/esm-transformer.js',
  },
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_PACKAGES.join('|')})/)`],
};
module.exports = {
  // Global only: jest ignores testTimeout inside a project.
  testTimeout: 60000,
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/src/**/*.spec.ts'] },
    {
      ...shared,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      globalSetup: '<rootDir>/test/setup/global-setup.ts',
      setupFiles: ['<rootDir>/test/setup/env.ts'],
    },
  ],
};
