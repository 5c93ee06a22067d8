/**
 * What must hold for any input, however hostile (docs/design.md, "Input is hostile until validated"): every
 * fuzz property, shared by test/unit/fuzz.test.ts (a fixed seed, a few hundred inputs each) and
 * `npm run fuzz` (test/fuzz/run.ts: many more, a random seed), so that the two never drift. The inputs
 * are made in requests.ts, emulator.ts and http.ts, and checked there and in checks.ts.
 *
 * - `validateAction`, for every action with a schema: answers `{ok: true, value}` or issues of bounded
 *   length, never throws, answers the same twice, and leaves the shared prototypes and the input as
 *   they were.
 * - The emulator's `authenticate`: answers without throwing, refuses whatever is not correctly signed,
 *   and gives back exactly the parameters of what is; `validateOnServer` returns or throws an ApiError
 *   with a 4xx status; over HTTP, no request gets a 5xx or a dropped connection.
 *
 * Each check returns the time of the call under test, so that a campaign can name the slowest input;
 * the tests only record it (speed is measured in benchmarks, never asserted in tests).
 */
import fc from 'fast-check';
import { VALIDATED_ACTIONS } from '../../src/actions';
import { checkValidation } from './checks';
import {
  checkRefused,
  checkServerValidation,
  checkSigned,
  notSignedRequest,
  serverInput,
  signedRequest,
} from './emulator';
import { httpProperty } from './http';
import { describeInput } from './labels';
import { requestInput } from './requests';
import { REAL_TARGETS, type FuzzProperty, type FuzzTargets } from './targets';

export { VALID_REQUESTS } from './requests';
export {
  REAL_TARGETS,
  type FuzzProperty,
  type FuzzRun,
  type FuzzTargets,
  type Timed,
  type TimedInput,
} from './targets';

/** The seed of `npm test`'s runs: fixed, so that a failure there is the same failure on every machine. */
export const FUZZ_SEED = 20261201;

function syncProperty<T>(
  id: string,
  title: string,
  runs: FuzzProperty['runs'],
  arbitrary: fc.Arbitrary<T>,
  check: (input: T) => number,
): FuzzProperty {
  return {
    id,
    title,
    runs,
    open(timed) {
      const property = fc.property(arbitrary, (input) => {
        const ms = check(input);
        timed?.(ms, { describe: () => describeInput(input), again: () => check(input) });
      });
      return Promise.resolve({
        property,
        close: () => Promise.resolve(),
      });
    },
  };
}

const VALIDATOR_RUNS = { test: 150, quick: 1_500, campaign: 20_000 };
const EMULATOR_RUNS = { test: 300, quick: 2_000, campaign: 20_000 };

/** Every property, over `targets` (the real code unless a test hands in a broken version). */
export function fuzzProperties(targets: FuzzTargets = REAL_TARGETS): FuzzProperty[] {
  return [
    ...VALIDATED_ACTIONS.map((action) =>
      syncProperty(
        `validateAction ${action}`,
        `validateAction('${action}', any input) answers ok or bounded issues, the same twice, leaving prototypes and input as they were`,
        VALIDATOR_RUNS,
        requestInput(action),
        (input) => checkValidation(targets, action, input.value),
      ),
    ),
    syncProperty(
      'authenticate: refused',
      'authenticate(any request not correctly signed) refuses it with a 4xx, the same each time, leaving the prototypes as they were',
      EMULATOR_RUNS,
      notSignedRequest,
      (input) => checkRefused(targets, input.value),
    ),
    syncProperty(
      'authenticate: signed',
      'authenticate(a correctly signed v1 request) answers ok with exactly its parameters, less the signing ones',
      EMULATOR_RUNS,
      signedRequest,
      (input) => checkSigned(targets, input.value),
    ),
    syncProperty(
      'validateOnServer',
      'validateOnServer(any product, action and parameters) returns or throws a 4xx ApiError with a code, the same twice',
      EMULATOR_RUNS,
      serverInput,
      (input) => checkServerValidation(targets, input.value),
    ),
    httpProperty(targets),
  ];
}

export const FUZZ_PROPERTIES = fuzzProperties();
