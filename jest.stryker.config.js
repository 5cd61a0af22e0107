// The unit specs only (no database, no Redis), for StrykerJS: each mutant runs the specs that
// cover it, many times over, so they must be fast and must not share external state.
const base = require('./jest.config.js');
const unit = base.projects.find((p) => p.displayName === 'unit');
module.exports = { ...unit, testTimeout: 60000 };
