// The unit specs that exercise the mutated modules (no database, no Redis), for StrykerJS: each
// mutant runs the specs that cover it, so they must be fast and must not share external state.
// Keep this list in step with `mutate` in stryker.config.mjs.
const base = require('./jest.config.js');
const unit = base.projects.find((p) => p.displayName === 'unit');
module.exports = {
  ...unit,
  testTimeout: 60000,
  testMatch: [
    '<rootDir>/src/deals/*.spec.ts',
    '<rootDir>/src/matching/engine/feasibility.spec.ts',
    '<rootDir>/src/matching/engine/exclusions.spec.ts',
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
