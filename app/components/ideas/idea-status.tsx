/**
 * What became of an idea, on screen: a badge for its stage, and its progress trail — compact (a
 * segmented bar with the latest step in words, for lists and phones) or full (a vertical timeline
 * with each step's detail and date, for the idea page).
 */
import { useTranslation } from "~/i18n/react";
import { Badge, cn, type BadgeTone } from "~/components/ui";
import { CheckIcon } from "~/components/ui/icons";
import type { IdeaStage, IdeaStatus, TrailStep } from "~/models/ideas";
import { formatDate } from "~/utils/format";
import { useLocale } from "~/utils/root-data";

const STAGE_TONE: Record<IdeaStage, BadgeTone> = {
  new: "warning",
  triaged: "brand",
  in_initiative: "violet",
  done: "success",
  dismissed: "neutral",
};

export function IdeaStageBadge({ stage }: { stage: IdeaStage }) {
  const { t } = useTranslation();
  return (
    <Badge tone={STAGE_TONE[stage]} data-testid="idea-stage" data-stage={stage}>
      {t(`ideas.stages.${stage}`)}
    </Badge>
  );
}

/** One step of the trail in words: what happened (or is next), with the cycle, initiative or reason. */
function useStepText() {
  const { t } = useTranslation();
  return (step: TrailStep, status: IdeaStatus): { label: string; detail: string | null } => {
    const cycle = status.cycle
      ? String(t("loops.cycleName", { kind: t(`loops.kinds.${status.cycle.kind}.name`), number: status.cycle.number }))
      : "";
    const ini = status.initiative;
    switch (step.key) {
      case "submitted":
        return { label: String(t("ideas.trail.submitted")), detail: null };
      case "triaged":
        if (step.state === "upcoming") return { label: String(t("ideas.trail.triagedNext")), detail: null };
        if (step.state === "skipped") return { label: String(t("ideas.trail.triagedSkipped")), detail: null };
        return { label: String(t("ideas.trail.triaged", { cycle })), detail: status.cycle?.title || null };
      case "initiative":
        if (!ini) return { label: String(t("ideas.trail.initiativeNext")), detail: null };
        return {
          label: String(t("ideas.trail.initiative", { title: ini.title })),
          detail: String(t("ideas.trail.initiativeStatus", { status: t(`initiatives.statuses.${ini.status}`) })),
        };
      case "done":
        if (step.state === "skipped") return { label: String(t("ideas.trail.dropped")), detail: null };
        return { label: String(t(step.state === "upcoming" ? "ideas.trail.doneNext" : "ideas.trail.done")), detail: null };
      case "dismissed":
        return { label: String(t("ideas.trail.dismissed")), detail: status.reason ? String(t("ideas.trail.reason", { reason: status.reason })) : null };
    }
  };
}

const SEGMENT: Record<TrailStep["state"], string> = {
  complete: "bg-brand-600",
  current: "bg-brand-600",
  upcoming: "bg-slate-200",
  skipped: "bg-slate-300",
};

/** A segmented bar and the latest step in words. */
export function IdeaTrailCompact({ status }: { status: IdeaStatus }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const text = useStepText();
  const current = status.trail.find((s) => s.state === "current") ?? status.trail[0];
  const { label, detail } = text(current, status);
  const dismissed = status.stage === "dismissed";
  const done = status.stage === "done";
  return (
    <div data-testid="idea-trail" data-stage={status.stage}>
      <ol className="flex gap-1" aria-label={t("ideas.trail.label")}>
        {status.trail.map((s) => (
          <li
            key={s.key}
            className={cn("h-1.5 flex-1 rounded-full", dismissed && s.key === "dismissed" ? "bg-slate-400" : done ? "bg-emerald-500" : SEGMENT[s.state])}
          >
            <span className="sr-only">
              {text(s, status).label} · {t(`ideas.trail.states.${s.state}`)}
            </span>
          </li>
        ))}
      </ol>
      <p className="mt-1.5 text-xs leading-5 text-slate-700">
        <span className="font-medium text-slate-900">{label}</span>
        {detail ? <span className="text-slate-600"> · {detail}</span> : null}
        {current.at ? <span className="text-slate-500"> · {formatDate(current.at, locale)}</span> : null}
      </p>
    </div>
  );
}

/** Every step as a vertical timeline. */
export function IdeaTrail({ status }: { status: IdeaStatus }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const text = useStepText();
  return (
    <ol className="relative space-y-0" aria-label={t("ideas.trail.label")} data-testid="idea-trail-full" data-stage={status.stage}>
      {status.trail.map((s, i) => {
        const { label, detail } = text(s, status);
        const reached = s.state === "complete" || s.state === "current";
        const last = i === status.trail.length - 1;
        return (
          <li key={s.key} className="relative flex gap-3 pb-5 last:pb-0" data-state={s.state}>
            {!last ? (
              <span className={cn("absolute left-[11px] top-6 h-[calc(100%-1.25rem)] w-0.5", reached ? "bg-brand-200" : "bg-slate-200")} aria-hidden />
            ) : null}
            <span
              className={cn(
                "relative z-10 flex h-6 w-6 shrink-0 items-center justify-center rounded-full ring-2",
                s.state === "current" && "outline outline-4 outline-brand-100",
                s.state === "current" && s.key === "dismissed"
                  ? "bg-slate-500 text-white ring-slate-500"
                  : s.state === "current" && s.key === "done"
                    ? "bg-emerald-600 text-white ring-emerald-600"
                    : reached
                      ? "bg-brand-600 text-white ring-brand-600"
                      : s.state === "skipped"
                        ? "bg-white text-slate-400 ring-slate-300"
                        : "bg-white text-slate-400 ring-slate-200",
              )}
              aria-hidden
            >
              {reached ? <CheckIcon className="h-3.5 w-3.5" /> : <span className="h-1.5 w-1.5 rounded-full bg-current" />}
            </span>
            <div className="min-w-0 pt-0.5">
              <p className={cn("text-sm leading-5", reached ? "font-medium text-slate-900" : "text-slate-500", s.state === "skipped" && "line-through decoration-slate-300")}>
                {label}
                <span className="sr-only"> · {t(`ideas.trail.states.${s.state}`)}</span>
              </p>
              {detail ? <p className="mt-0.5 break-words text-sm leading-5 text-slate-600">{detail}</p> : null}
              {s.at ? <p className="mt-0.5 text-xs text-slate-500">{formatDate(s.at, locale)}</p> : null}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
