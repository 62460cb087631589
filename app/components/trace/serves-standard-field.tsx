/**
 * "Serves standard": the select of the latest published vision's quality standards on the
 * initiative and KPI forms, so a KPI or an initiative traces back to the vision it serves.
 */
import { useTranslation } from "~/i18n/react";
import { Field, Select } from "../ui";

/** The select (name `standardKey`); "" means none. */
export function ServesStandardField({ standards, defaultValue, error }: { standards: { key: string; title: string }[]; defaultValue: string; error?: string }) {
  const { t } = useTranslation();
  // A key the latest version no longer has is still offered, so saving keeps it.
  const missing = defaultValue && !standards.some((s) => s.key === defaultValue);
  return (
    <Field label={t("trace.servesStandard")} hint={standards.length ? t("trace.servesStandardHint") : t("trace.noPublishedStandards")} optionalLabel={t("ui.optional")} error={error}>
      <Select name="standardKey" defaultValue={defaultValue} data-testid="standard-select">
        <option value="">{t("trace.noStandard")}</option>
        {missing ? <option value={defaultValue}>{t("trace.retiredStandard")}</option> : null}
        {standards.map((s) => (
          <option key={s.key} value={s.key}>
            {s.title}
          </option>
        ))}
      </Select>
    </Field>
  );
}
