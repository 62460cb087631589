/**
 * The CEO report as a document: title block, the executive summary line, and four sections —
 * satisfaction results, initiative status, new problems, next steps — each per program. Built for
 * the screen and for paper alike: sections start on a new page when printed, cards and tables are
 * never cut, links work on screen and read as plain text on paper. No client script needed.
 */
import { Link } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import type { Locale } from "~/i18n/config";
import type { CeoReport, ProgramReport, ReportAlert, ReportInitiative, ReportPainPoint, SatisfactionKpi } from "~/models/ceo-report.server";
import { formatKpiValue } from "~/models/kpi";
import { periodLabel } from "~/models/report-period";
import { formatDate, formatDateTime } from "~/utils/format";
import { KpiStatusBadge } from "../kpis/kpi-bits";
import { HealthBadge, useReasonText } from "../office/health";
import { StatusBadge } from "../reshape/status";
import { Badge, cn } from "../ui";
import { KpiPeriodChart } from "./kpi-period-chart";

type Report = CeoReport;

const dayText = (d: string | null, locale: Locale) => (d ? formatDate(`${d}T12:00:00+08:00`, locale) : "—");

function Section({ id, title, intro, first, children }: { id: string; title: string; intro?: string; first?: boolean; children: React.ReactNode }) {
  return (
    <section aria-labelledby={`${id}-title`} data-testid={id} className={cn("space-y-4", !first && "print:break-before-page")}>
      <header className="border-b border-slate-200 pb-2">
        <h2 id={`${id}-title`} className="text-lg font-semibold text-slate-900">
          {title}
        </h2>
        {intro ? <p className="mt-0.5 text-sm text-slate-600">{intro}</p> : null}
      </header>
      {children}
    </section>
  );
}

function ProgramBlock({ program, children }: { program: ProgramReport; children: React.ReactNode }) {
  return (
    <div className="space-y-3">
      <h3 className="text-sm font-semibold uppercase tracking-wide text-slate-500 print:text-slate-700">{program.name}</h3>
      {children}
    </div>
  );
}

function Empty({ children }: { children: React.ReactNode }) {
  return <p className="rounded-md border border-dashed border-slate-200 px-4 py-3 text-sm text-slate-500 break-inside-avoid">{children}</p>;
}

function Sub({ title, count, children }: { title: string; count?: number; children: React.ReactNode }) {
  return (
    <div className="break-inside-avoid space-y-2">
      <h4 className="text-sm font-semibold text-slate-800">
        {title}
        {count !== undefined ? <span className="ml-1.5 font-normal text-slate-500">({count})</span> : null}
      </h4>
      {children}
    </div>
  );
}

