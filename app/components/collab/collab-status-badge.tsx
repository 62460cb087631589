import { useTranslation } from "~/i18n/react";
import { Badge } from "~/components/ui";
import type { CollabStatus } from "~/collab/use-collab-doc";

/** Connecting / synced / offline with N unsynced changes. */
export function CollabStatusBadge({ status, unsynced }: { status: CollabStatus; unsynced: number }) {
  const { t } = useTranslation();
  const tone = status === "synced" ? (unsynced > 0 ? "warning" : "success") : status === "offline" ? "danger" : "warning";
  const label =
    status === "offline"
      ? t("collab.status.offline", { count: unsynced })
      : status === "connecting"
        ? t("collab.status.connecting")
        : unsynced > 0
          ? t("collab.status.saving", { count: unsynced })
          : t("collab.status.synced");
  return (
    <Badge tone={tone} data-testid="collab-status" data-status={status} data-unsynced={unsynced} aria-live="polite">
      <span
        aria-hidden
        className={`h-1.5 w-1.5 rounded-full ${status === "synced" ? (unsynced > 0 ? "bg-amber-500" : "bg-emerald-500") : status === "offline" ? "bg-red-500" : "animate-pulse bg-amber-500"}`}
      />
      {label}
    </Badge>
  );
}
