// Shared Jest settings: TypeScript through SWC (with decorator metadata for NestJS) and the
// workspace's "@rtml/source" export condition, so tests run against library sources, not builds.
const fs = require('node:fs');
const path = require('node:path');

// Jest resolves modules of test files itself (customExportConditions below), but loads the
// global setup with Node's own require: teach Node the "@rtml/source" condition too, so the setup
// runs on library sources as well and needs no prior build.
require('node:module').registerHooks({
  resolve: (specifier, context, nextResolve) =>
    specifier.startsWith('@rtml/')
      ? nextResolve(specifier, { ...context, conditions: ['@rtml/source', ...context.conditions] })
      : nextResolve(specifier, context),
});

const swcrc = JSON.parse(fs.readFileSync(path.join(__dirname, '.swcrc'), 'utf8'));

module.exports = {
  testEnvironment: 'node',
  testEnvironmentOptions: {
    customExportConditions: ['@rtml/source', 'node', 'require', 'default'],
  },
  transform: {
    '^.+\\.ts$': ['@swc/jest', { ...swcrc, swcrc: false }],
    // @platformatic/kafka and its own packages ship ES modules only: Node's require() loads them,
    // Jest's module system does not, so they are compiled to CommonJS like our sources.
    '/node_modules/@platformatic/.+\\.js$': [
      '@swc/jest',
      {
        jsc: { parser: { syntax: 'ecmascript' }, target: 'es2023' },
        module: { type: 'commonjs' },
        swcrc: false,
      },
    ],
  },
  transformIgnorePatterns: ['/node_modules/(?!@platformatic/)'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  roots: ['<rootDir>/libs', '<rootDir>/services', '<rootDir>/tools', '<rootDir>/e2e'],
  modulePathIgnorePatterns: ['<rootDir>/.*/dist/', '<rootDir>/.stack/'],
  clearMocks: true,
};
