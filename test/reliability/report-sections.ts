/**
 * test/reliability/RESULTS.md holds the reports of several runs: the chaos run's (the file itself),
 * and sections between markers that other runs write (the fuzzing campaign, the large chaos run),
 * each kept when another run rewrites the rest.
 */

export interface Markers {
  start: string;
  end: string;
}

export const FUZZ: Markers = { start: '<!-- fuzz:start -->', end: '<!-- fuzz:end -->' };
export const LARGE_CHAOS: Markers = { start: '<!-- chaos-large:start -->', end: '<!-- chaos-large:end -->' };

/**
 * The section between `markers` (both included); undefined when there is none. An end marker missing:
 * everything after the start, rather than any of the section lost.
 */
export function sectionOf(text: string, markers: Markers): string | undefined {
  const start = text.indexOf(markers.start);
  if (start < 0) return undefined;
  const end = text.indexOf(markers.end, start);
  return end < 0 ? text.slice(start).trimEnd() : text.slice(start, end + markers.end.length);
}

/** `text` with `section` (markers included) in place of the old one, or appended when there is none. */
export function withSection(text: string, markers: Markers, section: string): string {
  const start = text.indexOf(markers.start);
  const end = text.indexOf(markers.end, start);
  if (start >= 0 && end >= 0) return `${text.slice(0, start)}${section}${text.slice(end + markers.end.length)}`;
  return `${text.replace(/\n*$/, '')}\n\n${section}\n`;
}
