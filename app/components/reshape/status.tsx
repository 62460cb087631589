/** An initiative's status as a badge, and the state bar idea → approved → in progress → done (dropped aside). */
import { useTranslation } from "~/i18n/react";
import { STATUS_PATH, type InitiativeStatus } from "../../models/initiative";
import { Badge, cn, type BadgeTone } from "../ui";
import { CheckIcon } from "../ui/icons";

export const STATUS_TONE: Record<InitiativeStatus, BadgeTone> = {
  idea: "neutral",
  approved: "brand",
  in_progress: "violet",
  done: "success",
  dropped: "danger",
};

export function StatusBadge({ status }: { status: InitiativeStatus }) {
  const { t } = useTranslation();
  return (
    <Badge tone={STATUS_TONE[status]} data-status={status}>
      {t(`initiatives.statuses.${status}`)}
    </Badge>
  );
}

export function StateBar({ status }: { status: InitiativeStatus }) {
  const { t } = useTranslation();
  const dropped = status === "dropped";
  const at = STATUS_PATH.indexOf(status as (typeof STATUS_PATH)[number]);
  return (
    <div>
      <ol className="flex w-full items-center" aria-label={t("initiatives.stateBar.label")} data-testid="state-bar">
        {STATUS_PATH.map((s, i) => {
          const done = !dropped && i < at;
          const current = !dropped && i === at;
          return (
            <li key={s} className={cn("flex items-center", i < STATUS_PATH.length - 1 && "flex-1")} aria-current={current ? "step" : undefined}>
              <div className="flex flex-col items-center gap-1.5">
                <span
                  className={cn(
                    "flex h-8 w-8 items-center justify-center rounded-full border-2 text-sm font-semibold",
                    done && "border-emerald-600 bg-emerald-600 text-white",
                    current && (s === "done" ? "border-emerald-600 bg-emerald-600 text-white" : "border-brand-600 bg-brand-600 text-white"),
                    !done && !current && "border-slate-300 bg-white text-slate-400",
                  )}
                >
                  {done || (current && s === "done") ? <CheckIcon className="h-4 w-4" /> : i + 1}
                </span>
                <span className={cn("whitespace-nowrap text-xs", current ? "font-semibold text-slate-900" : "text-slate-600")}>
                  {t(`initiatives.statuses.${s}`)}
                </span>
              </div>
              {i < STATUS_PATH.length - 1 ? (
                <span className={cn("mx-2 mb-5 h-0.5 flex-1 rounded", done ? "bg-emerald-500" : "bg-slate-200")} aria-hidden />
              ) : null}
            </li>
          );
        })}
      </ol>
      {dropped ? (
        <p className="mt-3 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800" role="status">
          {t("initiatives.stateBar.dropped")}
        </p>
      ) : null}
    </div>
  );
}
