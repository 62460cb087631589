/** The outside-in analysis page body: filters, KPIs, charts, hops, FCR, definitions and the drill-down. */
import { Form, useSubmit } from "@remix-run/react";
import { useMemo, useState } from "react";
import { Badge, Button, Card, CardBody, CardHeader, cn, Input, Select } from "~/components/ui";
import { useTranslation } from "~/i18n/react";
import type { FeedbackAnalysis } from "~/models/feedback-analysis.server";
import { BarKeys, CategoryBars, TrendLine, type BarDatum } from "./charts";
import { DrillDown, type Drill, type MapPainPoints } from "./drill-down";
import { useChannelLabel } from "./shared";

export interface AnalysisFilters {
  from: string;
  to: string;
  segment: string;
  channel: string;
  days: number;
}

const DAY_CHOICES = [1, 3, 7, 14, 30];

function nextBucketStart(bucket: string, grain: "day" | "week" | "month"): string {
  if (grain === "month") {
    const y = Number(bucket.slice(0, 4));
    const m = Number(bucket.slice(5, 7));
    return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, "0")}-01`;
  }
  const d = new Date(`${bucket}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + (grain === "week" ? 7 : 1));
  return d.toISOString().slice(0, 10);
}

function dayBefore(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

export function AnalysisView({
  programId,
  analysis,
  filters,
  canEdit,
  maps,
}: {
  programId: string;
  analysis: FeedbackAnalysis;
  filters: AnalysisFilters;
  canEdit: boolean;
  maps: MapPainPoints[];
}) {
  const { t, i18n } = useTranslation();
  const submit = useSubmit();
  const channel = useChannelLabel();
  const [drill, setDrill] = useState<Drill | null>(null);
  const n = (v: number) => new Intl.NumberFormat(i18n.language).format(v);
  const pct = (v: number | null) => (v === null ? String(t("analysis.kpi.noRate")) : new Intl.NumberFormat(i18n.language, { style: "percent", maximumFractionDigits: 1 }).format(v));

  const base = useMemo(() => {
    const p = new URLSearchParams();
    if (filters.from) p.set("from", filters.from);
    if (filters.to) p.set("to", filters.to);
    if (filters.segment) p.set("segment", filters.segment);
    if (filters.channel) p.set("channel", filters.channel);
    return p;
  }, [filters]);
  const open = (title: string, extra: Record<string, string>) => {
    const p = new URLSearchParams(base);
    for (const [k, v] of Object.entries(extra)) p.set(k, v);
    setDrill({ title, query: p.toString() });
  };

  const toBars = (rows: FeedbackAnalysis["byReason"], label: (k: string) => string): BarDatum[] =>
    rows.map((r) => ({ key: r.key, label: label(r.key), value: r.count, note: r.avgScore === null ? undefined : String(t("analysis.charts.avgScore", { avg: Math.round(r.avgScore) })) }));
  const reasonBars = toBars(analysis.byReason, (k) => k);
  const segmentBars = toBars(analysis.bySegment, (k) => k);
  const channelBars = toBars(analysis.byChannel, channel);
  const fcrBars: BarDatum[] = analysis.fcr.byChannel.map((c) => ({
    key: c.channel,
    label: channel(c.channel),
    value: Math.round((c.rate ?? 0) * 1000) / 10,
    note: `${n(c.resolved)} / ${n(c.contacts)}`,
  }));

  const hopChannels = useMemo(() => {
    const set = new Set<string>();
    for (const p of analysis.hops.pairs) {
      set.add(p.from);
      set.add(p.to);
    }
    return [...set].sort();
  }, [analysis.hops.pairs]);
  const hopMax = Math.max(1, ...analysis.hops.pairs.map((p) => p.count));
  const hopCount = (from: string, to: string) => analysis.hops.pairs.find((p) => p.from === from && p.to === to)?.count ?? 0;

  const change = (e: React.FormEvent<HTMLFormElement>) => submit(e.currentTarget, { replace: true, preventScrollReset: true });

  return (
    <div className="min-w-0 space-y-6">
      <Form method="get" onChange={change} className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-testid="analysis-filters">
        <label className="text-sm">
          <span className="mb-1 block font-medium text-slate-700">{t("analysis.filters.from")}</span>
          <Input type="date" name="from" defaultValue={filters.from} min={analysis.dateRange.min ?? undefined} max={analysis.dateRange.max ?? undefined} />
        </label>
        <label className="text-sm">
          <span className="mb-1 block font-medium text-slate-700">{t("analysis.filters.to")}</span>
          <Input type="date" name="to" defaultValue={filters.to} min={analysis.dateRange.min ?? undefined} max={analysis.dateRange.max ?? undefined} />
        </label>
        <label className="text-sm">
          <span className="mb-1 block font-medium text-slate-700">{t("analysis.filters.segment")}</span>
          <Select name="segment" defaultValue={filters.segment} className="min-w-36">
            <option value="">{t("analysis.filters.all")}</option>
            {analysis.options.segments.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </Select>
        </label>
        <label className="text-sm">
          <span className="mb-1 block font-medium text-slate-700">{t("analysis.filters.channel")}</span>
          <Select name="channel" defaultValue={filters.channel} className="min-w-32">
            <option value="">{t("analysis.filters.all")}</option>
            {analysis.options.channels.map((c) => (
              <option key={c} value={c}>
                {channel(c)}
              </option>
            ))}
          </Select>
        </label>
        <label className="text-sm">
          <span className="mb-1 block font-medium text-slate-700">{t("analysis.filters.days")}</span>
          <Select name="days" defaultValue={String(filters.days)}>
            {DAY_CHOICES.map((d) => (
              <option key={d} value={d}>
                {t("analysis.daysOption", { days: d })}
              </option>
            ))}
          </Select>
        </label>
        <noscript>
          <Button type="submit">{t("analysis.filters.apply")}</Button>
        </noscript>
        <a href="?" className="ml-auto pb-2 text-sm font-medium text-brand-700 hover:underline">
          {t("analysis.filters.reset")}
        </a>
      </Form>

      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <Kpi label={t("analysis.kpi.total")} value={n(analysis.total)} testId="kpi-total" />
        <Kpi label={t("analysis.kpi.customers")} value={n(analysis.withCustomer)} />
        <Kpi label={t("analysis.kpi.fcr")} value={pct(analysis.fcr.overall.rate)} sub={t("analysis.kpi.fcrSub", { days: analysis.days })} testId="kpi-fcr" />
        <Kpi label={t("analysis.kpi.hops")} value={n(analysis.hops.totalHops)} sub={t("analysis.kpi.hopsSub", { customers: n(analysis.hops.customers) })} testId="kpi-hops" />
      </div>

      {analysis.total === 0 ? (
        <Card>
          <CardBody className="py-10 text-center text-sm text-slate-500">{t("analysis.empty.filtered")}</CardBody>
        </Card>
      ) : (
        <>
          <p className="text-sm text-slate-500">{t("analysis.charts.clickHint")}</p>
          <div className="grid gap-6 lg:grid-cols-3">
            <ChartCard title={t("analysis.charts.byReason")} more={analysis.more.reason}>
              <CategoryBars id="chart-reason" data={reasonBars} valueLabel={String(t("analysis.charts.records"))} onSelect={(d) => open(String(t("analysis.drill.reason", { value: d.label })), { reason: d.key })} />
              <BarKeys data={reasonBars} onSelect={(d) => open(String(t("analysis.drill.reason", { value: d.label })), { reason: d.key })} />
            </ChartCard>
            <ChartCard title={t("analysis.charts.bySegment")} more={analysis.more.segment}>
              <CategoryBars id="chart-segment" data={segmentBars} valueLabel={String(t("analysis.charts.records"))} onSelect={(d) => open(String(t("analysis.drill.segment", { value: d.label })), { segment: d.key })} />
              <BarKeys data={segmentBars} onSelect={(d) => open(String(t("analysis.drill.segment", { value: d.label })), { segment: d.key })} />
            </ChartCard>
            <ChartCard title={t("analysis.charts.byChannel")} more={analysis.more.channel}>
              <CategoryBars id="chart-channel" data={channelBars} valueLabel={String(t("analysis.charts.records"))} onSelect={(d) => open(String(t("analysis.drill.channel", { value: d.label })), { channel: d.key })} />
              <BarKeys data={channelBars} onSelect={(d) => open(String(t("analysis.drill.channel", { value: d.label })), { channel: d.key })} />
            </ChartCard>
          </div>
          <ChartCard title={`${t("analysis.charts.trend")} · ${t(`analysis.charts.grain.${analysis.trend.grain}`)}`}>
            <TrendLine
              id="chart-trend"
              data={analysis.trend.points}
              valueLabel={String(t("analysis.charts.records"))}
              onSelect={(bucket) => {
                const start = analysis.trend.grain === "month" ? `${bucket}-01` : bucket;
                const end = dayBefore(nextBucketStart(bucket, analysis.trend.grain));
                const from = filters.from && filters.from > start ? filters.from : start;
                const to = filters.to && filters.to < end ? filters.to : end;
                open(String(t("analysis.drill.period", { value: bucket })), { from, to });
              }}
            />
          </ChartCard>

          {analysis.withCustomer === 0 ? (
            <Card>
              <CardBody className="text-sm text-slate-600">{t("analysis.noCustomer")}</CardBody>
            </Card>
          ) : (
            <div className="grid gap-6 lg:grid-cols-2">
              <Card className="min-w-0">
                <CardHeader title={t("analysis.hops.title")} description={t("analysis.hops.description", { days: analysis.days })} />
                <CardBody>
                  {analysis.hops.pairs.length === 0 ? (
                    <p className="text-sm text-slate-500">{t("analysis.hops.none")}</p>
                  ) : (
                    <>
                      <div className="overflow-x-auto">
                        <table className="text-sm" data-testid="hop-matrix">
                          <thead>
                            <tr>
                              <th className="px-2 py-1 text-left text-xs font-medium text-slate-500">
                                {t("analysis.hops.from")} ↓ / {t("analysis.hops.to")} →
                              </th>
                              {hopChannels.map((c) => (
                                <th key={c} className="px-2 py-1 text-center text-xs font-medium text-slate-600">
                                  {channel(c)}
                                </th>
                              ))}
                            </tr>
                          </thead>
                          <tbody>
                            {hopChannels.map((from) => (
                              <tr key={from}>
                                <th className="whitespace-nowrap px-2 py-1 text-left text-xs font-medium text-slate-600">{channel(from)}</th>
                                {hopChannels.map((to) => {
                                  const c = hopCount(from, to);
                                  const alpha = c ? 0.12 + 0.78 * (c / hopMax) : 0;
                                  return (
                                    <td key={to} className="p-0.5">
                                      {c ? (
                                        <button
                                          type="button"
                                          onClick={() => open(String(t("analysis.drill.hop", { from: channel(from), to: channel(to), days: analysis.days })), { hop: `${from}>${to}`, days: String(analysis.days) })}
                                          className={cn("h-9 w-14 rounded text-xs font-semibold tabular-nums ring-brand-500 hover:ring-2", alpha > 0.5 ? "text-white" : "text-slate-900")}
                                          style={{ backgroundColor: `rgba(29, 78, 216, ${alpha})` }}
                                          title={String(t("analysis.hops.pair", { from: channel(from), to: channel(to) }))}
                                          aria-label={`${t("analysis.hops.pair", { from: channel(from), to: channel(to) })}: ${c}`}
                                        >
                                          {n(c)}
                                        </button>
                                      ) : (
                                        <div className={cn("h-9 w-14 rounded", from === to ? "bg-slate-100" : "bg-slate-50")} />
                                      )}
                                    </td>
                                  );
                                })}
                              </tr>
                            ))}
                          </tbody>
                        </table>
                      </div>
                      <ol className="mt-4 space-y-1 text-sm">
                        {analysis.hops.pairs.slice(0, 5).map((p) => (
                          <li key={`${p.from}>${p.to}`} className="flex items-center justify-between gap-3">
                            <button
                              type="button"
                              className="text-left font-medium text-brand-700 hover:underline"
                              onClick={() => open(String(t("analysis.drill.hop", { from: channel(p.from), to: channel(p.to), days: analysis.days })), { hop: `${p.from}>${p.to}`, days: String(analysis.days) })}
                            >
                              {t("analysis.hops.pair", { from: channel(p.from), to: channel(p.to) })}
                            </button>
                            <Badge tone="brand">{n(p.count)}</Badge>
                          </li>
                        ))}
                      </ol>
                    </>
                  )}
                </CardBody>
              </Card>
              <Card className="min-w-0">
                <CardHeader
                  title={t("analysis.fcr.title")}
                  description={t("analysis.fcr.description", { days: analysis.days })}
                  actions={<span className="text-2xl font-semibold tabular-nums text-slate-900">{pct(analysis.fcr.overall.rate)}</span>}
                />
                <CardBody>
                  <CategoryBars
                    id="chart-fcr"
                    data={fcrBars}
                    valueLabel={String(t("analysis.fcr.rate"))}
                    format={(v) => `${v}%`}
                    onSelect={(d) => open(String(t("analysis.drill.repeat", { channel: d.label, days: analysis.days })), { repeat: d.key, days: String(analysis.days) })}
                  />
                  <BarKeys data={fcrBars} format={(v) => `${v}%`} onSelect={(d) => open(String(t("analysis.drill.repeat", { channel: d.label, days: analysis.days })), { repeat: d.key, days: String(analysis.days) })} />
                  <button
                    type="button"
                    className="mt-2 text-sm font-medium text-brand-700 hover:underline"
                    onClick={() => open(String(t("analysis.drill.repeat", { channel: t("analysis.filters.all"), days: analysis.days })), { repeat: filters.channel || "*", days: String(analysis.days) })}
                  >
                    {t("analysis.fcr.showRepeats")}
                  </button>
                </CardBody>
              </Card>
            </div>
          )}

          <Card>
            <CardHeader title={t("analysis.definitions.title")} as="h3" />
            <CardBody className="space-y-2 text-sm leading-6 text-slate-600">
              <p>{t("analysis.definitions.hop")}</p>
              <p>{t("analysis.definitions.fcr")}</p>
              <p className="text-slate-500">{t("analysis.definitions.base")}</p>
            </CardBody>
          </Card>
        </>
      )}

      <DrillDown programId={programId} drill={drill} onClose={() => setDrill(null)} canEdit={canEdit} maps={maps} />
    </div>
  );
}

function Kpi({ label, value, sub, testId }: { label: React.ReactNode; value: string; sub?: React.ReactNode; testId?: string }) {
  return (
    <Card className="px-5 py-4">
      <div className="text-sm text-slate-600">{label}</div>
      <div className="mt-1 text-2xl font-semibold tabular-nums text-slate-900" data-testid={testId}>
        {value}
      </div>
      {sub ? <div className="mt-0.5 text-xs text-slate-500">{sub}</div> : null}
    </Card>
  );
}

function ChartCard({ title, more, children, className }: { title: React.ReactNode; more?: number; children: React.ReactNode; className?: string }) {
  const { t } = useTranslation();
  return (
    <Card className={cn("min-w-0", className)}>
      <CardHeader title={title} as="h3" />
      <CardBody>
        {children}
        {more ? <p className="mt-2 text-xs text-slate-500">{t("analysis.charts.more", { count: more })}</p> : null}
      </CardBody>
    </Card>
  );
}
