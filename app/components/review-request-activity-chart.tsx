import { BlockStack, Box, Button, Collapsible, DataTable, InlineStack, Text } from "@shopify/polaris";
import { useId, useState } from "react";

import type { ReviewRequestActivityDay } from "~/modules/overview/count-review-request-activity";

import { layoutActivityBars } from "./layout-activity-bars";

export interface ReviewRequestActivityChartProps {
  activity: readonly ReviewRequestActivityDay[];
  /** How the days are counted, shown with the chart and read out with it, e.g. "UTC days". */
  dayNote?: string;
}

const SERIES = ["scheduled", "sent", "failed"] as const;
type Series = (typeof SERIES)[number];

const SERIES_STYLE: Record<Series, { label: string; colour: string }> = {
  scheduled: { label: "Scheduled", colour: "var(--p-color-bg-fill-emphasis, #005bd3)" },
  sent: { label: "Sent", colour: "var(--p-color-bg-fill-success, #047b5d)" },
  failed: { label: "Failed", colour: "var(--p-color-bg-fill-critical, #c70a24)" },
};

const WIDTH = 640;
const HEIGHT = 180;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "2026-03-09" → "9 Mar", the same on server and browser whatever their locale. */
function shortDay(day: string): string {
  const [, month, date] = day.split("-").map(Number);
  return `${date} ${MONTHS[(month ?? 1) - 1] ?? ""}`;
}

/**
 * Review requests scheduled, sent and failed per day as a grouped bar chart (inline SVG), with
 * a legend and the same numbers, cancellations included, in a table that can be opened. The
 * SVG is one image to assistive technology, labelled with the range and the totals.
 */
export function ReviewRequestActivityChart({ activity, dayNote = "UTC days" }: ReviewRequestActivityChartProps) {
  const [tableOpen, setTableOpen] = useState(false);
  const tableId = useId();
  const layout = layoutActivityBars(activity, { series: SERIES, width: WIDTH, height: HEIGHT });
  const totals = {
    scheduled: activity.reduce((sum, day) => sum + day.scheduled, 0),
    sent: activity.reduce((sum, day) => sum + day.sent, 0),
    failed: activity.reduce((sum, day) => sum + day.failed, 0),
    cancelled: activity.reduce((sum, day) => sum + day.cancelled, 0),
  };
  const first = activity[0];
  const last = activity[activity.length - 1];
  const range = first && last ? `${shortDay(first.day)} to ${shortDay(last.day)}` : "no days";
  const summary =
    `Review requests per day, ${range} (${dayNote}): ` +
    `${totals.scheduled} scheduled, ${totals.sent} sent, ${totals.failed} failed in total.`;

  return (
    <BlockStack gap="300">
      <InlineStack gap="400" blockAlign="center">
        {SERIES.map((series) => (
          <InlineStack key={series} gap="100" blockAlign="center" wrap={false}>
            <svg width="12" height="12" aria-hidden="true" focusable="false">
              <rect width="12" height="12" rx="2" fill={SERIES_STYLE[series].colour} />
            </svg>
            <Text as="span" variant="bodySm">
              {SERIES_STYLE[series].label}
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
          columnContentTypes={["text", "numeric", "numeric", "numeric", "numeric"]}
          headings={["Day", "Scheduled", "Sent", "Failed", "Cancelled"]}
          rows={activity.map((day) => [day.day, day.scheduled, day.sent, day.failed, day.cancelled])}
          totals={["", totals.scheduled, totals.sent, totals.failed, totals.cancelled]}
          totalsName={{ singular: "Total", plural: "Total" }}
          showTotalsInFooter
        />
      </Collapsible>
    </BlockStack>
  );
}
