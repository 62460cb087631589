/**
 * Quick wins: seed 004's guidance (start with customer service, small scope, results within weeks,
 * behavioural psychology), the board by status, and the warnings of one quick win.
 */
import { Link } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { STATUS_PATH, type InitiativeLever, type InitiativeStatus, type InitiativeWarning } from "../../models/initiative";
import { formatDate } from "../../utils/format";
import { Alert, Badge } from "../ui";
import { STATUS_TONE } from "./status";

export interface QuickWinCard {
  id: string;
  title: string;
  lever: InitiativeLever;
  leverCustom: string | null;
  status: InitiativeStatus;
  owner: { id: string; name: string } | null;
  dueDate: string | null;
  painPoints: { title: string }[];
  warnings: InitiativeWarning[];
}

export function QuickWinGuidance({ compact = false }: { compact?: boolean }) {
  const { t } = useTranslation();
  const tips = ["service", "scope", "weeks", "psychology"] as const;
  return (
    <aside className="rounded-lg border border-amber-200 bg-amber-50/70 px-5 py-4" aria-labelledby="qw-guidance">
      <h3 id="qw-guidance" className="text-sm font-semibold text-amber-950">
        {t("initiatives.guidance.title")}
      </h3>
      <ul className={compact ? "mt-2 space-y-1.5" : "mt-2 grid gap-x-6 gap-y-1.5 sm:grid-cols-2"}>
        {tips.map((k) => (
          <li key={k} className="flex gap-2 text-sm leading-6 text-amber-950">
            <span className="mt-2.5 h-1.5 w-1.5 shrink-0 rounded-full bg-amber-500" aria-hidden />
            {t(`initiatives.guidance.${k}`)}
          </li>
        ))}
      </ul>
      <p className="mt-2 text-xs text-amber-900/80">{t("initiatives.guidance.source")}</p>
    </aside>
  );
}

export function leverLabel(t: (k: string) => string, lever: InitiativeLever, custom: string | null): string {
  return lever === "custom" && custom ? custom : t(`initiatives.levers.${lever}.name`);
}

export function QuickWinWarnings({ warnings }: { warnings: InitiativeWarning[] }) {
  const { t } = useTranslation();
  if (warnings.length === 0) return null;
  return (
    <Alert tone="warning" title={t("initiatives.warnings.title")}>
      <ul className="list-disc space-y-0.5 pl-5" data-testid="quick-win-warnings">
        {warnings.map((w) => (
          <li key={w.key}>{t(`initiatives.warnings.${w.key}`, w.vars)}</li>
        ))}
      </ul>
    </Alert>
  );
}

function BoardCard({ programId, win }: { programId: string; win: QuickWinCard }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as "en" | "zh-CN";
  return (
    <li>
      <Link
        to={`/programs/${programId}/reshape/quick-wins/${win.id}`}
        className="block rounded-md border border-slate-200 bg-white p-3 shadow-sm transition hover:border-brand-300 hover:shadow"
        data-testid="quick-win-card"
      >
        <div className="text-sm font-medium leading-5 text-slate-900">{win.title}</div>
        <div className="mt-2 flex flex-wrap items-center gap-1.5">
          <Badge tone="brand">{leverLabel(t, win.lever, win.leverCustom)}</Badge>
          {win.warnings.length > 0 ? (
            <Badge tone="warning" title={win.warnings.map((w) => String(t(`initiatives.warnings.${w.key}`, w.vars))).join(" ")}>
              {t("initiatives.board.warningCount", { count: win.warnings.length })}
            </Badge>
          ) : null}
        </div>
        <dl className="mt-2 space-y-0.5 text-xs text-slate-600">
          {win.owner ? (
            <div className="flex gap-1">
              <dt>{t("initiatives.fields.owner")}:</dt>
              <dd className="font-medium text-slate-700">{win.owner.name}</dd>
            </div>
          ) : null}
          {win.dueDate ? (
            <div className="flex gap-1">
              <dt>{t("initiatives.fields.dueDate")}:</dt>
              <dd>{formatDate(`${win.dueDate}T12:00:00+08:00`, locale)}</dd>
            </div>
          ) : null}
          <div className="flex gap-1">
            <dt className="sr-only">{t("initiatives.fields.painPoints")}</dt>
            <dd>{t("initiatives.board.painPoints", { count: win.painPoints.length })}</dd>
          </div>
        </dl>
      </Link>
    </li>
  );
}

/** The quick wins by status: a column per step of the happy path; dropped ones listed under the board. */
export function QuickWinBoard({ programId, wins }: { programId: string; wins: QuickWinCard[] }) {
  const { t } = useTranslation();
  const dropped = wins.filter((w) => w.status === "dropped");
  return (
    <div>
      <div className="grid grid-cols-1 gap-3 md:grid-cols-2 xl:grid-cols-4" data-testid="quick-win-board">
        {STATUS_PATH.map((s) => {
          const list = wins.filter((w) => w.status === s);
          return (
            <section key={s} className="rounded-lg bg-slate-100/80 p-3" aria-labelledby={`col-${s}`} data-column={s}>
              <h3 id={`col-${s}`} className="mb-2 flex items-center justify-between text-sm font-semibold text-slate-800">
                <span className="flex items-center gap-2">
                  <span className={`h-2 w-2 rounded-full ${DOT[STATUS_TONE[s]]}`} aria-hidden />
                  {t(`initiatives.statuses.${s}`)}
                </span>
                <span className="rounded-full bg-white px-2 text-xs font-medium text-slate-600">{list.length}</span>
              </h3>
              {list.length === 0 ? (
                <p className="px-1 py-3 text-xs text-slate-500">{t("initiatives.board.emptyColumn")}</p>
              ) : (
                <ul className="space-y-2">
                  {list.map((w) => (
                    <BoardCard key={w.id} programId={programId} win={w} />
                  ))}
                </ul>
              )}
            </section>
          );
        })}
      </div>
      {dropped.length > 0 ? (
        <details className="mt-3 text-sm">
          <summary className="cursor-pointer text-slate-600">{t("initiatives.board.dropped", { count: dropped.length })}</summary>
          <ul className="mt-2 space-y-1 pl-4">
            {dropped.map((w) => (
              <li key={w.id}>
                <Link to={`/programs/${programId}/reshape/quick-wins/${w.id}`} className="text-slate-700 hover:underline">
                  {w.title}
                </Link>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}

const DOT: Record<string, string> = {
  neutral: "bg-slate-400",
  brand: "bg-brand-600",
  violet: "bg-violet-600",
  success: "bg-emerald-600",
  danger: "bg-red-600",
};
