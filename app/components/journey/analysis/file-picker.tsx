/** A file chooser in the app's language (the browser's own "Choose File / No file chosen" is not translated). */
import { forwardRef, useState } from "react";
import { useTranslation } from "~/i18n/react";
import { cn } from "~/components/ui";

export const FilePicker = forwardRef<HTMLInputElement, { label: string; accept?: string; testId?: string; className?: string }>(function FilePicker(
  { label, accept, testId, className },
  ref,
) {
  const { t } = useTranslation();
  const [name, setName] = useState<string | null>(null);
  return (
    <label className={cn("flex cursor-pointer items-center gap-3 rounded-md border border-dashed border-slate-300 bg-slate-50 px-3 py-2 text-sm hover:border-brand-400 hover:bg-brand-50", className)}>
      <span className="shrink-0 rounded-md border border-slate-300 bg-white px-3 py-1 font-medium text-slate-800 shadow-sm">{label}</span>
      <span className={cn("min-w-0 truncate", name ? "text-slate-800" : "text-slate-500")}>{name ?? t("evidence.library.noFile")}</span>
      <input
        ref={ref}
        type="file"
        accept={accept}
        data-testid={testId}
        className="sr-only"
        onChange={(e) => setName(e.target.files?.[0]?.name ?? null)}
      />
    </label>
  );
});
