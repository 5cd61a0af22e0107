// The unit specs that exercise the mutated modules (no database, no Redis), for StrykerJS: each
// mutant runs the specs that cover it, so they must be fast and must not share external state.
// Keep this list in step with `mutate` in stryker.config.mjs.
const base = require('./jest.config.js');
const unit = base.projects.find((p) => p.displayName === 'unit');
module.exports = {
  ...unit,
  testTimeout: 60000,
  testMatch: [
    '<rootDir>/src/notifications/webhooks/*.spec.ts',
    '<rootDir>/src/matching/engine/feasibility.spec.ts',
  ],
};
