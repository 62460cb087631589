/**
 * The traceability view as six columns, from the vision down to the measurement:
 * Vision standard ← Journey map ← Pain point ← Evidence ← Initiative ← KPI. Every card says what
 * it connects to in the neighbouring columns and links to its own page (standard → vision, map →
 * canvas, pain point → the canvas with its drawer open, evidence → the evidence library or the
 * file, initiative → its page, KPI → its page); the traced item is highlighted. Missing links are
 * shown as such. Six columns on wide screens, three or two on tablets, stacked on phones.
 */
import { Link } from "@remix-run/react";
import { Fragment } from "react";
import { useTranslation } from "~/i18n/react";
import type { Locale } from "~/i18n/config";
import { formatKpiValue } from "~/models/kpi";
import type { TraceEvidence, TraceView } from "~/models/traceability.server";
import { formatNumber } from "~/utils/format";
import { KpiStatusBadge } from "../kpis/kpi-bits";
import { StatusBadge } from "../reshape/status";
import { Badge, cn } from "../ui";

type View = TraceView;

export const COLUMN_KEYS = ["standards", "maps", "painPoints", "evidence", "initiatives", "kpis"] as const;

function Column({ id, title, count, children }: { id: (typeof COLUMN_KEYS)[number]; title: string; count: number; children: React.ReactNode }) {
  return (
    <section aria-labelledby={`trace-col-${id}`} className="min-w-0" data-testid={`trace-col-${id}`}>
      <h2 id={`trace-col-${id}`} className="mb-2 flex items-center justify-between gap-2 border-b border-slate-200 pb-1.5 text-xs font-semibold uppercase tracking-wide text-slate-500">
        <span>{title}</span>
        <span className="rounded-full bg-slate-100 px-1.5 py-0.5 text-[11px] tabular-nums text-slate-600">{count}</span>
      </h2>
      <ul className="space-y-2.5">{children}</ul>
    </section>
  );
}

function Card({ children, root, testId, muted }: { children: React.ReactNode; root?: boolean; testId?: string; muted?: boolean }) {
  return (
    <li
      className={cn(
        "rounded-lg border bg-white p-3 text-[13px] leading-5 shadow-sm",
        root ? "border-brand-400 ring-2 ring-brand-200" : "border-slate-200",
        muted && "bg-slate-50",
      )}
      data-testid={testId}
    >
      {children}
    </li>
  );
}

function Missing({ children }: { children: React.ReactNode }) {
  return <li className="rounded-lg border border-dashed border-slate-300 px-3 py-2.5 text-[13px] leading-5 text-slate-500">{children}</li>;
}

/** "addresses: A, B" — small links to the neighbours. */
function Relation({ label, items }: { label: string; items: { key: string; text: string; to?: string }[] }) {
  if (!items.length) return null;
  return (
    <p className="mt-1.5 text-xs text-slate-500">
      <span className="font-medium text-slate-600">{label}</span>{" "}
      {items.map((i, n) => (
        <span key={i.key}>
          {n > 0 ? "、" : ""}
          {i.to ? (
            <Link to={i.to} className="text-brand-700 hover:underline">
              {i.text}
            </Link>
          ) : (
            i.text
          )}
        </span>
      ))}
    </p>
  );
}

