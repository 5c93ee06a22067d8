import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { InputError, readInput } from '../../src/cli/input';

const dir = mkdtempSync(join(tmpdir(), 'input-'));
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const example = JSON.parse(readFileSync(join(__dirname, '..', '..', 'examples', 'ecs.json'), 'utf8')) as unknown;

describe('readInput', () => {
  it('reads a .yaml or .yml file as YAML, and a file without an extension as JSON or else YAML', () => {
    expect(readInput(file('ecs.yaml', stringify(example)))).toEqual(example);
    expect(readInput(file('ecs.yml', stringify(example)))).toEqual(example);
    expect(readInput(file('ecs-input', stringify(example)))).toEqual(example);
    expect(readInput(file('ecs-json-input', JSON.stringify(example)))).toEqual(example);
  });

  it('keeps YAML 1.1 words as strings (a Name of `no` stays "no")', () => {
    expect(readInput(file('names.yaml', 'request:\n  InstanceName: no\n  HostName: on\n'))).toEqual({
      request: { InstanceName: 'no', HostName: 'on' },
    });
  });

  it('names the file and the problem: broken JSON in a .json file, a key given twice in YAML', () => {
    const broken = file('broken.json', '{"request": ');
    const twice = file('twice.yaml', 'request:\n  Period: 1\n  Period: 2\n');

    expect(() => readInput(broken)).toThrow(new RegExp(`^${broken} is not JSON: `));
    expect(() => readInput(twice)).toThrow(InputError);
    expect(() => readInput(twice)).toThrow(/twice\.yaml is not YAML: Map keys must be unique/);
    expect(() => readInput(join(dir, 'missing.json'))).toThrow(/^cannot read .*missing\.json: ENOENT/);
  });
});
