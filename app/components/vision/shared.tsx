/** Small pieces shared by the vision workshop components: action errors, a ticking clock, mm:ss. */
import { useEffect, useState } from "react";
import type * as Y from "yjs";

export type ActionData = { ok?: boolean; error?: { message: string; fields?: Record<string, string> } };

export function ErrorLine({ data, className }: { data: ActionData | undefined; className?: string }) {
  if (!data?.error) return null;
  const fields = Object.values(data.error.fields ?? {});
  return (
    <p className={`text-sm text-red-700 ${className ?? ""}`} role="alert" data-testid="action-error">
      {fields.length ? fields.join(" ") : data.error.message}
    </p>
  );
}

/** The current time, re-rendered every `ms`. */
export function useNow(ms = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(id);
  }, [ms]);
  return now;
}

export function formatMs(ms: number): string {
  const s = Math.ceil(ms / 1000);
  return `${String(Math.floor(s / 60)).padStart(2, "0")}:${String(s % 60).padStart(2, "0")}`;
}

/** Re-reads a Y.Doc on every change. */
export function useDocValue<T>(doc: Y.Doc | null, read: (doc: Y.Doc) => T, fallback: T): T {
  const [value, setValue] = useState<T>(() => (doc ? read(doc) : fallback));
  useEffect(() => {
    if (!doc) return;
    const update = () => setValue(read(doc));
    update();
    doc.on("update", update);
    return () => doc.off("update", update);
    // `read` is a module-level function in every caller.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [doc]);
  return value;
}
