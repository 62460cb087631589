import { Link } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { Button, buttonClasses } from "./button";

/** A form's closing row: cancel (a link back) and the submit button; stacked on phones. */
export function FormActions({ cancelTo, submitLabel, busy }: { cancelTo: string; submitLabel: string; busy?: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="flex flex-col-reverse gap-2 pt-2 sm:flex-row sm:justify-end">
      <Link to={cancelTo} className={buttonClasses("ghost")}>
        {t("ui.cancel")}
      </Link>
      <Button type="submit" busy={busy}>
        {submitLabel}
      </Button>
    </div>
  );
}
