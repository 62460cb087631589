/**
 * The quick-win form (create and edit): title, the pain points it addresses, the behavioural lever,
 * owner, expected result, dates and team size; the gentle warnings update as the user types
 * (the same rules the server applies when it shows the quick win).
 */
import { Form, useNavigation } from "@remix-run/react";
import { useMemo, useState } from "react";
import { useTranslation } from "~/i18n/react";
import {
  INITIATIVE_LEVERS,
  INITIATIVE_TEXT_MAX_CHARS,
  INITIATIVE_TITLE_MAX_CHARS,
  initiativeWarnings,
  LEVER_CUSTOM_MAX_CHARS,
  painPointRefValue,
  type InitiativeLever,
} from "../../models/initiative";
import { Field, Input, Select, Textarea } from "../ui";
import { FormActions } from "../ui/form-actions";
import { ServesStandardField } from "../trace/serves-standard-field";
import { QuickWinWarnings } from "./quick-wins";

export interface InitiativeFormValues {
  title: string;
  description: string;
  lever: InitiativeLever | "";
  leverCustom: string;
  ownerId: string;
  expectedResult: string;
  startDate: string;
  dueDate: string;
  teamSize: string;
  painPoints: string[];
  /** The published quality standard it serves ("" for none). */
  standardKey?: string;
}

export interface PainPointGroup {
  mapId: string;
  mapName: string;
  painPoints: { id: string; title: string; severity: number }[];
}

export function InitiativeForm({
  defaults,
  owners,
  painPointGroups,
  fields,
  submitLabel,
  cancelTo,
  intent,
  standards,
}: {
  defaults: InitiativeFormValues;
  /** The latest published vision's quality standards (the "Serves standard" select; hidden when undefined). */
  standards?: { key: string; title: string }[];
  owners: { id: string; name: string; role: string }[];
  painPointGroups: PainPointGroup[];
  fields: Record<string, string>;
  submitLabel: string;
  cancelTo: string;
  intent: string;
}) {
  const { t } = useTranslation();
  const nav = useNavigation();
  const [lever, setLever] = useState(defaults.lever);
  const [startDate, setStart] = useState(defaults.startDate);
  const [dueDate, setDue] = useState(defaults.dueDate);
  const [teamSize, setTeam] = useState(defaults.teamSize);
  const warnings = useMemo(
    () =>
      initiativeWarnings({
        kind: "quick_win",
        startDate: startDate || null,
        dueDate: dueDate || null,
        teamSize: teamSize && /^\d+$/.test(teamSize) ? Number(teamSize) : null,
      }),
    [startDate, dueDate, teamSize],
  );
  const picked = new Set(defaults.painPoints);
  return (
    <Form method="post" noValidate className="space-y-5" data-testid="initiative-form">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="kind" value="quick_win" />
      <Field label={t("initiatives.fields.title")} hint={t("initiatives.fields.titleHint")} error={fields.title}>
        <Input name="title" defaultValue={defaults.title} maxLength={INITIATIVE_TITLE_MAX_CHARS} required autoFocus />
      </Field>

      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-800">{t("initiatives.fields.painPoints")}</legend>
        <p className="text-xs text-slate-600">{t("initiatives.fields.painPointsHint")}</p>
        {painPointGroups.length === 0 ? (
          <p className="text-sm text-slate-500">{t("initiatives.fields.noPainPoints")}</p>
        ) : (
          <div className="max-h-72 space-y-3 overflow-y-auto rounded-md border border-slate-200 p-3">
            {painPointGroups.map((g) => (
              <div key={g.mapId}>
                <div className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">{g.mapName}</div>
                <ul className="grid gap-1 sm:grid-cols-2">
                  {g.painPoints.map((p) => {
                    const value = painPointRefValue({ mapId: g.mapId, painPointId: p.id });
                    return (
                      <li key={value}>
                        <label className="flex cursor-pointer items-start gap-2 rounded px-1.5 py-1 text-sm hover:bg-slate-50">
                          <input type="checkbox" name="painPoint" value={value} defaultChecked={picked.has(value)} className="mt-1 rounded border-slate-300" />
                          <span>
                            {p.title}
                            <span className="ml-1 text-xs text-slate-500">{t("reshape.pains.severity", { n: p.severity })}</span>
                          </span>
                        </label>
                      </li>
                    );
                  })}
                </ul>
              </div>
            ))}
          </div>
        )}
        {fields.painPoints ? (
          <p className="text-sm text-red-700" role="alert">
            {fields.painPoints}
          </p>
        ) : null}
      </fieldset>

      {standards ? <ServesStandardField standards={standards} defaultValue={defaults.standardKey ?? ""} error={fields.standardKey} /> : null}

      <div className="grid gap-4 sm:grid-cols-2">
        <Field label={t("initiatives.fields.lever")} hint={lever ? t(`initiatives.levers.${lever}.hint`) : t("initiatives.fields.leverHint")} error={fields.lever}>
          <Select name="lever" value={lever} onChange={(e) => setLever(e.target.value as InitiativeLever)} required>
            <option value="" disabled>
              {t("initiatives.fields.leverPick")}
            </option>
            {INITIATIVE_LEVERS.map((l) => (
              <option key={l} value={l}>
                {t(`initiatives.levers.${l}.name`)}
              </option>
            ))}
          </Select>
        </Field>
        {lever === "custom" ? (
          <Field label={t("initiatives.fields.leverCustom")} error={fields.leverCustom}>
            <Input name="leverCustom" defaultValue={defaults.leverCustom} maxLength={LEVER_CUSTOM_MAX_CHARS} />
          </Field>
        ) : (
          <div className="hidden sm:block" />
        )}
        <Field label={t("initiatives.fields.owner")} hint={t("initiatives.fields.ownerHint")} error={fields.ownerId}>
          <Select name="ownerId" defaultValue={defaults.ownerId} required>
            <option value="" disabled>
              {t("initiatives.fields.ownerPick")}
            </option>
            {owners.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name} · {t(`roles.program.${o.role}`)}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t("initiatives.fields.teamSize")} hint={t("initiatives.fields.teamSizeHint")} optionalLabel={t("ui.optional")} error={fields.teamSize}>
          <Input name="teamSize" type="number" min={1} max={500} inputMode="numeric" value={teamSize} onChange={(e) => setTeam(e.target.value)} />
        </Field>
        <Field label={t("initiatives.fields.startDate")} optionalLabel={t("ui.optional")} error={fields.startDate}>
          <Input name="startDate" type="date" value={startDate} onChange={(e) => setStart(e.target.value)} />
        </Field>
        <Field label={t("initiatives.fields.dueDate")} optionalLabel={t("ui.optional")} error={fields.dueDate}>
          <Input name="dueDate" type="date" value={dueDate} onChange={(e) => setDue(e.target.value)} />
        </Field>
      </div>
      <QuickWinWarnings warnings={warnings} />

      <Field label={t("initiatives.fields.expectedResult")} hint={t("initiatives.fields.expectedResultHint")} optionalLabel={t("ui.optional")} error={fields.expectedResult}>
        <Textarea name="expectedResult" rows={2} defaultValue={defaults.expectedResult} maxLength={INITIATIVE_TEXT_MAX_CHARS} />
      </Field>
      <Field label={t("initiatives.fields.description")} optionalLabel={t("ui.optional")} error={fields.description}>
        <Textarea name="description" rows={3} defaultValue={defaults.description} maxLength={INITIATIVE_TEXT_MAX_CHARS} />
      </Field>
      <FormActions cancelTo={cancelTo} submitLabel={submitLabel} busy={nav.state !== "idle"} />
    </Form>
  );
}
