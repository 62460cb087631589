import { AlertIcon, CheckCircleIcon, InfoIcon } from "./icons";
import { cn } from "./cn";

export type AlertTone = "info" | "success" | "warning" | "danger";

const TONES: Record<AlertTone, { box: string; icon: string }> = {
  info: { box: "border-brand-200 bg-brand-50 text-brand-950", icon: "text-brand-700" },
  success: { box: "border-emerald-200 bg-emerald-50 text-emerald-950", icon: "text-emerald-700" },
  warning: { box: "border-amber-200 bg-amber-50 text-amber-950", icon: "text-amber-700" },
  danger: { box: "border-red-200 bg-red-50 text-red-950", icon: "text-red-700" },
};

/** A notice. Danger and warning notices are announced by screen readers (role=alert), others politely. */
export function Alert({
  tone = "info",
  title,
  children,
  className,
  actions,
}: {
  tone?: AlertTone;
  title?: React.ReactNode;
  children?: React.ReactNode;
  className?: string;
  actions?: React.ReactNode;
}) {
  const Icon = tone === "success" ? CheckCircleIcon : tone === "info" ? InfoIcon : AlertIcon;
  return (
    <div
      role={tone === "danger" || tone === "warning" ? "alert" : "status"}
      className={cn("flex gap-3 rounded-lg border px-4 py-3 text-sm", TONES[tone].box, className)}
    >
      <Icon className={cn("mt-0.5 h-5 w-5 shrink-0", TONES[tone].icon)} />
      <div className="min-w-0 flex-1 leading-6">
        {title ? <p className="font-semibold">{title}</p> : null}
        {children ? <div className={title ? "mt-0.5" : undefined}>{children}</div> : null}
        {actions ? <div className="mt-3 flex flex-wrap gap-2">{actions}</div> : null}
      </div>
    </div>
  );
}
