/**
 * The benchmark's curves as SVG charts, drawn by Vega-Lite in Node (no browser, no canvas): one file
 * per chart, written beside bench/RESULTS.md, which links them.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Series {
  name: string;
  points: { x: number; y: number }[];
}

export interface Chart {
  /** The file's name, without `.svg`. */
  file: string;
  title: string;
  xTitle: string;
  yTitle: string;
  series: Series[];
}

/** Writes `chart` to `<dir>/<file>.svg`; returns the file's name. */
export async function writeChart(dir: string, chart: Chart): Promise<string> {
  // ESM only (and with top-level await), so imported, not required.
  const [vega, vegaLite] = await Promise.all([import('vega'), import('vega-lite')]);
  const values = chart.series.flatMap((series) => series.points.map((point) => ({ ...point, series: series.name })));
  const xs = values.map((value) => value.x);
  // Sizes that grow by factors (1,000, 5,000, 20,000) read best on a log axis.
  const logX = Math.min(...xs) > 0 && Math.max(...xs) / Math.min(...xs) >= 10;
  const { spec } = vegaLite.compile({
    title: chart.title,
    width: 420,
    height: 240,
    data: { values },
    mark: { type: 'line', point: true },
    encoding: {
      x: {
        field: 'x',
        type: 'quantitative',
        title: chart.xTitle,
        scale: { type: logX ? 'log' : 'linear', domain: [Math.min(...xs), Math.max(...xs)], nice: false },
        axis: { values: [...new Set(xs)] },
      },
      y: { field: 'y', type: 'quantitative', title: chart.yTitle, scale: { zero: true } },
      color: { field: 'series', type: 'nominal', title: null },
    },
  });
  const view = new vega.View(vega.parse(spec), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  const name = `${chart.file}.svg`;
  writeFileSync(join(dir, name), svg);
  return name;
}
