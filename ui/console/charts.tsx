// Bar charts drawn on the server as SVG: geometry from the numbers (pure), then markup with
// attributes and classes only (the CSP allows no inline style) and no script. Each chart comes
// with its numbers as a table and a one-line summary, which is what a screen reader reads.
import type { Child } from 'hono/jsx';

export type Bar = {
  /** Under the bar, kept short ("3 Nov", "09"). */
  label: string;
  /** In the table and the bar's tooltip ("Tuesday 3 November 2026", "09:00–10:00"). */
  long: string;
  value: number;
};

/**
 * The chart's size in its own units (the viewBox), about a phone's width so that its 13-unit text
 * reads at about that size there; CSS scales it to the page.
 */
export const CHART = { width: 360, height: 180, left: 30, right: 4, top: 10, bottom: 24 } as const;
/** At most this many labels along the bottom, so they stay readable on a phone. */
export const MAX_LABELS = 6;
/** Room a label needs on either side of its middle. */
const HALF_LABEL = 22;

/** A round top for the axis and the step between its lines: 0, 5, 10, 15 rather than 0, 3.5, 7, 10.5, 14. */
export function niceScale(max: number, lines = 4): { top: number; step: number } {
  if (!(max > 0)) return { top: 1, step: 1 };
  const rough = max / lines;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = Math.max(1, [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough)!);
  return { top: Math.ceil(max / step) * step, step };
}

export type BarBox = { x: number; y: number; width: number; height: number };

export type ChartGeometry = {
  bars: BarBox[];
  /** Horizontal lines with their values, from 0 up. */
  lines: { y: number; value: number }[];
  /** Which bars get a label under them, and where: near an edge a label ends (or starts) at its bar. */
  labels: { index: number; x: number; anchor: 'start' | 'middle' | 'end' }[];
};

/** Where each bar and line goes for these values. */
export function chartGeometry(values: readonly number[]): ChartGeometry {
  const { width, height, left, right, top, bottom } = CHART;
  const plotWidth = width - left - right;
  const plotHeight = height - top - bottom;
  const scale = niceScale(Math.max(0, ...values));
  const slot = values.length ? plotWidth / values.length : plotWidth;
  const barWidth = Math.max(1, slot * 0.8);
  const round = (n: number) => Math.round(n * 100) / 100;
  const bars = values.map((v, i) => {
    const h = (Math.max(0, v) / scale.top) * plotHeight;
    return {
      x: round(left + i * slot + (slot - barWidth) / 2),
      y: round(top + plotHeight - h),
      width: round(barWidth),
      height: round(h),
    };
  });
  const lines = [];
  for (let value = 0; value <= scale.top; value += scale.step)
    lines.push({ y: round(top + plotHeight - (value / scale.top) * plotHeight), value });
  // Every k-th bar is labelled, always the first.
  const every = Math.max(1, Math.ceil(values.length / MAX_LABELS));
  const labels = values.flatMap((_, index): ChartGeometry['labels'] => {
    if (index % every !== 0) return [];
    const middle = left + index * slot + slot / 2;
    if (middle - HALF_LABEL < left) return [{ index, x: round(left + index * slot), anchor: 'start' }];
    if (middle + HALF_LABEL > width - right) return [{ index, x: round(left + (index + 1) * slot), anchor: 'end' }];
    return [{ index, x: round(middle), anchor: 'middle' }];
  });
  return { bars, lines, labels };
}

/**
 * A bar chart in a figure: the summary as its caption, the SVG (hidden from screen readers, which
 * read the caption and the table instead) and the numbers in a table under "The numbers".
 */
export function BarChart(props: {
  id: string;
  summary: Child;
  bars: Bar[];
  /** The table's headings: what a bar is, and what it counts. */
  columns: [string, string];
}) {
  const g = chartGeometry(props.bars.map((b) => b.value));
  return (
    <figure class="chart" id={props.id}>
      <figcaption>{props.summary}</figcaption>
      <ChartCanvas geometry={g} label={(i) => props.bars[i]!.label}>
        {g.bars.map((b, i) => (
          <rect class="chart-bar" x={b.x} y={b.y} width={b.width} height={b.height}>
            <title>{`${props.bars[i]!.long}: ${props.bars[i]!.value}`}</title>
          </rect>
        ))}
      </ChartCanvas>
      <details>
        <summary>The numbers</summary>
        <table class="data">
          <thead>
            <tr>
              <th scope="col">{props.columns[0]}</th>
              <th scope="col">{props.columns[1]}</th>
            </tr>
          </thead>
          <tbody>
            {props.bars.map((b) => (
              <tr>
                <th scope="row">{b.long}</th>
                <td>{b.value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

/**
 * A chart's drawing: the value lines with their numbers, the marks given as children, and the
 * labels along the bottom; hidden from screen readers, which read the caption and the table.
 */
export function ChartCanvas(props: {
  geometry: Pick<ChartGeometry, 'lines' | 'labels'>;
  label: (index: number) => string;
  children: Child;
}) {
  const { width, height, left, right } = CHART;
  return (
    <svg
      viewBox={`0 0 ${width} ${height}`}
      width={width}
      height={height}
      aria-hidden="true"
      focusable="false"
      class="chart-svg"
    >
      {props.geometry.lines.map((l) => (
        <g class="chart-line">
          <line x1={left} x2={width - right} y1={l.y} y2={l.y} />
          <text x={left - 6} y={l.y + 4} text-anchor="end">
            {l.value}
          </text>
        </g>
      ))}
      {props.children}
      {props.geometry.labels.map((l) => (
        <text class="chart-label" x={l.x} y={height - 7} text-anchor={l.anchor}>
          {props.label(l.index)}
        </text>
      ))}
    </svg>
  );
}
