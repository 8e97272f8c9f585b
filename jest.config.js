// Three levels, named by file suffix (see README, "Development"):
// unit (pure), int (a real database or broker), e2e (HTTP through the whole app). `npm test` runs all of them.
const { pathsToModuleNameMapper } = require('ts-jest');
const { compilerOptions } = require('./tsconfig.json');

const shared = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  moduleNameMapper: pathsToModuleNameMapper(compilerOptions.paths, { prefix: '<rootDir>/' }),
  transform: { '^.+\\.ts$': ['ts-jest', {}] },
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/test'],
  // property tests: failures print seed and path; FC_SEED / FC_PATH replay one
  setupFiles: ['<rootDir>/test/setup/fast-check.setup.ts'],
};

module.exports = {
  testTimeout: 60000,
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['**/*.unit.spec.ts'] },
    {
      ...shared,
      displayName: 'int',
      testMatch: ['**/*.int.spec.ts'],
      globalSetup: '<rootDir>/test/setup/global-setup.js',
    },
    {
      ...shared,
      displayName: 'e2e',
      testMatch: ['**/*.e2e.spec.ts'],
      globalSetup: '<rootDir>/test/setup/global-setup.js',
    },
  ],
};
