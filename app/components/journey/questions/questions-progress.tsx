/** "4 of 6 answered" with a bar, for the key questions of a map. */
import { useTranslation } from "~/i18n/react";

export function QuestionsProgress({ answered, total }: { answered: number | null; total: number }) {
  const { t } = useTranslation();
  const done = answered ?? 0;
  return (
    <div className="w-full shrink-0 space-y-1 sm:w-56" data-testid="questions-progress" data-answered={answered ?? ""}>
      <p className="text-right text-sm font-medium text-slate-800">
        {answered === null ? "\u00a0" : t("painPoints.questions.progress", { count: done, total })}
      </p>
      <div
        className="h-2 overflow-hidden rounded-full bg-slate-100"
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={done}
        aria-label={t("painPoints.questions.progress", { count: done, total })}
      >
        <div className="h-full rounded-full bg-emerald-500 transition-[width]" style={{ width: `${(done / total) * 100}%` }} />
      </div>
    </div>
  );
}
