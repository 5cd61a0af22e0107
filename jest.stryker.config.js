// The unit specs that exercise the mutated modules (no database, no Redis), for StrykerJS: each
// mutant runs the specs that cover it, so they must be fast and must not share external state.
// Keep this list in step with `mutate` in stryker.config.mjs.
const base = require('./jest.config.js');
const unit = base.projects.find((p) => p.displayName === 'unit');
module.exports = {
  ...unit,
  // Transpile only (no type information: diagnostics are off anyway and `npm run check` type-checks):
  // with a type-aware ts-jest every run of a spec took ~20 s instead of ~4 s, and Stryker runs the
  // specs once per mutant.
  transform: {
    ...unit.transform,
    '^.+\\.ts$': [
      'ts-jest',
      { tsconfig: 'tsconfig.json', diagnostics: false, isolatedModules: true },
    ],
  },
  // Only src/ holds the specs and the code under test: a smaller file map per run.
  roots: ['<rootDir>/src'],
  testTimeout: 60000,
  testMatch: [
    '<rootDir>/src/deals/*.spec.ts',
    '<rootDir>/src/matching/engine/feasibility.spec.ts',
    '<rootDir>/src/matching/engine/exclusions.spec.ts',
    '<rootDir>/src/matching/engine/reachability.spec.ts',
    '<rootDir>/src/matching/engine/pair-scanner.spec.ts',
    '<rootDir>/src/matching/engine/counterpart-trust.spec.ts',
    '<rootDir>/src/matching/*.spec.ts',
    '<rootDir>/src/matching/exclusions/*.spec.ts',
    '<rootDir>/src/notifications/webhooks/*.spec.ts',
    '<rootDir>/src/queue/job-options.spec.ts',
    '<rootDir>/src/queue/postpone-delay.spec.ts',
    '<rootDir>/src/platform/*.spec.ts',
  ],
};
