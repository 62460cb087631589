/**
 * The KPI form (create and edit): template-filled or custom — name, kind, unit, direction,
 * cadence, baseline, target, alert threshold, owner, the journey map and touchpoint it measures,
 * the initiatives it tracks, and how it is computed. The template's formula is shown beside it.
 */
import { Form, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "~/i18n/react";
import {
  isKnownUnit,
  KPI_CADENCES,
  KPI_DIRECTIONS,
  KPI_KINDS,
  KPI_NAME_MAX_CHARS,
  KPI_TEXT_MAX_CHARS,
  KPI_UNIT_MAX_CHARS,
  KPI_UNITS,
  type KpiCadence,
  type KpiDirection,
  type KpiKind,
  type KpiTemplateKey,
} from "~/models/kpi";
import { Alert, Field, Input, Select, Textarea } from "../ui";
import { FormActions } from "../ui/form-actions";
import { ServesStandardField } from "../trace/serves-standard-field";

export interface KpiFormValues {
  template: KpiTemplateKey | null;
  name: string;
  kind: KpiKind;
  unit: string;
  direction: KpiDirection;
  cadence: KpiCadence;
  baseline: string;
  target: string;
  alertThreshold: string;
  ownerId: string;
  journeyMapId: string;
  touchpointId: string;
  initiativeIds: string[];
  description: string;
  /** The published quality standard it serves ("" for none). */
  standardKey?: string;
}

export interface KpiFormOptions {
  owners: { id: string; name: string; role: string }[];
  maps: { id: string; name: string; touchpoints: { id: string; text: string }[] }[];
  initiatives: { id: string; title: string; kind: string; status: string }[];
  /** The latest published vision's quality standards ("Serves standard"). */
  standards?: { key: string; title: string }[];
}

export function KpiForm({
  defaults,
  options,
  fields,
  submitLabel,
  cancelTo,
  intent,
}: {
  defaults: KpiFormValues;
  options: KpiFormOptions;
  fields: Record<string, string>;
  submitLabel: string;
  cancelTo: string;
  intent: string;
}) {
  const { t } = useTranslation();
  const nav = useNavigation();
  const [unitChoice, setUnitChoice] = useState(isKnownUnit(defaults.unit) ? defaults.unit : "custom");
  const [unitCustom, setUnitCustom] = useState(isKnownUnit(defaults.unit) ? "" : defaults.unit);
  const [mapId, setMapId] = useState(defaults.journeyMapId);
  const [direction, setDirection] = useState(defaults.direction);
  const touchpoints = options.maps.find((m) => m.id === mapId)?.touchpoints ?? [];
  const picked = new Set(defaults.initiativeIds);
  const busy = nav.state === "submitting" && nav.formData?.get("intent") === intent;
  // Beside the unit, or on a row of its own when the custom unit's field takes that place.
  const cadenceField = (
    <Field label={t("kpis.fields.cadence")} error={fields.cadence}>
      <Select name="cadence" defaultValue={defaults.cadence}>
        {KPI_CADENCES.map((c) => (
          <option key={c} value={c}>
            {t(`kpis.cadences.${c}`)}
          </option>
        ))}
      </Select>
    </Field>
  );
  return (
    <Form method="post" noValidate className="space-y-5" data-testid="kpi-form">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="template" value={defaults.template ?? ""} />
      <input type="hidden" name="unit" value={unitChoice === "custom" ? unitCustom : unitChoice} />
      {defaults.template ? (
        <Alert tone="info" title={t("kpis.form.fromTemplate", { name: t(`kpis.templates.${defaults.template}.name`) })}>
          <p>{t(`kpis.templates.${defaults.template}.formula`)}</p>
          <p className="mt-1 text-xs">{t(`kpis.templates.${defaults.template}.reading`)}</p>
        </Alert>
      ) : null}
      <Field label={t("kpis.fields.name")} error={fields.name}>
        <Input name="name" defaultValue={defaults.name} maxLength={KPI_NAME_MAX_CHARS} required />
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label={t("kpis.fields.kind")} hint={t("kpis.fields.kindHint")} error={fields.kind}>
          <Select name="kind" defaultValue={defaults.kind}>
            {KPI_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`kpis.kinds.${k}`)}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t("kpis.fields.direction")} error={fields.direction}>
          <Select name="direction" value={direction} onChange={(e) => setDirection(e.target.value as KpiDirection)}>
            {KPI_DIRECTIONS.map((d) => (
              <option key={d} value={d}>
                {t(`kpis.directions.${d}`)}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t("kpis.fields.unit")} error={unitChoice === "custom" ? undefined : fields.unit}>
          <Select name="unitChoice" value={unitChoice} onChange={(e) => setUnitChoice(e.target.value)}>
            {KPI_UNITS.map((u) => (
              <option key={u} value={u}>
                {t(`kpis.unitNames.${u}`)}
              </option>
            ))}
            <option value="custom">{t("kpis.fields.unitCustom")}</option>
          </Select>
        </Field>
        {unitChoice === "custom" ? (
          <Field label={t("kpis.fields.unitCustomLabel")} hint={t("kpis.fields.unitCustomHint")} error={fields.unit}>
            <Input value={unitCustom} onChange={(e) => setUnitCustom(e.target.value)} maxLength={KPI_UNIT_MAX_CHARS} />
          </Field>
        ) : (
          cadenceField
        )}
        {unitChoice === "custom" ? cadenceField : null}
      </div>
      <div className="grid gap-4 sm:grid-cols-3">
        <Field label={t("kpis.fields.baseline")} hint={t("kpis.fields.baselineHint")} error={fields.baseline}>
          <Input name="baseline" inputMode="decimal" defaultValue={defaults.baseline} />
        </Field>
        <Field label={t("kpis.fields.target")} error={fields.target}>
          <Input name="target" inputMode="decimal" defaultValue={defaults.target} />
        </Field>
        <Field label={t("kpis.fields.alertThreshold")} hint={t(`kpis.fields.alertHint_${direction}`)} error={fields.alertThreshold}>
          <Input name="alertThreshold" inputMode="decimal" defaultValue={defaults.alertThreshold} />
        </Field>
      </div>
      <div className="grid gap-4 sm:grid-cols-3">
        <Field label={t("kpis.fields.owner")} error={fields.ownerId}>
          <Select name="ownerId" defaultValue={defaults.ownerId}>
            <option value="">{t("kpis.fields.noOwner")}</option>
            {options.owners.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t("kpis.fields.journeyMap")} error={fields.journeyMapId}>
          <Select name="journeyMapId" value={mapId} onChange={(e) => setMapId(e.target.value)}>
            <option value="">{t("kpis.fields.noMap")}</option>
            {options.maps.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t("kpis.fields.touchpoint")} error={fields.touchpointId}>
          <Select name="touchpointId" defaultValue={defaults.touchpointId} disabled={!mapId} key={mapId}>
            <option value="">{t("kpis.fields.noTouchpoint")}</option>
            {touchpoints.map((tp) => (
              <option key={tp.id} value={tp.id}>
                {tp.text}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      {options.standards ? <ServesStandardField standards={options.standards} defaultValue={defaults.standardKey ?? ""} error={fields.standardKey} /> : null}
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-800">{t("kpis.fields.initiatives")}</legend>
        <p className="text-xs text-slate-600">{t("kpis.fields.initiativesHint")}</p>
        {options.initiatives.length === 0 ? (
          <p className="text-sm text-slate-500">{t("kpis.fields.noInitiatives")}</p>
        ) : (
          <ul className="grid max-h-56 gap-1 overflow-y-auto rounded-md border border-slate-200 p-2 sm:grid-cols-2">
            {options.initiatives.map((i) => (
              <li key={i.id}>
                <label className="flex cursor-pointer items-start gap-2 rounded px-1.5 py-1 text-sm hover:bg-slate-50">
                  <input type="checkbox" name="initiativeId" value={i.id} defaultChecked={picked.has(i.id)} className="mt-1 rounded border-slate-300" />
                  <span>{i.title}</span>
                </label>
              </li>
            ))}
          </ul>
        )}
        {fields.initiativeIds ? (
          <p className="text-sm text-red-700" role="alert">
            {fields.initiativeIds}
          </p>
        ) : null}
      </fieldset>
      <Field label={t("kpis.fields.description")} hint={t("kpis.fields.descriptionHint")} error={fields.description}>
        <Textarea name="description" defaultValue={defaults.description} maxLength={KPI_TEXT_MAX_CHARS} rows={3} />
      </Field>
      <FormActions cancelTo={cancelTo} submitLabel={submitLabel} busy={busy} />
    </Form>
  );
}
