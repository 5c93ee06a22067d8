// The last step of `npm run mutate`: writes the score of each mutated file from StrykerJS's JSON report,
// every mutant left out of the score with its reason, and every survivor, into test/RESULTS.md between
// the markers, so the recorded results are generated rather than typed.
import { readFileSync, statSync, writeFileSync } from 'node:fs';

const REPORT = 'reports/mutation/mutation.json';
const RESULTS = 'test/RESULTS.md';
const START = '<!-- mutation-results:start -->';
const END = '<!-- mutation-results:end -->';

const report = JSON.parse(readFileSync(REPORT, 'utf8'));
const COUNTED = ['Killed', 'Timeout', 'Survived', 'NoCoverage'];

function tally(mutants) {
  const count = (status) => mutants.filter((mutant) => mutant.status === status).length;
  const [killed, timeout, survived, noCoverage] = COUNTED.map(count);
  const valid = killed + timeout + survived + noCoverage;
  const score = valid === 0 ? 'n/a' : `${((100 * (killed + timeout)) / valid).toFixed(1)}%`;
  return `${valid} | ${killed} | ${timeout} | ${survived} | ${noCoverage} | ${count('Ignored')} | ${score}`;
}

const files = Object.entries(report.files).sort(([a], [b]) => a.localeCompare(b));
const rows = files.map(([file, { mutants }]) => `| \`${file}\` | ${tally(mutants)} |`);
const all = files.flatMap(([, { mutants }]) => mutants);

// Ignored mutants, one line per file and reason (a disable comment's reason, or an ignorer's).
const ignored = new Map();
for (const [file, { mutants }] of files) {
  for (const mutant of mutants.filter((entry) => entry.status === 'Ignored')) {
    const key = `\`${file}\`: ${mutant.statusReason}`;
    const lines = ignored.get(key) ?? new Set();
    ignored.set(key, lines.add(mutant.location.start.line));
  }
}
const ignoredLines = [...ignored].map(([key, lines]) => {
  const sorted = [...lines].sort((a, b) => a - b);
  const where = sorted.length > 6 ? `${sorted.length} lines` : `line ${sorted.join(', ')}`;
  return `- ${key} (${where})`;
});

/** A replacement as one short line of a list (a mutated block spans several). */
function oneLine(code) {
  const line = code.replace(/\s+/g, ' ');
  return line.length > 80 ? `${line.slice(0, 77)}...` : line;
}

// Survivors and uncovered mutants: what the tests still miss.
const missed = files.flatMap(([file, { mutants }]) =>
  mutants
    .filter((mutant) => mutant.status === 'Survived' || mutant.status === 'NoCoverage')
    .map(
      (mutant) =>
        `- \`${file}:${mutant.location.start.line}\` ${mutant.mutatorName}: \`${oneLine(mutant.replacement)}\``,
    ),
);

const section = [
  START,
  `Report of ${statSync(REPORT).mtime.toISOString().slice(0, 16).replace('T', ' ')} UTC.`,
  '',
  '| File | Mutants | Killed | Timeout | Survived | No coverage | Ignored | Score |',
  '| --- | --: | --: | --: | --: | --: | --: | --: |',
  ...rows,
  `| **all** | ${tally(all)} |`,
  '',
  'Mutants left out of the score, with the reason:',
  '',
  ...(ignoredLines.length > 0 ? ignoredLines : ['- none']),
  '',
  'Mutants that survived or no test reached:',
  '',
  ...(missed.length > 0 ? missed : ['- none']),
  END,
].join('\n');

const document = readFileSync(RESULTS, 'utf8');
const from = document.indexOf(START);
const to = document.indexOf(END);
if (from < 0 || to < from) throw new Error(`${RESULTS} lacks the ${START} … ${END} markers`);
writeFileSync(RESULTS, document.slice(0, from) + section + document.slice(to + END.length));
console.log(`mutate: wrote the scores into ${RESULTS}`);
