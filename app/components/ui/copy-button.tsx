/** Copies text to the clipboard and says so (visibly and to screen readers). Falls back to selecting a field. */
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "~/i18n/react";
import { Button, type ButtonProps } from "./button";
import { CheckIcon, CopyIcon } from "./icons";

export function CopyButton({
  value,
  label,
  fallbackInputId,
  ...rest
}: Omit<ButtonProps, "onClick" | "value"> & { value: string; label?: string; fallbackInputId?: string }) {
  const { t } = useTranslation();
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  const timer = useRef<ReturnType<typeof setTimeout>>();
  useEffect(() => () => clearTimeout(timer.current), []);

  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setState("copied");
    } catch {
      const input = fallbackInputId ? (document.getElementById(fallbackInputId) as HTMLInputElement | null) : null;
      input?.select();
      setState("failed");
    }
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setState("idle"), 2500);
  }

  return (
    <Button variant="secondary" onClick={copy} {...rest}>
      {state === "copied" ? <CheckIcon className="h-4 w-4 text-emerald-700" /> : <CopyIcon className="h-4 w-4" />}
      <span aria-live="polite">
        {state === "copied" ? t("ui.copied") : state === "failed" ? t("ui.copyFailed") : (label ?? t("ui.copy"))}
      </span>
    </Button>
  );
}
