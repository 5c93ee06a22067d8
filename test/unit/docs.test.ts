/**
 * The docs that list the API actions name exactly the ones in `ACTIONS`: the RAM permissions a
 * worker needs, and the emulator's actions. A new action fails this test until both say it.
 */
import { readFileSync } from 'node:fs';
import { ACTIONS, type ActionName } from '../../src/actions';

const NAMES = Object.keys(ACTIONS) as ActionName[];

/** The text of the section of `file` under the heading `heading`, up to the next heading. */
function section(file: string, heading: string): string {
  const text = readFileSync(file, 'utf8');
  const start = text.indexOf(`\n${heading}\n`);
  if (start < 0) throw new Error(`${file} has no heading "${heading}"`);
  const rest = text.slice(start + heading.length + 2);
  return rest.slice(0, rest.search(/\n#+ |$/));
}

/** `product:Action` for each action a bullet `- \`product\`: \`A\`, \`B\`` names (wrapped or not). */
function permissions(text: string): string[] {
  return text.split(/\n(?=- )/).flatMap((bullet) => {
    const [, product, actions] = /^- `([a-z]+)`: ([^]*)$/.exec(bullet) ?? [];
    return [...(actions ?? '').matchAll(/`([A-Za-z]+)`/g)].map(([, action]) => `${product}:${action}`);
  });
}

describe('the docs name every action', () => {
  it('configuration.md gives the RAM permissions of every action a job calls, and no other', () => {
    const called = NAMES.filter((name) => ACTIONS[name].retrySafety !== 'notCalled');
    expect(permissions(section('docs/configuration.md', '## RAM permissions')).sort()).toEqual(called.sort());
  });

  it("emulator.md names every action the emulator serves, each in its product's version", () => {
    const intro = section('docs/emulator.md', '## Actions and protocol');
    const named = NAMES.filter((name) => {
      const [product, action] = name.split(':') as [string, string];
      const group = new RegExp(
        `${product === 'alikafka' ? 'alikafka' : product.toUpperCase()} \\d{4}-\\d{2}-\\d{2} \\(([^)]*)\\)`,
      );
      return (group.exec(intro.replace(/\s+/g, ' '))?.[1] ?? '').includes(`\`${action}\``);
    });
    expect(named).toEqual(NAMES);
  });
});
