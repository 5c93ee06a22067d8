/**
 * What a fuzz property is made of, and the code it holds to its properties: the real code, unless a
 * test hands in a broken version to show that the property can fail.
 */
import type fc from 'fast-check';
import type { ValidatedAction } from '../../src/actions';
import { validateAction } from '../../src/actions';
import type { ValidationResult } from '../../src/schemas/issue';
import { startEmulator, type EmulatorOptions } from '../../src/emulator/server';
import { authenticate, type AccessKey } from '../../src/emulator/signature';
import { validateOnServer } from '../../src/emulator/validation';

/** One input as the campaign sees it: what it is, and (where it can be run alone) its time once more. */
export interface TimedInput {
  describe(): string;
  again?(): number;
}

/** Hears the time in ms of the call under test for one input. */
export type Timed = (ms: number, input: TimedInput) => void;

/** A property ready to run, and how to stop what it started. */
export interface FuzzRun {
  property: fc.IRawProperty<[unknown]>;
  close(): Promise<void>;
}

export interface FuzzProperty {
  /** A short name, for the campaign's report. */
  id: string;
  /** What holds, as a sentence: the test's name. */
  title: string;
  /** Inputs per run: in `npm test`, in `npm run fuzz -- --quick`, in `npm run fuzz`. */
  runs: { test: number; quick: number; campaign: number };
  /** Starts what the property needs (an emulator, for the one over HTTP) and gives the property. */
  open(timed?: Timed): Promise<FuzzRun>;
}

/** The code under test; the tests swap in broken versions to show that every property can fail. */
export interface FuzzTargets {
  validateAction(action: ValidatedAction, input: unknown): ValidationResult<unknown>;
  authenticate: typeof authenticate;
  validateOnServer: typeof validateOnServer;
  startEmulator(options: EmulatorOptions): Promise<{ endpoint: string; accessKey: AccessKey; close(): Promise<void> }>;
}

export const REAL_TARGETS: FuzzTargets = { validateAction, authenticate, validateOnServer, startEmulator };
