export type LineSeries = {
  name: string;
  /** One value per category; null where the series has no value. */
  values: (number | null)[];
};

// Each series gets a colour, a dash pattern and a marker shape, so lines stay
// distinguishable without colour vision. Every colour has at least 4.5:1 contrast on white.
const STYLES = [
  { color: "#1d4ed8", dash: "", marker: "circle" },
  { color: "#b45309", dash: "6 4", marker: "square" },
  { color: "#047857", dash: "2 3", marker: "diamond" },
  { color: "#be123c", dash: "10 4 2 4", marker: "triangle" },
  { color: "#6d28d9", dash: "", marker: "square" },
  { color: "#0e7490", dash: "6 4", marker: "circle" },
] as const;

// A narrow drawing scaled to the container's width: at 375 px the 13-unit
// labels still render at about 11 px, and at full width at about 18 px.
const WIDTH = 360;
const HEIGHT = 220;
const PAD = { top: 12, right: 12, bottom: 36, left: 44 };
const FONT_SIZE = 13;
/** Rough width of one label character, as a share of the font size. */
const CHAR_WIDTH = 0.6;

export type LineCategory = {
  /** The short label along the horizontal axis, such as "15 Oct". */
  short: string;
  /** The full label for the summary and the table, such as "Mid-term exam, 15 October 2026". */
  long: string;
};

function styleOf(index: number) {
  return STYLES[index % STYLES.length];
}

function Marker({ x, y, shape, color }: { x: number; y: number; shape: string; color: string }) {
  if (shape === "square") return <rect x={x - 4} y={y - 4} width={8} height={8} fill={color} />;
  if (shape === "diamond") return <path d={`M${x} ${y - 5}L${x + 5} ${y}L${x} ${y + 5}L${x - 5} ${y}Z`} fill={color} />;
  if (shape === "triangle") return <path d={`M${x} ${y - 5}L${x + 5} ${y + 4}L${x - 5} ${y + 4}Z`} fill={color} />;
  return <circle cx={x} cy={y} r={4} fill={color} />;
}

/** Places the first label from its start and the last to its end, so neither is clipped. */
function anchorOf(index: number, count: number): "start" | "middle" | "end" {
  if (count < 2) return "middle";
  if (index === 0) return "start";
  return index === count - 1 ? "end" : "middle";
}

/**
 * Returns the indexes of the axis labels to draw: every n-th one, and the
 * last, so that labels `room` units wide never overlap.
 */
function labelledIndexes(count: number, step: number, room: number): Set<number> {
  if (count < 2) return new Set(count === 1 ? [0] : []);
  const every = Math.max(1, Math.ceil(room / step));
  const shown = new Set<number>();
  for (let index = 0; index < count; index += every) shown.add(index);
  const last = count - 1;
  if (!shown.has(last)) {
    const previous = Math.floor(last / every) * every;
    if (previous !== 0 && (last - previous) * step < room) shown.delete(previous);
    shown.add(last);
  }
  return shown;
}

/**
 * Renders a line chart as SVG with a legend and the same numbers in a table
 * that opens below it. Values run from 0 to `maxValue` on the vertical axis;
 * `formatValue` formats them for the labels, the summary and the table.
 */
