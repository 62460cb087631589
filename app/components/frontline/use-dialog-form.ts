/**
 * A form in a dialog that posts through a fetcher: the dialog stays open with the field errors
 * (in the user's language, from the action's JSON error) and closes once the action answers ok.
 */
import { useFetcher } from "@remix-run/react";
import { useEffect, useState } from "react";
import { isApiErrorBody } from "~/utils/http";

export function isOkBody(value: unknown): value is { ok: true } {
  return typeof value === "object" && value !== null && (value as { ok?: unknown }).ok === true;
}

export function useDialogForm() {
  const fetcher = useFetcher<unknown>();
  const [open, setOpen] = useState(false);
  // Errors belong to the last submission made since the dialog opened.
  const [submitted, setSubmitted] = useState(false);
  const data = submitted ? fetcher.data : undefined;
  useEffect(() => {
    if (fetcher.state === "idle" && submitted && isOkBody(fetcher.data)) {
      setOpen(false);
      setSubmitted(false);
    }
  }, [fetcher.state, fetcher.data, submitted]);
  return {
    fetcher,
    open,
    setOpen: (next: boolean) => {
      setOpen(next);
      if (next) setSubmitted(false);
    },
    onSubmit: () => setSubmitted(true),
    busy: fetcher.state !== "idle",
    fields: isApiErrorBody(data) ? (data.error.fields ?? {}) : ({} as Record<string, string>),
    formError: isApiErrorBody(data) && !data.error.fields ? data.error.message : null,
  };
}

/** The first error among a list field's entries (`doExamples`, `doExamples.3`, …). */
export function listError(fields: Record<string, string>, name: string): string | undefined {
  return fields[name] ?? Object.entries(fields).find(([k]) => k.startsWith(`${name}.`))?.[1];
}
