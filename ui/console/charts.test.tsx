// The charts' geometry (numbers in, boxes out) and the markup a browser and a screen reader get.
import { describe, expect, it } from 'vitest';
import { formatDay } from '../../model/time-format.ts';
import { BarChart, CHART, chartGeometry, MAX_LABELS, niceScale } from './charts.tsx';
import { EventCharts } from './event-charts.tsx';

const plotBottom = CHART.height - CHART.bottom;
const plotHeight = CHART.height - CHART.top - CHART.bottom;

describe('niceScale', () => {
  it.each([
    [0, 1, 1],
    [1, 1, 1],
    [3, 3, 1],
    [7, 8, 2],
    [12, 15, 5],
    [40, 40, 10],
    [987, 1000, 500],
  ])('a maximum of %i gets an axis up to %i in steps of %i', (max, top, step) => {
    const scale = niceScale(max);
    expect(scale.top).toBe(top);
    expect(scale.step).toBe(step);
  });
});

describe('chartGeometry', () => {
  it('stands every bar on the axis, as tall as its share of the top', () => {
    const g = chartGeometry([0, 5, 10]);
    expect(g.bars).toHaveLength(3);
    for (const b of g.bars) expect(b.y + b.height).toBeCloseTo(plotBottom, 1);
    expect(g.bars[0]!.height).toBe(0);
    expect(g.bars[2]!.height).toBeCloseTo(plotHeight, 1);
    expect(g.bars[1]!.height).toBeCloseTo(plotHeight / 2, 1);
  });

  it('keeps bars apart, left to right, inside the plot', () => {
    const g = chartGeometry(Array.from({ length: 30 }, (_, i) => i));
    for (let i = 1; i < g.bars.length; i++)
      expect(g.bars[i]!.x).toBeGreaterThan(g.bars[i - 1]!.x + g.bars[i - 1]!.width);
    expect(g.bars[0]!.x).toBeGreaterThanOrEqual(CHART.left);
    expect(g.bars.at(-1)!.x + g.bars.at(-1)!.width).toBeLessThanOrEqual(CHART.width - CHART.right);
  });

  it('keeps labels inside the chart', () => {
    const g = chartGeometry(Array.from({ length: 25 }, () => 1));
    expect(g.labels[0]!.anchor).toBe('start');
    const last = g.labels.at(-1)!;
    expect(last.anchor === 'end' ? last.x : last.x + 22).toBeLessThanOrEqual(CHART.width - CHART.right);
  });

  it('labels at most a few bars, the first always', () => {
    const g = chartGeometry(Array.from({ length: 30 }, () => 1));
    expect(g.labels.length).toBeLessThanOrEqual(MAX_LABELS);
    expect(g.labels[0]!.index).toBe(0);
    expect(chartGeometry([1, 2, 3]).labels.map((l) => l.index)).toEqual([0, 1, 2]);
  });

  it('draws lines from 0 to the top of the scale', () => {
    expect(chartGeometry([12]).lines.map((l) => l.value)).toEqual([0, 5, 10, 15]);
    expect(chartGeometry([]).bars).toEqual([]);
  });
});

describe('BarChart', () => {
  const html = String(
    <BarChart
      id="c"
      summary="3 registrations on 2 days."
      columns={['Day', 'Registrations']}
      bars={[
        { label: '3 Nov', long: 'Tuesday 3 November 2026', value: 1 },
        { label: '4 Nov', long: 'Wednesday 4 November 2026', value: 2 },
      ]}
    />,
  );

  it('captions the figure with its summary and gives the numbers as a table', () => {
    expect(html).toContain('<figcaption>3 registrations on 2 days.</figcaption>');
    expect(html).toContain('<th scope="row">Wednesday 4 November 2026</th><td>2</td>');
    expect(html).toContain('aria-hidden="true"');
  });

  it('has no inline style, which the content security policy forbids', () => {
    expect(html).not.toMatch(/style=/);
    expect(html).not.toContain('<script');
  });
});

describe('EventCharts', () => {
  it('sums the registrations and names the busiest day and hour', () => {
    const html = String(
      <EventCharts
        charts={{
          timeZone: 'Europe/Berlin',
          registrations: [
            { date: '2026-11-23', count: 2 },
            { date: '2026-11-24', count: 0 },
            { date: '2026-11-25', count: 5 },
          ],
          checkIns: {
            started: true,
            days: [
              {
                date: '2026-11-25',
                hours: [
                  { hour: 9, count: 4 },
                  { hour: 10, count: 1 },
                ],
              },
            ],
          },
        }}
      />,
    );
    // Days read as elsewhere on the site ("Wednesday 25 November 2026", as this runtime's Intl has it).
    const [mon, wed] = [formatDay('2026-11-23T00:00'), formatDay('2026-11-25T00:00')];
    expect(html).toContain(`7 registrations in the 3 days from ${mon} to ${wed}; the most, 5, on ${wed}.`);
    expect(html).toContain(`5 check-ins on ${wed}; the most, 4, between 09:00 and 10:00.`);
    expect(html).toContain('(Europe/Berlin)');
  });

  it('says what will show where there is nothing yet', () => {
    const html = String(
      <EventCharts charts={{ timeZone: 'UTC', registrations: null, checkIns: { started: false, days: [] } }} />,
    );
    expect(html).toContain('Registration has not opened yet.');
    expect(html).toContain('Check-ins will show here on the day of the event.');
  });
});
