import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROVISION_KINDS } from '../../src/cli/jobs';
import { validateJobInput } from '../../src/starters';

describe('examples/', () => {
  it.each(Object.entries(PROVISION_KINDS))('examples/%s.json is a valid %s input', (kind, workflow) => {
    const input: unknown = JSON.parse(readFileSync(join(__dirname, '..', '..', 'examples', `${kind}.json`), 'utf8'));

    expect(validateJobInput(workflow, input as never)).toEqual([]);
  });
});
