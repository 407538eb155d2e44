export type Bar = {
  /** Unique key, such as "2027-01". */
  key: string;
  /** Short label under the bar, such as "Jan". */
  label: string;
  /** Height of the bar from 0 to `maxValue`; null draws a "no data" marker. */
  value: number | null;
  /** The value as text, drawn above the bar, such as "92%". */
  valueLabel: string;
};

const BAR_WIDTH = 28;
const BAR_GAP = 16;
const PLOT_HEIGHT = 120;
const TOP_MARGIN = 20;
const BOTTOM_MARGIN = 24;

/**
 * Draws a vertical bar chart as inline SVG at its natural pixel size, so
 * callers wrap it in a scrolling box when it may be wider than the screen.
 * Assistive technology reads the chart as one image named by `label`, so
 * callers summarise the data in `label` and show the numbers in a table.
 */
export function BarChart({
  label,
  bars,
  maxValue = 1,
}: {
  label: string;
  bars: Bar[];
  maxValue?: number;
}) {
  const width = Math.max(bars.length, 1) * (BAR_WIDTH + BAR_GAP) + BAR_GAP;
  const height = TOP_MARGIN + PLOT_HEIGHT + BOTTOM_MARGIN;
  const baseline = TOP_MARGIN + PLOT_HEIGHT;
  return (
    <svg
      role="img"
      aria-label={label}
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      className="max-w-none"
    >
      <line x1={0} x2={width} y1={baseline} y2={baseline} className="stroke-zinc-400" strokeWidth={1} />
      {bars.map((bar, index) => {
        const x = BAR_GAP + index * (BAR_WIDTH + BAR_GAP);
        const centre = x + BAR_WIDTH / 2;
        const clamped = bar.value === null ? 0 : Math.min(Math.max(bar.value, 0), maxValue);
        const barHeight = maxValue > 0 ? (clamped / maxValue) * PLOT_HEIGHT : 0;
        return (
          <g key={bar.key}>
            {bar.value === null ? null : (
              <rect
                x={x}
                y={baseline - barHeight}
                width={BAR_WIDTH}
                height={barHeight}
                rx={2}
                className="fill-blue-700"
              />
            )}
            <text
              x={centre}
              y={baseline - barHeight - 6}
              textAnchor="middle"
              className="fill-zinc-800 text-[10px]"
            >
              {bar.value === null ? "–" : bar.valueLabel}
            </text>
            <text x={centre} y={baseline + 16} textAnchor="middle" className="fill-zinc-700 text-[11px]">
              {bar.label}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
