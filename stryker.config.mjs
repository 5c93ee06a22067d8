// Mutation testing (`npm run mutate`, results in test/RESULTS.md): the files whose code carries the
// project's guarantees — what is retried, what is bought once, what the emulator keeps.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  mutate: [
    'src/policy/*.ts',
    'src/schemas/common.ts',
    'src/alicloud/errors.ts',
    // The catalogue's logic; its rows are data, held whole by a snapshot in test/unit/error-codes.test.ts.
    'src/alicloud/error-codes.ts:873-922',
    'src/activities/step.ts',
    // Only the reconciliation: the steps that, on a retry after a lost answer, find what the first
    // attempt did (by ClientToken, tag or a re-read) instead of buying or renewing again.
    'src/activities/kafka.ts:34-78',
    'src/activities/ecs.ts:39-45',
    'src/activities/ecs.ts:69-75',
    'src/activities/ecs.ts:94-108',
    'src/activities/ecs.ts:171-178',
    'src/activities/ens.ts:33-57',
    'src/activities/ens.ts:62-68',
    'src/activities/ens.ts:86-92',
    'src/activities/ens.ts:139-148',
    'src/emulator/store.ts',
    'src/emulator/state/*.ts',
    'src/emulator/timeline.ts',
  ],
  testRunner: 'jest',
  // The unit tests only (test/mutation/jest.config.js says why). A mutant in code that runs at import
  // time runs only the test files that import it.
  jest: { configFile: 'test/mutation/jest.config.js', enableFindRelatedTests: true },
  // Each mutant runs only the tests that reached it, which keeps a run to minutes, not hours.
  coverageAnalysis: 'perTest',
  // Every test that kills a mutant is recorded, not only the first: it shows which tests hold what.
  disableBail: true,
  // A static mutant (code that runs at import: the schema helpers called as the schema modules load,
  // module constants) has no per-test coverage, so it runs every related test file, ~40 s each; the
  // ~150 of them would take hours. They are reported as ignored; `npm run mutate -- --ignoreStatic false`
  // runs them too.
  ignoreStatic: true,
  // Mutants that do not compile are discarded before any test runs, not counted as killed. The checker
  // compiles the mutated files and what they import (test/mutation/tsconfig.json), not the whole
  // project: a type error elsewhere (work in progress in a test) does not stop the run.
  checkers: ['typescript'],
  tsconfigFile: 'test/mutation/tsconfig.json',
  // json feeds scripts/mutation-results.mjs (the table in test/RESULTS.md); html is for reading survivors.
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  // A checker and a test runner: the machines this runs on have two cores, shared with other work.
  concurrency: 2,
  // `npm run mutate -- --incremental` re-tests only the mutants whose code or tests changed since the
  // last run (reports/stryker-incremental.json); a clean clone runs everything.
  tempDirName: '.stryker-tmp',
  cleanTempDir: true,
};
