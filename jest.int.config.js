// Integration tier: *.int-spec.ts against real servers (testcontainers when a Docker engine is
// reachable, else the no-Docker local stack). The global setup makes sure the servers answer.
module.exports = {
  ...require('./jest.preset'),
  testMatch: ['**/*.int-spec.ts'],
  globalSetup: '<rootDir>/libs/testing/src/jest-global-setup.ts',
  testTimeout: 60_000,
  // A leaked handle must fail the run, not hang CI: Jest exits once the suites are done.
  forceExit: true,
  maxWorkers: 2,
};
