/** Shared pieces of the loop pages: a cycle's name, its progress, the steps of a kind, the before/after table. */
import { useTranslation } from "~/i18n/react";
import { Badge, type BadgeTone } from "~/components/ui";
import { formatValue, LOOP_STEPS, STEP_MARKS, type CycleKpiResult, type KpiMove, type LoopKind } from "~/models/loops";

export function useCycleName() {
  const { t } = useTranslation();
  return (c: { kind: LoopKind; number: number; title: string }) => {
    const base = t("loops.cycleName", {
      kind: t(`loops.kinds.${c.kind}.name`),
      number: c.number,
    });
    return c.title ? `${base} · ${c.title}` : base;
  };
}

export function CycleProgress({ done, total }: { done: number; total: number }) {
  const { t } = useTranslation();
  const pct = total ? Math.round((done / total) * 100) : 0;
  return (
    <div>
      <div className="flex items-center justify-between text-xs text-slate-600">
        <span>{t("loops.progress", { done, total })}</span>
        <span className="tabular-nums">{pct}%</span>
      </div>
      <div className="mt-1 h-2 overflow-hidden rounded-full bg-slate-100" role="progressbar" aria-valuenow={pct} aria-valuemin={0} aria-valuemax={100}>
        <div className="h-full rounded-full bg-brand-600" style={{ width: `${pct}%` }} />
      </div>
    </div>
  );
}

/** The steps of a loop kind, each with its short explanation from seed 004. */
export function LoopStepList({ kind }: { kind: LoopKind }) {
  const { t } = useTranslation();
  return (
    <ol className="space-y-2">
      {LOOP_STEPS[kind].map((s) => (
        <li key={s.key} className="flex gap-2 text-sm leading-6">
          <span className="font-semibold text-brand-700" aria-hidden>
            {STEP_MARKS[s.number - 1]}
          </span>
          <span>
            <span className="font-medium text-slate-900">{t(`loops.steps.${kind}.${s.key}.title`)}</span>
            <span className="text-slate-600"> — {t(`loops.steps.${kind}.${s.key}.explain`)}</span>
          </span>
        </li>
      ))}
    </ol>
  );
}

const MOVE_TONE: Record<KpiMove, BadgeTone> = {
  improved: "success",
  worsened: "danger",
  unchanged: "neutral",
  unknown: "neutral",
};

export function MoveBadge({ move }: { move: KpiMove }) {
  const { t } = useTranslation();
  return <Badge tone={MOVE_TONE[move]}>{t(`loops.moves.${move}`)}</Badge>;
}

/** Each KPI of a closed cycle: before (latest before the cycle, or the baseline), after, the change and whether it moved the right way. */
export function ResultTable({ kpis }: { kpis: CycleKpiResult[] }) {
  const { t } = useTranslation();
  if (kpis.length === 0) return <p className="text-sm text-slate-600">{t("loops.result.noKpis")}</p>;
  return (
    <div className="-mx-1 overflow-x-auto px-1">
      <table className="w-full min-w-[32rem] text-sm" data-testid="cycle-result">
        <thead>
          <tr className="text-left text-xs text-slate-600">
            <th scope="col" className="py-1.5 pr-3 font-medium">
              {t("loops.result.kpi")}
            </th>
            <th scope="col" className="px-2 py-1.5 text-right font-medium">
              {t("loops.result.before")}
            </th>
            <th scope="col" className="px-2 py-1.5 text-right font-medium">
              {t("loops.result.after")}
            </th>
            <th scope="col" className="px-2 py-1.5 text-right font-medium">
              {t("loops.result.target")}
            </th>
            <th scope="col" className="py-1.5 pl-2 font-medium">
              {t("loops.result.move")}
            </th>
          </tr>
        </thead>
        <tbody>
          {kpis.map((k) => (
            <tr key={k.kpiId} className="border-t border-slate-100">
              <th scope="row" className="py-2 pr-3 text-left font-normal text-slate-900">
                {k.name}
                <span className="ml-1.5 text-xs text-slate-500">
                  {t(`loops.kpiKinds.${k.kind}`)} · {t(`loops.directions.${k.direction}`)}
                </span>
              </th>
              <td className="px-2 py-2 text-right tabular-nums text-slate-700">
                {k.before ? formatValue(k.before.value, k.unit, t) : "—"}
                <div className="text-[11px] text-slate-500">
                  {k.before ? (k.before.baseline ? t("loops.result.baseline") : k.before.on) : t("loops.result.noBefore")}
                </div>
              </td>
              <td className="px-2 py-2 text-right tabular-nums font-medium text-slate-900">
                {formatValue(k.after.value, k.unit, t)}
                <div className="text-[11px] font-normal text-slate-500">{k.after.on}</div>
              </td>
              <td className="px-2 py-2 text-right tabular-nums text-slate-600">{formatValue(k.target, k.unit, t)}</td>
              <td className="py-2 pl-2">
                <MoveBadge move={k.move} />
                {k.delta !== null ? (
                  <span className="ml-1.5 text-xs tabular-nums text-slate-600">
                    {k.delta > 0 ? "+" : ""}
                    {formatValue(k.delta)}
                  </span>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