function EvidenceCard({ e, programId, locale }: { e: TraceEvidence; programId: string; locale: Locale }) {
  const { t, i18n } = useTranslation();
  const painUrl = `/programs/${programId}/journeys/${e.mapId}?painPoint=${encodeURIComponent(e.painPointId)}`;
  const empty = e.feedback.count === 0 && e.items.length === 0;
  return (
    <Card testId="trace-evidence" muted={empty}>
      <p className="text-xs text-slate-500">
        {t("trace.evidence.backs")}{" "}
        <Link to={painUrl} className="font-medium text-slate-700 hover:text-brand-700 hover:underline">
          {e.painPointTitle || t("trace.deletedPainPoint")}
        </Link>
      </p>
      {empty ? (
        <p className="mt-1 text-slate-500">{t("trace.evidence.none")}</p>
      ) : (
        <>
          {e.feedback.count > 0 ? (
            <div className="mt-1.5">
              <Link to={painUrl} className="font-semibold text-slate-900 hover:text-brand-700 hover:underline" data-testid="trace-evidence-feedback">
                {t("trace.evidence.feedback", { count: e.feedback.count, n: formatNumber(e.feedback.count, locale) })}
              </Link>
              {e.feedback.satisfaction !== null ? (
                <div className="text-xs text-slate-600">{t("trace.evidence.satisfaction", { pct: formatNumber(e.feedback.satisfaction, locale, { style: "percent", maximumFractionDigits: 0 }), n: e.feedback.scored })}</div>
              ) : null}
              <ul className="mt-1.5 space-y-1.5">
                {e.feedback.samples.map((s) => (
                  <li key={s.id} className="border-l-2 border-slate-200 pl-2 text-xs text-slate-700">
                    <q className="line-clamp-3">{s.text}</q>
                    <div className="text-[11px] text-slate-500">
                      {s.occurredOn} · {i18n.exists(`journey.channels.${s.channel}`) ? t(`journey.channels.${s.channel}`) : s.channel}
                      {s.score !== null && s.scoreMax !== null ? ` · ${s.score}/${s.scoreMax}` : ""}
                    </div>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {e.items.length ? (
            <ul className="mt-2 space-y-1">
              {e.items.map((i) => (
                <li key={i.id} className="flex items-start gap-1.5 text-xs">
                  <Badge>{t(`trace.evidence.${i.kind}`)}</Badge>
                  {i.kind === "link" && i.url ? (
                    <a href={i.url} target="_blank" rel="noreferrer noopener" className="text-brand-700 hover:underline">
                      {i.title}
                    </a>
                  ) : (
                    <Link to={`/programs/${programId}/journeys/evidence?q=${encodeURIComponent(i.title)}`} className="text-brand-700 hover:underline">
                      {i.title}
                    </Link>
                  )}
                </li>
              ))}
            </ul>
          ) : null}
          <Link to={painUrl} className="mt-2 inline-block text-xs font-medium text-brand-700 hover:underline" data-testid="trace-evidence-open">
            {t("trace.evidence.open")} →
          </Link>
        </>
      )}
    </Card>
  );
}

export function TraceColumns({ view }: { view: View }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const pid = view.programId;
  const mapById = new Map(view.maps.map((m) => [m.id, m]));
  const standardByKey = new Map(view.standards.map((s) => [s.key, s]));
  const painTitle = new Map(view.painPoints.map((p) => [`${p.mapId}:${p.id}`, p.title]));
  const initiativeTitle = new Map(view.initiatives.map((i) => [i.id, i.title]));
  const isRoot = (kind: string, id: string) => view.root.kind === kind && view.root.id === id;
  const initiativeUrl = (id: string) => `/programs/${pid}/reshape/quick-wins/${id}`;
  const kpiUrl = (id: string) => `/programs/${pid}/kpis/${id}`;
  const painUrl = (mapId: string, id: string) => `/programs/${pid}/journeys/${mapId}?painPoint=${encodeURIComponent(id)}`;

  return (
    <div className="grid grid-cols-1 gap-5 md:grid-cols-2 lg:grid-cols-3 xl:grid-cols-6 xl:gap-3" data-testid="trace-columns">
      <Column id="standards" title={t("trace.columns.standards")} count={view.standards.length}>
        {view.standards.map((s) => (
          <Card key={s.key} testId="trace-standard">
            <Link to={`/programs/${pid}/vision`} className="font-semibold text-slate-900 hover:text-brand-700 hover:underline">
              {s.title}
            </Link>
            <div className="mt-1 flex flex-wrap gap-1">
              <Badge tone={s.current ? "brand" : "warning"}>{s.current ? t("trace.standard.version", { version: s.version }) : t("trace.standard.retired", { version: s.version })}</Badge>
            </div>
            {s.description ? <p className="mt-1 line-clamp-3 text-xs text-slate-600">{s.description}</p> : null}
            <Relation
              label={t("trace.rel.servedBy")}
              items={s.servedBy.map((x) => ({ key: `${x.kind}:${x.id}`, text: x.title, to: x.kind === "kpi" ? kpiUrl(x.id) : initiativeUrl(x.id) }))}
            />
          </Card>
        ))}
        {view.withoutStandard.length ? (
          <Missing>
            {t("trace.standard.missing")}
            <ul className="mt-1 list-disc pl-4 text-xs">
              {view.withoutStandard.map((x) => (
                <li key={`${x.kind}:${x.id}`}>
                  <Link to={x.kind === "kpi" ? `${kpiUrl(x.id)}?edit=1` : `${initiativeUrl(x.id)}?edit=1`} className="text-brand-700 hover:underline">
                    {x.title}
                  </Link>
                </li>
              ))}
            </ul>
          </Missing>
        ) : null}
        {view.standards.length === 0 && view.withoutStandard.length === 0 ? <Missing>{t("trace.standard.none")}</Missing> : null}
      </Column>

      <Column id="maps" title={t("trace.columns.maps")} count={view.maps.length}>
        {view.maps.length === 0 ? <Missing>{t("trace.map.none")}</Missing> : null}
        {view.maps.map((m) => (
          <Card key={m.id} testId="trace-map">
            <Link to={`/programs/${pid}/journeys/${m.id}`} className="font-semibold text-slate-900 hover:text-brand-700 hover:underline">
              {m.name}
            </Link>
            <div className="mt-1 flex flex-wrap gap-1">
              <Badge>{t(`trace.map.state_${m.state}`)}</Badge>
              {m.archived ? <Badge tone="warning">{t("trace.map.archived")}</Badge> : null}
            </div>
            {m.persona ? <p className="mt-1 text-xs text-slate-600">{m.persona}</p> : null}
            <Relation
              label={t("trace.rel.holds")}
              items={view.painPoints.filter((p) => p.mapId === m.id).map((p) => ({ key: p.id, text: p.title || t("trace.deletedPainPoint"), to: painUrl(m.id, p.id) }))}
            />
          </Card>
        ))}
      </Column>

      <Column id="painPoints" title={t("trace.columns.painPoints")} count={view.painPoints.length}>
        {view.painPoints.length === 0 ? <Missing>{view.root.kind === "kpi" ? t("trace.pain.noneKpi") : t("trace.pain.noneInitiative")}</Missing> : null}
        {view.painPoints.map((p) => (
          <Card key={`${p.mapId}:${p.id}`} testId="trace-pain-point" muted={!p.exists}>
            {p.exists ? (
              <Link to={painUrl(p.mapId, p.id)} className="font-semibold text-slate-900 hover:text-brand-700 hover:underline">
                {p.title}
              </Link>
            ) : (
              <span className="font-semibold text-slate-400 line-through">{p.title || t("trace.deletedPainPoint")}</span>
            )}
            <div className="mt-1 flex flex-wrap gap-1">
              <Badge tone={p.severity >= 4 ? "danger" : "neutral"}>{t("trace.pain.severity", { n: p.severity })}</Badge>
              {p.via === "touchpoint" ? <Badge tone="violet">{t("trace.pain.onTouchpoint")}</Badge> : null}
            </div>
            {p.touchpoint ? (
              <p className="mt-1 text-xs text-slate-600">
                {t("trace.pain.touchpoint", { text: p.touchpoint.text })}
                {p.touchpoint.stage ? ` · ${p.touchpoint.stage}` : ""}
              </p>
            ) : null}
            <Relation label={t("trace.rel.onMap")} items={mapById.has(p.mapId) ? [{ key: p.mapId, text: mapById.get(p.mapId)!.name, to: `/programs/${pid}/journeys/${p.mapId}` }] : []} />
            <Relation label={t("trace.rel.addressedBy")} items={p.addressedBy.map((i) => ({ key: i.id, text: i.title, to: initiativeUrl(i.id) }))} />
            <Relation label={t("trace.rel.measuredBy")} items={p.measuredBy.map((k) => ({ key: k.id, text: k.name, to: kpiUrl(k.id) }))} />
          </Card>
        ))}
      </Column>

      <Column id="evidence" title={t("trace.columns.evidence")} count={view.evidence.reduce((n, e) => n + e.feedback.count + e.items.length, 0)}>
        {view.evidence.length === 0 ? <Missing>{t("trace.evidence.noPainPoints")}</Missing> : null}
        {view.evidence.map((e) => (
          <EvidenceCard key={`${e.mapId}:${e.painPointId}`} e={e} programId={pid} locale={locale} />
        ))}
      </Column>

      <Column id="initiatives" title={t("trace.columns.initiatives")} count={view.initiatives.length}>
        {view.initiatives.length === 0 ? <Missing>{t("trace.initiative.none")}</Missing> : null}
        {view.initiatives.map((i) => (
          <Card key={i.id} root={isRoot("initiative", i.id)} testId="trace-initiative">
            <Link to={initiativeUrl(i.id)} className="font-semibold text-slate-900 hover:text-brand-700 hover:underline">
              {i.title}
            </Link>
            <div className="mt-1 flex flex-wrap items-center gap-1">
              <StatusBadge status={i.status} />
              <span className="text-xs text-slate-500">{t(`initiatives.kinds.${i.kind}`)}</span>
            </div>
            <Relation label={t("trace.rel.addresses")} items={i.painPoints.map((k) => ({ key: k, text: painTitle.get(k) || t("trace.deletedPainPoint") }))} />
            <Relation label={t("trace.rel.serves")} items={i.standardKey && standardByKey.has(i.standardKey) ? [{ key: i.standardKey, text: standardByKey.get(i.standardKey)!.title }] : []} />
            {!isRoot("initiative", i.id) ? (
              <Link to={`/programs/${pid}/trace/initiative/${i.id}`} className="mt-1.5 inline-block text-xs text-brand-700 hover:underline">
                {t("trace.retrace")}
              </Link>
            ) : null}
          </Card>
        ))}
      </Column>

      <Column id="kpis" title={t("trace.columns.kpis")} count={view.kpis.length}>
        {view.kpis.length === 0 ? <Missing>{t("trace.kpi.none")}</Missing> : null}
        {view.kpis.map((k, n) => (
          <Fragment key={k.id}>
          {view.root.kind === "kpi" && n === 1 ? (
            <li className="pt-1 text-[11px] font-medium uppercase tracking-wide text-slate-500">{t("trace.kpi.alsoMeasuring")}</li>
          ) : null}
          <Card root={isRoot("kpi", k.id)} testId="trace-kpi" muted={k.archived}>
            <Link to={kpiUrl(k.id)} className="font-semibold text-slate-900 hover:text-brand-700 hover:underline">
              {k.name}
            </Link>
            <div className="mt-1 flex flex-wrap items-center gap-1.5">
              <span className="text-base font-semibold tabular-nums text-slate-900">{formatKpiValue(k.latest?.value, k.unit, t, locale)}</span>
              <KpiStatusBadge status={k.status} />
            </div>
            {k.target !== null ? <p className="text-xs text-slate-500">{t("trace.kpi.target", { value: formatKpiValue(k.target, k.unit, t, locale) })}</p> : null}
            {k.touchpoint ? <p className="mt-1 text-xs text-slate-600">{t("trace.pain.touchpoint", { text: k.touchpoint.text })}</p> : null}
            <Relation label={t("trace.rel.measures")} items={k.initiativeIds.filter((id) => initiativeTitle.has(id)).map((id) => ({ key: id, text: initiativeTitle.get(id)! }))} />
            <Relation label={t("trace.rel.serves")} items={k.standardKey && standardByKey.has(k.standardKey) ? [{ key: k.standardKey, text: standardByKey.get(k.standardKey)!.title }] : []} />
            {!isRoot("kpi", k.id) ? (
              <Link to={`/programs/${pid}/trace/kpi/${k.id}`} className="mt-1.5 inline-block text-xs text-brand-700 hover:underline">
                {t("trace.retrace")}
              </Link>
            ) : null}
          </Card>
          </Fragment>
        ))}
      </Column>
    </div>
  );
}