export function LineChart({
  title,
  categories,
  series,
  maxValue,
  formatValue,
  categoryHeading,
}: {
  title: string;
  /** The points along the horizontal axis, in order. */
  categories: LineCategory[];
  series: LineSeries[];
  maxValue: number;
  formatValue: (value: number) => string;
  /** The heading of the table's first column, which lists the categories. */
  categoryHeading: string;
}) {
  const plotWidth = WIDTH - PAD.left - PAD.right;
  const plotHeight = HEIGHT - PAD.top - PAD.bottom;
  const step = categories.length > 1 ? plotWidth / (categories.length - 1) : 0;
  const xOf = (index: number) => PAD.left + (categories.length > 1 ? index * step : plotWidth / 2);
  const yOf = (value: number) => PAD.top + plotHeight - (Math.min(value, maxValue) / maxValue) * plotHeight;
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((fraction) => fraction * maxValue);

  const summary = series
    .map((line) => {
      const values = line.values.filter((value): value is number => value !== null);
      return `${line.name}: ${values.map(formatValue).join(", ")}`;
    })
    .join("; ");
  const label = `${title}. ${categories.length} ${categories.length === 1 ? "point" : "points"} (${categories.map((category) => category.long).join("; ")}). ${summary}.`;
  const longest = Math.max(0, ...categories.map((category) => category.short.length));
  const labelled = labelledIndexes(categories.length, step, longest * FONT_SIZE * CHAR_WIDTH + 8);

  return (
    <figure className="flex flex-col gap-3">
      <figcaption className="font-medium">{title}</figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={label} className="h-auto w-full max-w-lg">
        {ticks.map((tick) => (
          <g key={tick}>
            <line x1={PAD.left} x2={WIDTH - PAD.right} y1={yOf(tick)} y2={yOf(tick)} stroke="#e4e4e7" />
            <text x={PAD.left - 6} y={yOf(tick) + 4} textAnchor="end" fontSize={FONT_SIZE} fill="#52525b">
              {formatValue(tick)}
            </text>
          </g>
        ))}
        {categories.map((category, index) =>
          labelled.has(index) ? (
            <text
              key={index}
              x={xOf(index)}
              y={HEIGHT - PAD.bottom + 20}
              textAnchor={anchorOf(index, categories.length)}
              fontSize={FONT_SIZE}
              fill="#3f3f46"
            >
              {category.short}
            </text>
          ) : null,
        )}
        {series.map((line, seriesIndex) => {
          const style = styleOf(seriesIndex);
          const points = line.values.map((value, index) =>
            value === null ? null : { x: xOf(index), y: yOf(value) },
          );
          return (
            <g key={line.name}>
              {/* The line joins the points a missing result leaves on either side; the table says "No result" there. */}
              <polyline
                points={points
                  .filter((point) => point !== null)
                  .map((point) => `${point.x},${point.y}`)
                  .join(" ")}
                fill="none"
                stroke={style.color}
                strokeWidth={2.5}
                strokeDasharray={style.dash || undefined}
              />
              {points.map((point, index) =>
                point ? <Marker key={index} x={point.x} y={point.y} shape={style.marker} color={style.color} /> : null,
              )}
            </g>
          );
        })}
      </svg>
      <ul aria-label="Legend" className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
        {series.map((line, index) => {
          const style = styleOf(index);
          return (
            <li key={line.name} className="flex items-center gap-2">
              <svg width="28" height="12" aria-hidden="true">
                <line x1="0" x2="28" y1="6" y2="6" stroke={style.color} strokeWidth="2.5" strokeDasharray={style.dash || undefined} />
                <Marker x={14} y={6} shape={style.marker} color={style.color} />
              </svg>
              {line.name}
            </li>
          );
        })}
      </ul>
      <details className="text-sm">
        <summary className="cursor-pointer text-blue-700 underline focus-visible:outline-2 focus-visible:outline-blue-700">
          Show the chart&apos;s numbers as a table
        </summary>
        <div
          role="region"
          aria-label={`${title}: table`}
          tabIndex={0}
          className="relative mt-2 overflow-x-auto rounded-md border border-zinc-200 focus-visible:outline-2 focus-visible:outline-blue-700"
        >
          <table className="min-w-full divide-y divide-zinc-200 text-left text-sm">
            <caption className="sr-only">{title}</caption>
            <thead className="bg-zinc-50">
              <tr>
                <th scope="col" className="px-3 py-2 font-semibold">
                  {categoryHeading}
                </th>
                {series.map((line) => (
                  <th key={line.name} scope="col" className="px-3 py-2 text-right font-semibold">
                    {line.name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-200">
              {categories.map((category, index) => (
                <tr key={index}>
                  <th scope="row" className="px-3 py-2 font-normal">
                    {category.long}
                  </th>
                  {series.map((line) => {
                    const value = line.values[index];
                    return (
                      <td key={line.name} className="px-3 py-2 text-right tabular-nums">
                        {value === null ? "No result" : formatValue(value)}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