function SatisfactionCard({ kpi, period, locale }: { kpi: SatisfactionKpi; period: Report["period"]; locale: Locale }) {
  const { t } = useTranslation();
  const fmt = (v: number | null | undefined) => formatKpiValue(v, kpi.unit, t, locale);
  const change = kpi.change === null ? null : `${kpi.change > 0 ? "+" : kpi.change < 0 ? "−" : "±"}${fmt(Math.abs(kpi.change))}`;
  const trendCls = kpi.trend === "improving" ? "text-emerald-700" : kpi.trend === "worsening" ? "text-red-700" : "text-slate-600";
  return (
    <li className="break-inside-avoid rounded-lg border border-slate-200 bg-white p-4 shadow-sm print:shadow-none" data-testid="report-kpi" data-kpi-id={kpi.id}>
      <div className="flex items-start justify-between gap-2">
        <div className="min-w-0">
          <Link to={kpi.url} className="font-medium leading-snug text-slate-900 hover:text-brand-700 hover:underline">
            {kpi.name}
          </Link>
          <div className="mt-0.5 text-xs text-slate-500">{t(`kpis.templates.${kpi.template}.name`)}</div>
        </div>
        <KpiStatusBadge status={kpi.status} />
      </div>
      <div className="mt-3 flex flex-wrap items-end gap-x-4 gap-y-1">
        <div>
          <div className="text-xs text-slate-500">{t("report.satisfaction.end")}</div>
          <div className="text-2xl font-semibold tabular-nums text-slate-900" data-testid="kpi-end-value">
            {fmt(kpi.end?.value)}
          </div>
        </div>
        <dl className="grid grid-cols-[auto_auto] gap-x-2 text-xs">
          <dt className="text-slate-500">{t("report.satisfaction.start")}</dt>
          <dd className="tabular-nums text-slate-800" data-testid="kpi-start-value">
            {fmt(kpi.start?.value)}
          </dd>
          <dt className="text-slate-500">{t("report.satisfaction.target")}</dt>
          <dd className="tabular-nums text-slate-800">{fmt(kpi.target)}</dd>
          <dt className="text-slate-500">{t("report.satisfaction.change")}</dt>
          <dd className={cn("tabular-nums font-medium", trendCls)}>{change ?? "—"}</dd>
        </dl>
      </div>
      <div className="mt-3">
        <KpiPeriodChart
          points={kpi.points}
          start={kpi.start}
          target={kpi.target}
          periodStart={period.start}
          periodEnd={period.end}
          label={t("report.satisfaction.chartLabel", { name: kpi.name, start: fmt(kpi.start?.value), end: fmt(kpi.end?.value), target: fmt(kpi.target) })}
        />
        <p className="mt-1 text-[11px] text-slate-500">
          {kpi.end ? t("report.satisfaction.asOf", { date: dayText(kpi.end.date, locale), count: kpi.points.length }) : t("report.satisfaction.noValues")}
        </p>
      </div>
      <div className="mt-2 print:hidden">
        <Link to={kpi.traceUrl} className="text-xs font-medium text-brand-700 hover:underline" data-testid="report-trace-link">
          {t("trace.open")} →
        </Link>
      </div>
    </li>
  );
}

