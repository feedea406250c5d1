import { BlockStack, Box, Button, Collapsible, DataTable, InlineStack, Text } from "@shopify/polaris";
import { useId, useState } from "react";

import type { ReviewStatsDay } from "~/modules/overview/count-review-stats";

import { layoutActivityBars } from "./layout-activity-bars";

export interface ReviewStatsChartProps {
  series: readonly ReviewStatsDay[];
  /** How the days are counted, shown with the chart and read out with it. */
  dayNote?: string;
}

const SERIES = ["requestsSent", "reviews"] as const;
type Series = (typeof SERIES)[number];

const SERIES_STYLE: Record<Series, { label: string; colour: string }> = {
  requestsSent: { label: "Requests sent", colour: "var(--p-color-bg-fill-emphasis, #005bd3)" },
  reviews: { label: "Reviews received", colour: "var(--p-color-bg-fill-success, #047b5d)" },
};

const WIDTH = 640;
const HEIGHT = 160;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function shortDay(day: string): string {
  const [, month, date] = day.split("-").map(Number);
  return `${date} ${MONTHS[(month ?? 1) - 1] ?? ""}`;
}

/**
 * Review requests sent and reviews received per day, as grouped bars (inline SVG) with a
 * legend and the same numbers in a table that can be opened. The SVG is one image to assistive
 * technology, labelled with the range and the totals.
 */
export function ReviewStatsChart({ series, dayNote = "UTC days" }: ReviewStatsChartProps) {
  const [tableOpen, setTableOpen] = useState(false);
  const tableId = useId();
  const layout = layoutActivityBars(series, { series: SERIES, width: WIDTH, height: HEIGHT });
  const totals = {
    requestsSent: series.reduce((sum, day) => sum + day.requestsSent, 0),
    reviews: series.reduce((sum, day) => sum + day.reviews, 0),
  };
  const first = series[0];
  const last = series[series.length - 1];
  const range = first && last ? `${shortDay(first.day)} to ${shortDay(last.day)}` : "no days";
  const summary = `Review requests sent and reviews received per day, ${range} (${dayNote}): ${totals.requestsSent} sent, ${totals.reviews} received in total.`;

  return (
    <BlockStack gap="300">
      <InlineStack gap="400" blockAlign="center">
        {SERIES.map((name) => (
          <InlineStack key={name} gap="100" blockAlign="center" wrap={false}>
            <svg width="12" height="12" aria-hidden="true" focusable="false">
              <rect width="12" height="12" rx="2" fill={SERIES_STYLE[name].colour} />
            </svg>
            <Text as="span" variant="bodySm">
              {SERIES_STYLE[name].label}
            </Text>
          </InlineStack>
        ))}
        <Text as="span" variant="bodySm" tone="subdued">
          {dayNote}
        </Text>
      </InlineStack>
      <svg
        role="img"
        aria-label={summary}
        viewBox={`0 0 ${layout.width} ${layout.height}`}
        width="100%"
        focusable="false"
        style={{ display: "block", height: "auto" }}
      >
        {layout.ticks.map((tick) => (
          <g key={tick.value}>
            <line
              x1={layout.plot.x}
              x2={layout.plot.x + layout.plot.width}
              y1={tick.y}
              y2={tick.y}
              stroke="var(--p-color-border-secondary, #ebebeb)"
              strokeWidth={tick.value === 0 ? 1 : 0.5}
            />
            <text x={layout.plot.x - 6} y={tick.y} dy="0.32em" textAnchor="end" fontSize="10" fill="var(--p-color-text-secondary, #616161)">
              {tick.value}
            </text>
          </g>
        ))}
        {layout.groups.map((group) => (
          <g key={group.day}>
            {group.bars.map((bar) =>
              bar.height > 0 ? (
                <rect key={bar.series} x={bar.x} y={bar.y} width={bar.width} height={bar.height} fill={SERIES_STYLE[bar.series].colour}>
                  <title>{`${shortDay(group.day)} — ${SERIES_STYLE[bar.series].label}: ${bar.value}`}</title>
                </rect>
              ) : null,
            )}
            {group.labelled ? (
              <text
                x={group.x + group.width / 2}
                y={layout.plot.y + layout.plot.height + 16}
                textAnchor="middle"
                fontSize="10"
                fill="var(--p-color-text-secondary, #616161)"
              >
                {shortDay(group.day)}
              </text>
            ) : null}
          </g>
        ))}
      </svg>
      <Box>
        <Button variant="plain" onClick={() => setTableOpen((open) => !open)} ariaExpanded={tableOpen} ariaControls={tableId}>
          {tableOpen ? "Hide the numbers" : "Show the numbers as a table"}
        </Button>
      </Box>
      <Collapsible id={tableId} open={tableOpen} expandOnPrint>
        <DataTable
          columnContentTypes={["text", "numeric", "numeric"]}
          headings={["Day", "Requests sent", "Reviews received"]}
          rows={series.map((day) => [day.day, day.requestsSent, day.reviews])}
          totals={["", totals.requestsSent, totals.reviews]}
          totalsName={{ singular: "Total", plural: "Total" }}
          showTotalsInFooter
        />
      </Collapsible>
    </BlockStack>
  );
}
