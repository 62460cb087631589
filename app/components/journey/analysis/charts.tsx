/**
 * The analysis charts (recharts 2). Server rendering and hydration: each chart has a fixed id and
 * starts at a fixed width (no ResponsiveContainer on first render); after mounting, the width
 * follows the card. Category axes use interval={0}. Every bar / point is clickable (and reachable
 * by keyboard through the list under each chart).
 */
import { useEffect, useRef, useState } from "react";
import { Bar, BarChart, CartesianGrid, Cell, Line, LineChart, Tooltip, XAxis, YAxis } from "recharts";
import { useTranslation } from "~/i18n/react";

const BRAND = "#1d4ed8";
const BRAND_SOFT = "#93c5fd";

/** The width of the element, starting at `initial` (the server's and the first client render's). */
export function useWidth(initial: number): [React.RefObject<HTMLDivElement>, number] {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(initial);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const update = () => setWidth(Math.max(240, Math.floor(el.clientWidth)));
    update();
    const ro = new ResizeObserver(update);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return [ref, width];
}

export interface BarDatum {
  key: string;
  label: string;
  value: number;
  /** Shown in the tooltip under the value. */
  note?: string;
}

/** A horizontal bar chart of categories; clicking a bar calls onSelect(key). */
export function CategoryBars({
  id,
  data,
  onSelect,
  valueLabel,
  format,
  selected,
}: {
  id: string;
  data: BarDatum[];
  onSelect: (d: BarDatum) => void;
  valueLabel: string;
  format?: (v: number) => string;
  selected?: string | null;
}) {
  const [ref, width] = useWidth(380);
  const height = Math.max(120, data.length * 30 + 30);
  const longest = Math.max(4, ...data.map((d) => [...d.label].length));
  const axisWidth = Math.min(170, 16 + longest * 12);
  return (
    <div ref={ref} className="w-full min-w-0 overflow-hidden" data-testid={`chart-${id}`}>
      <BarChart
        id={id}
        width={width}
        height={height}
        data={data}
        layout="vertical"
        margin={{ top: 4, right: 40, bottom: 4, left: 4 }}
        barCategoryGap={6}
        style={{ cursor: "pointer" }}
      >
        <CartesianGrid horizontal={false} stroke="#e2e8f0" />
        <XAxis type="number" allowDecimals={false} tick={{ fontSize: 11, fill: "#64748b" }} tickFormatter={format} />
        <YAxis type="category" dataKey="label" width={axisWidth} interval={0} tick={{ fontSize: 12, fill: "#334155" }} />
        <Tooltip
          cursor={{ fill: "#f1f5f9" }}
          formatter={(v: number) => [format ? format(v) : v, valueLabel]}
          labelFormatter={(l: string) => {
            const d = data.find((x) => x.label === l);
            return d?.note ? `${l} · ${d.note}` : l;
          }}
        />
        <Bar dataKey="value" maxBarSize={22} radius={[0, 3, 3, 0]} isAnimationActive={false} onClick={(_d: unknown, index: number) => onSelect(data[index])} label={{ position: "right", fontSize: 11, fill: "#475569", formatter: format }}>
          {data.map((d) => (
            <Cell key={d.key} fill={selected && selected !== d.key ? BRAND_SOFT : BRAND} data-key={d.key} />
          ))}
        </Bar>
      </BarChart>
    </div>
  );
}

/** The trend line; clicking a point calls onSelect(bucket). */
export function TrendLine({ id, data, onSelect, valueLabel }: { id: string; data: { bucket: string; count: number }[]; onSelect: (bucket: string) => void; valueLabel: string }) {
  const [ref, width] = useWidth(900);
  const step = Math.max(0, Math.ceil(data.length / Math.max(1, Math.floor(width / 80))) - 1);
  return (
    <div ref={ref} className="w-full min-w-0 overflow-hidden" data-testid={`chart-${id}`}>
      <LineChart
        id={id}
        width={width}
        height={240}
        data={data}
        margin={{ top: 10, right: 20, bottom: 4, left: 0 }}
        onClick={(s: { activeLabel?: string } | null) => {
          if (s?.activeLabel) onSelect(String(s.activeLabel));
        }}
        style={{ cursor: "pointer" }}
      >
        <CartesianGrid stroke="#e2e8f0" vertical={false} />
        <XAxis dataKey="bucket" interval={step} tick={{ fontSize: 11, fill: "#64748b" }} />
        <YAxis allowDecimals={false} tick={{ fontSize: 11, fill: "#64748b" }} width={48} />
        <Tooltip formatter={(v: number) => [v, valueLabel]} />
        <Line type="linear" dataKey="count" stroke={BRAND} strokeWidth={2} dot={{ r: 2.5 }} activeDot={{ r: 5 }} isAnimationActive={false} />
      </LineChart>
    </div>
  );
}

/** A keyboard-reachable list of the same categories (screen readers, and "click" without a mouse). */
export function BarKeys({ data, onSelect, format }: { data: BarDatum[]; onSelect: (d: BarDatum) => void; format?: (v: number) => string }) {
  const { t } = useTranslation();
  return (
    <ul className="sr-only" aria-label={String(t("analysis.charts.clickHint"))}>
      {data.map((d) => (
        <li key={d.key}>
          <button type="button" onClick={() => onSelect(d)}>
            {d.label}: {format ? format(d.value) : d.value}
          </button>
        </li>
      ))}
    </ul>
  );
}
