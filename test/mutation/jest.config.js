/**
 * The tests StrykerJS runs against each mutant: the unit tests. The integration tests are left out:
 * most need the Temporal dev server that the main jest.config.js starts in its global setup, and the
 * emulator's take seconds each, while every emulator request reaches src/emulator/store.ts, so a
 * store mutant would run them all. test/unit/emulator-store.test.ts covers the store instead.
 * @type {import('jest').Config}
 */
module.exports = {
  rootDir: '../..',
  testEnvironment: 'node',
  // src too: StrykerJS asks jest for the tests related to a mutated file, which jest finds through the
  // import graph it crawls from its roots. With test/ alone, only the tests that import the file itself
  // ran: schemas-hostile.test.ts, which reaches common.ts through actions.ts, never ran against its mutants.
  roots: ['<rootDir>/test', '<rootDir>/src'],
  testMatch: ['<rootDir>/test/unit/**/*.test.ts'],
  // Property runs over the fuzz harness and the CLI's number options: seconds per test, and about the
  // harness and the CLI rather than the mutated files (`npm run fuzz` is the fuzzing of record).
  testPathIgnorePatterns: ['/node_modules/', '/test/unit/fuzz\\.test\\.ts$', '/test/unit/cli-numbers\\.test\\.ts$'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  testTimeout: 60_000,
};
