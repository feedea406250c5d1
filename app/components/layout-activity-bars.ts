/** A day's counts, keyed by series name ("scheduled", "sent", …). */
export type ActivityCounts<Series extends string> = { day: string } & Record<Series, number>;

export interface ActivityBar<Series extends string> {
  series: Series;
  value: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface ActivityBarGroup<Series extends string> {
  day: string;
  /** Left edge and width of the day's slot. */
  x: number;
  width: number;
  /** Whether the day gets a label under the axis (every day for short ranges, else weekly, ending today). */
  labelled: boolean;
  bars: ActivityBar<Series>[];
}

export interface ActivityBarsLayout<Series extends string> {
  width: number;
  height: number;
  /** The area the bars are drawn in; the rest holds the axis labels. */
  plot: { x: number; y: number; width: number; height: number };
  /** The value the top of the plot stands for: a round number at or above the largest count. */
  top: number;
  ticks: { value: number; y: number }[];
  groups: ActivityBarGroup<Series>[];
}

export interface ActivityBarsOptions<Series extends string> {
  series: readonly Series[];
  width: number;
  height: number;
  margin?: { top: number; right: number; bottom: number; left: number };
}

const DEFAULT_MARGIN = { top: 8, right: 8, bottom: 24, left: 32 };
/** Share of each day's slot left empty, so neighbouring days stay apart. */
const GROUP_GAP = 0.2;

/**
 * Lays out a grouped bar chart, one group of bars per day and one bar per series, in SVG
 * user units. Pure, so the geometry is tested without rendering. A count above zero is
 * always at least one unit tall, so a single failure stays visible next to hundreds sent.
 */
export function layoutActivityBars<Series extends string>(
  days: readonly ActivityCounts<Series>[],
  options: ActivityBarsOptions<Series>,
): ActivityBarsLayout<Series> {
  const margin = options.margin ?? DEFAULT_MARGIN;
  const plot = {
    x: margin.left,
    y: margin.top,
    width: Math.max(0, options.width - margin.left - margin.right),
    height: Math.max(0, options.height - margin.top - margin.bottom),
  };
  const largest = Math.max(0, ...days.flatMap((day) => options.series.map((series) => day[series])));
  const step = tickStep(largest);
  const top = Math.max(step, Math.ceil(largest / step) * step);
  const yOf = (value: number) => plot.y + plot.height - (value / top) * plot.height;

  const ticks: { value: number; y: number }[] = [];
  for (let value = 0; value <= top; value += step) ticks.push({ value, y: yOf(value) });

  const slot = days.length > 0 ? plot.width / days.length : 0;
  const barWidth = options.series.length > 0 ? (slot * (1 - GROUP_GAP)) / options.series.length : 0;
  const labelEvery = days.length <= 10 ? 1 : 7;
  const groups = days.map((day, index) => {
    const x = plot.x + index * slot;
    const bars = options.series.map((series, position) => {
      const value = day[series];
      const height = value > 0 ? Math.max(1, (value / top) * plot.height) : 0;
      return { series, value, x: x + (slot * GROUP_GAP) / 2 + position * barWidth, y: plot.y + plot.height - height, width: barWidth, height };
    });
    return { day: day.day, x, width: slot, labelled: (days.length - 1 - index) % labelEvery === 0, bars };
  });

  return { width: options.width, height: options.height, plot, top, ticks, groups };
}

/** A whole, round step (1, 2, 5 × a power of ten) giving about four gridlines. */
function tickStep(largest: number): number {
  const rough = largest / 4;
  if (rough <= 1) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  return [1, 2, 5, 10].map((factor) => factor * magnitude).find((step) => step >= rough) ?? 10 * magnitude;
}