function StatusCounts({ program }: { program: ProgramReport }) {
  const { t } = useTranslation();
  const h = program.initiatives.byHealth;
  const open = h.red + h.amber + h.green;
  const pct = (n: number) => (open ? `${(n / open) * 100}%` : "0");
  return (
    <div className="grid grid-cols-1 gap-4 break-inside-avoid md:grid-cols-2">
      <div className="rounded-lg border border-slate-200 bg-white p-4">
        <div className="text-xs font-medium text-slate-500">{t("report.initiatives.byStatus")}</div>
        <ul className="mt-2 flex flex-wrap gap-2" data-testid="status-counts">
          {(Object.entries(program.initiatives.byStatus) as [keyof ProgramReport["initiatives"]["byStatus"], number][]).map(([s, n]) => (
            <li key={s} className="inline-flex items-center gap-1.5 rounded-md bg-slate-50 px-2 py-1 text-sm ring-1 ring-inset ring-slate-200">
              <span className="text-slate-600">{t(`initiatives.statuses.${s}`)}</span>
              <span className="font-semibold tabular-nums text-slate-900">{n}</span>
            </li>
          ))}
        </ul>
      </div>
      <div className="rounded-lg border border-slate-200 bg-white p-4">
        <div className="text-xs font-medium text-slate-500">{t("report.initiatives.byHealth", { count: open })}</div>
        <div className="mt-2 flex h-3 overflow-hidden rounded-full bg-slate-100" aria-hidden>
          <div className="bg-red-600" style={{ width: pct(h.red) }} />
          <div className="bg-amber-500" style={{ width: pct(h.amber) }} />
          <div className="bg-emerald-600" style={{ width: pct(h.green) }} />
        </div>
        <ul className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-sm" data-testid="health-counts">
          {(["red", "amber", "green", "closed"] as const).map((k) => (
            <li key={k} className="flex items-center gap-1.5">
              <HealthBadge health={k} />
              <span className="font-semibold tabular-nums" data-health-count={k}>
                {h[k]}
              </span>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}

/** A bordered table of the report; `wideOnly` columns are hidden on phones (and shown in print). */
function ReportTable({ columns, children }: { columns: { label: string; wideOnly?: boolean }[]; children: React.ReactNode }) {
  return (
    <div className="overflow-hidden rounded-lg border border-slate-200 bg-white">
      <table className="w-full text-left text-sm">
        <thead className="bg-slate-50 text-xs text-slate-500">
          <tr>
            {columns.map((c) => (
              <th key={c.label} className={c.wideOnly ? "hidden px-3 py-2 font-medium sm:table-cell print:table-cell" : "px-3 py-2 font-medium"}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">{children}</tbody>
      </table>
    </div>
  );
}

function InitiativeRows({ items, showReason, locale }: { items: ReportInitiative[]; showReason?: boolean; locale: Locale }) {
  const { t } = useTranslation();
  const reason = useReasonText();
  return (
    <ReportTable
      columns={[
        { label: t("report.table.initiative") },
        { label: t("report.table.owner"), wideOnly: true },
        { label: t("report.table.due") },
        { label: showReason ? t("report.table.why") : t("report.table.health") },
      ]}
    >
      {items.map((i) => (
        <tr key={i.id} className="break-inside-avoid align-top">
          <td className="px-3 py-2">
            <Link to={i.url} className="font-medium text-slate-900 hover:text-brand-700 hover:underline">
              {i.title}
            </Link>
            <div className="mt-0.5 flex flex-wrap items-center gap-1.5 text-xs text-slate-500">
              {t(`initiatives.kinds.${i.kind}`)} <StatusBadge status={i.status} />
            </div>
          </td>
          <td className="hidden px-3 py-2 text-slate-700 sm:table-cell print:table-cell">{i.owner ?? "—"}</td>
          <td className="whitespace-nowrap px-3 py-2 tabular-nums text-slate-700">{dayText(i.dueDate, locale)}</td>
          <td className="px-3 py-2 text-xs leading-5 text-slate-700">
            {showReason ? (
              i.overrideReason ? (
                <span>{i.overrideReason}</span>
              ) : (
                <ul>{i.reasons.map((r, n) => <li key={n}>{reason(r)}</li>)}</ul>
              )
            ) : (
              <HealthBadge health={i.health} />
            )}
          </td>
        </tr>
      ))}
    </ReportTable>
  );
}

function PainPointRows({ items }: { items: ReportPainPoint[] }) {
  const { t } = useTranslation();
  return (
    <ul className="divide-y divide-slate-100 overflow-hidden rounded-lg border border-slate-200 bg-white">
      {items.map((p) => (
        <li key={`${p.mapId}:${p.id}`} className="flex flex-wrap items-start justify-between gap-2 px-3 py-2 text-sm break-inside-avoid">
          <div className="min-w-0">
            <Link to={p.url} className="font-medium text-slate-900 hover:text-brand-700 hover:underline">
              {p.title}
            </Link>
            <div className="text-xs text-slate-500">{p.mapName}</div>
          </div>
          <div className="flex items-center gap-1.5">
            {p.flagged ? <Badge tone="warning">{t("report.problems.flagged")}</Badge> : null}
            <Badge>{t("report.problems.severity", { n: p.severity })}</Badge>
          </div>
        </li>
      ))}
    </ul>
  );
}

function AlertRows({ items, locale }: { items: ReportAlert[]; locale: Locale }) {
  const { t } = useTranslation();
  const fmt = (v: number | null, unit: string) => formatKpiValue(v, unit, t, locale);
  return (
    <ReportTable
      columns={[
        { label: t("report.table.kpi") },
        { label: t("report.table.alert") },
        { label: t("report.table.day"), wideOnly: true },
        { label: t("report.table.status") },
      ]}
    >
      {items.map((a) => (
        <tr key={a.id} className="break-inside-avoid align-top">
          <td className="px-3 py-2">
            <Link to={a.url} className="font-medium text-slate-900 hover:text-brand-700 hover:underline">
              {a.kpiName}
            </Link>
          </td>
          <td className="px-3 py-2 text-xs leading-5 text-slate-700">
            {a.kind === "threshold"
              ? t("report.problems.thresholdAlert", { value: fmt(a.value, a.unit), threshold: fmt(a.threshold, a.unit) })
              : t("report.problems.staleAlert", { date: dayText(a.day, locale) })}
          </td>
          <td className="hidden whitespace-nowrap px-3 py-2 tabular-nums text-slate-700 sm:table-cell print:table-cell">{dayText(a.day, locale)}</td>
          <td className="px-3 py-2">
            <Badge tone={a.status === "open" ? "danger" : "neutral"}>{t(`report.alertStatus.${a.status}`)}</Badge>
          </td>
        </tr>
      ))}
    </ReportTable>
  );
}

export function ExecutiveSummary({ report, locale }: { report: Report; locale: Locale }) {
  const { t } = useTranslation();
  const s = report.summary;
  return (
    <p className="rounded-lg bg-brand-50 px-4 py-3 text-sm leading-6 text-brand-950 ring-1 ring-inset ring-brand-100 print:bg-white print:ring-slate-300" data-testid="report-summary">
      {t("report.summary.line", {
        period: periodLabel(report.period, locale),
        onTarget: s.onTarget,
        kpis: s.satisfactionKpis,
        improving: s.improving,
        open: s.openInitiatives,
        red: s.red,
        amber: s.amber,
        green: s.green,
        done: s.doneInPeriod,
        newPains: s.newPainPoints,
        alerts: s.alerts,
        openAlerts: s.openAlerts,
      })}
    </p>
  );
}

export function CeoReportView({ report, orgName }: { report: Report; orgName: string }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const p = report.period;
  const label = periodLabel(p, locale);
  return (
    <article className="space-y-8 rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-8 print:space-y-6 print:rounded-none print:border-0 print:p-0 print:shadow-none" data-testid="ceo-report" data-period={p.key}>
      <header className="space-y-3">
        <div className="text-xs font-semibold uppercase tracking-wider text-brand-700">{t("report.eyebrow", { org: orgName })}</div>
        <h1 className="text-2xl font-semibold text-slate-900 sm:text-3xl" data-testid="report-title">
          {t("report.heading", { period: label })}
        </h1>
        <p className="text-sm text-slate-600">
          {t("report.range", { from: dayText(p.start, locale), to: dayText(p.end, locale) })}
          {p.open ? <span className="ml-2 font-medium text-amber-800">{t("report.openPeriod")}</span> : null}
        </p>
        <p className="text-xs text-slate-500">
          {t("report.coverage", { count: report.programs.length, programs: report.programs.map((x) => x.name).join(t("report.listSeparator")) || "—" })} ·{" "}
          {t("report.asOf", { date: dayText(report.asOf, locale) })} · {t("report.generated", { when: formatDateTime(report.generatedAt, locale) })}
        </p>
        <ExecutiveSummary report={report} locale={locale} />
      </header>

      {report.programs.length === 0 ? (
        <Empty>{t("report.noPrograms")}</Empty>
      ) : (
        <>
          <Section id="report-satisfaction" title={t("report.satisfaction.title")} intro={t("report.satisfaction.intro")} first>
            {report.programs.map((prog) => (
              <ProgramBlock key={prog.id} program={prog}>
                {prog.satisfaction.length === 0 ? (
                  <Empty>{t("report.satisfaction.none")}</Empty>
                ) : (
                  <ul className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-3 print:grid-cols-2">
                    {prog.satisfaction.map((k) => (
                      <SatisfactionCard key={k.id} kpi={k} period={p} locale={locale} />
                    ))}
                  </ul>
                )}
              </ProgramBlock>
            ))}
          </Section>

          <Section id="report-initiatives" title={t("report.initiatives.title")} intro={t("report.initiatives.intro", { date: dayText(report.asOf, locale) })}>
            {report.programs.map((prog) => (
              <ProgramBlock key={prog.id} program={prog}>
                <StatusCounts program={prog} />
                <Sub title={t("report.initiatives.red")} count={prog.initiatives.red.length}>
                  {prog.initiatives.red.length ? <InitiativeRows items={prog.initiatives.red} showReason locale={locale} /> : <Empty>{t("report.initiatives.noRed")}</Empty>}
                </Sub>
                <Sub title={t("report.initiatives.done", { period: label })} count={prog.initiatives.doneInPeriod.length}>
                  {prog.initiatives.doneInPeriod.length ? (
                    <ul className="divide-y divide-slate-100 overflow-hidden rounded-lg border border-slate-200 bg-white">
                      {prog.initiatives.doneInPeriod.map((d) => (
                        <li key={d.id} className="px-3 py-2 text-sm break-inside-avoid">
                          <div className="flex flex-wrap items-baseline justify-between gap-2">
                            <Link to={d.url} className="font-medium text-slate-900 hover:text-brand-700 hover:underline">
                              {d.title}
                            </Link>
                            <span className="text-xs tabular-nums text-slate-500">{dayText(d.doneOn, locale)}</span>
                          </div>
                          {d.resultNotes ? <p className="mt-0.5 text-xs leading-5 text-slate-600">{d.resultNotes}</p> : null}
                        </li>
                      ))}
                    </ul>
                  ) : (
                    <Empty>{t("report.initiatives.noneDone")}</Empty>
                  )}
                </Sub>
              </ProgramBlock>
            ))}
          </Section>

          <Section id="report-problems" title={t("report.problems.title")} intro={t("report.problems.intro")}>
            {report.programs.map((prog) => (
              <ProgramBlock key={prog.id} program={prog}>
                <Sub title={t("report.problems.painPoints")} count={prog.problems.painPoints.length}>
                  {prog.problems.painPoints.length ? <PainPointRows items={prog.problems.painPoints} /> : <Empty>{t("report.problems.noPainPoints")}</Empty>}
                </Sub>
                <Sub title={t("report.problems.alerts")} count={prog.problems.alerts.length}>
                  {prog.problems.alerts.length ? <AlertRows items={prog.problems.alerts} locale={locale} /> : <Empty>{t("report.problems.noAlerts")}</Empty>}
                </Sub>
              </ProgramBlock>
            ))}
          </Section>

          <Section id="report-next" title={t("report.next.title")} intro={t("report.next.intro", { period: periodLabel(p.next, locale) })}>
            {report.programs.map((prog) => (
              <ProgramBlock key={prog.id} program={prog}>
                <Sub title={t("report.next.dueNext", { period: periodLabel(p.next, locale) })} count={prog.nextSteps.dueNext.length}>
                  {prog.nextSteps.dueNext.length ? <InitiativeRows items={prog.nextSteps.dueNext} locale={locale} /> : <Empty>{t("report.next.noneDue")}</Empty>}
                </Sub>
                <Sub title={t("report.next.cycles")} count={prog.nextSteps.cycles.length}>
                  {prog.nextSteps.cycles.length ? (
                    <ul className="grid grid-cols-1 gap-3 md:grid-cols-2">
                      {prog.nextSteps.cycles.map((c) => (
                        <li key={c.id} className="rounded-lg border border-slate-200 bg-white p-3 text-sm break-inside-avoid">
                          <div className="flex items-center justify-between gap-2">
                            <Link to={c.url} className="font-medium text-slate-900 hover:text-brand-700 hover:underline">
                              {t(`report.next.loop_${c.kind}`, { number: c.number })} · {c.title}
                            </Link>
                          </div>
                          <div className="text-xs tabular-nums text-slate-500">
                            {dayText(c.startsOn, locale)} – {dayText(c.endsOn, locale)}
                          </div>
                          {c.goal ? (
                            <p className="mt-1 text-xs leading-5 text-slate-700">
                              <span className="font-medium">{t("report.next.goal")}</span> {c.goal}
                            </p>
                          ) : null}
                        </li>
                      ))}
                    </ul>
                  ) : (
                    <Empty>{t("report.next.noCycles")}</Empty>
                  )}
                </Sub>
                <Sub title={t("report.next.openAlerts")} count={prog.nextSteps.openAlerts.length}>
                  {prog.nextSteps.openAlerts.length ? <AlertRows items={prog.nextSteps.openAlerts} locale={locale} /> : <Empty>{t("report.next.noOpenAlerts")}</Empty>}
                </Sub>
                <Sub title={t("report.next.awaitingReview")} count={prog.nextSteps.awaitingReview.length}>
                  {prog.nextSteps.awaitingReview.length ? <PainPointRows items={prog.nextSteps.awaitingReview} /> : <Empty>{t("report.next.noneAwaiting")}</Empty>}
                </Sub>
              </ProgramBlock>
            ))}
          </Section>
        </>
      )}
    </article>
  );
}
