// End-to-end tier: the built services run as separate processes against the real stack.
module.exports = {
  ...require('./jest.preset'),
  roots: ['<rootDir>/e2e'],
  testMatch: ['**/*.e2e-spec.ts'],
  globalSetup: '<rootDir>/libs/testing/src/jest-global-setup.ts',
  testTimeout: 120_000,
  // A leaked handle must fail the run, not hang CI: Jest exits once the suites are done.
  forceExit: true,
  maxWorkers: 1,
};
