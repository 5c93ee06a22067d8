/** The table-driven check the schema tests share: the exact paths reported, in order, and a part of each message. */
import { type z } from 'zod';
import { validateRequest } from '../../src/schemas/common';

export type Input = Record<string, unknown>;
/** The issues expected, in order: parameter path and a part of its message. None means valid. */
export type Expected = [path: string, message: string][];
export type Case = [title: string, input: Input, expected: Expected];

export const valid: Expected = [];

export function expectIssues(schema: z.ZodType, input: Input, expected: Expected): void {
  const result = validateRequest(schema, input);
  if (expected.length === 0) {
    expect(result.ok ? [] : result.issues).toEqual([]);
    return;
  }
  expect(result.ok).toBe(false);
  const issues = result.ok ? [] : result.issues;
  expect(issues.map((issue) => issue.path)).toEqual(expected.map(([path]) => path));
  issues.forEach((issue, index) => expect(issue.message).toContain(expected[index]![1]));
}
