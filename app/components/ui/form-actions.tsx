import { Link } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { Button, buttonClasses } from "./button";

/**
 * A form's closing row: cancel (a link back, or a button that closes the dialog the form is in)
 * and the submit button; stacked on phones.
 */
export function FormActions({
  cancelTo,
  onCancel,
  submitLabel,
  busy,
}: { submitLabel: string; busy?: boolean } & ({ cancelTo: string; onCancel?: never } | { onCancel: () => void; cancelTo?: never })) {
  const { t } = useTranslation();
  return (
    <div className="flex flex-col-reverse gap-2 pt-2 sm:flex-row sm:justify-end">
      {cancelTo !== undefined ? (
        <Link to={cancelTo} className={buttonClasses("ghost")}>
          {t("ui.cancel")}
        </Link>
      ) : (
        <Button type="button" variant="ghost" onClick={onCancel}>
          {t("ui.cancel")}
        </Button>
      )}
      <Button type="submit" busy={busy}>
        {submitLabel}
      </Button>
    </div>
  );
}
