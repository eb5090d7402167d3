// Unit tier: *.spec.ts beside the code. No I/O, no servers.
module.exports = {
  ...require('./jest.preset'),
  testMatch: ['**/*.spec.ts'],
};
