/**
 * The recognition catalogue form in a dialog (create and edit): the behaviour's name and
 * description, the guideline reviewers evaluate against, the reward (kind, text, value) and the
 * workshop that agreed on it — the day (not in the future), a note and who agreed, picked from the
 * program's members grouped by side (leadership, frontline, others). Posts through a fetcher.
 */
import { useState } from "react";
import { useTranslation } from "~/i18n/react";
import {
  AGREED_NOTE_MAX_CHARS,
  REWARD_KINDS,
  REWARD_TEXT_MAX_CHARS,
  TYPE_DESCRIPTION_MAX_CHARS,
  TYPE_NAME_MAX_CHARS,
  type RewardKind,
} from "~/models/recognition-catalogue";
import { Alert, Dialog, DialogContent, DialogTrigger, Field, Input, Select, Textarea } from "../ui";
import { FormActions } from "../ui/form-actions";
import { useDialogForm } from "./use-dialog-form";

export interface CatalogueOptions {
  guidelines: { id: string; title: string; standard: string }[];
  members: { id: string; name: string; role: string }[];
}

export interface RecognitionTypeFormValues {
  id?: string;
  name: string;
  description: string;
  guidelineId: string;
  /** Shown as an extra option when the type points at a guideline that has since been archived. */
  archivedGuideline?: { id: string; title: string };
  rewardKind: RewardKind | "";
  rewardText: string;
  rewardValue: string;
  agreedOn: string;
  agreedNote: string;
  agreedBy: string[];
}

const SIDES = [
  { key: "leadership", roles: ["owner", "leadership"] },
  { key: "frontline", roles: ["frontline"] },
  { key: "others", roles: ["project_team", "functional_rep", "viewer"] },
] as const;

function WhoAgreed({ members, initial, error }: { members: CatalogueOptions["members"]; initial: string[]; error?: string }) {
  const { t } = useTranslation();
  const picked = new Set(initial);
  return (
    <fieldset className="space-y-2" aria-describedby="agreed-by-hint" data-testid="agreed-by">
      <legend className="text-sm font-medium text-slate-800">{t("catalogue.fields.agreedBy")}</legend>
      <p id="agreed-by-hint" className="text-xs leading-5 text-slate-600">
        {t("catalogue.form.agreedByHint")}
      </p>
      <div className={error ? "rounded-md border border-red-500" : "rounded-md border border-slate-300"}>
        <div className="max-h-60 divide-y divide-slate-100 overflow-y-auto">
          {SIDES.map((side) => {
            const people = members.filter((m) => (side.roles as readonly string[]).includes(m.role));
            if (people.length === 0) return null;
            return (
              <div key={side.key} className="px-3 py-2">
                <p className="text-xs font-semibold uppercase tracking-wide text-slate-500">{t(`catalogue.sides.${side.key}`)}</p>
                <div className="mt-1 grid grid-cols-1 gap-x-4 gap-y-1 sm:grid-cols-2">
                  {people.map((m) => (
                    <label key={m.id} className="flex min-h-[2rem] items-center gap-2 text-sm text-slate-800">
                      <input type="checkbox" name="agreedBy" value={m.id} defaultChecked={picked.has(m.id)} className="h-4 w-4 rounded border-slate-300 text-brand-700" />
                      <span className="min-w-0 truncate">{m.name}</span>
                      <span className="shrink-0 text-xs text-slate-500">{t(`roles.program.${m.role}`)}</span>
                    </label>
                  ))}
                </div>
              </div>
            );
          })}
        </div>
      </div>
      {error ? (
        <p className="text-sm text-red-700" role="alert">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

export function RecognitionTypeDialog({
  mode,
  values,
  options,
  today,
  trigger,
}: {
  mode: "create" | "update";
  values: RecognitionTypeFormValues;
  options: CatalogueOptions;
  today: string;
  trigger: React.ReactElement;
}) {
  const { t } = useTranslation();
  const form = useDialogForm();
  const [kind, setKind] = useState(values.rewardKind);
  const f = form.fields;
  return (
    <Dialog open={form.open} onOpenChange={form.setOpen}>
      <DialogTrigger asChild>{trigger}</DialogTrigger>
      <DialogContent
        title={mode === "create" ? t("catalogue.form.createTitle") : t("catalogue.form.editTitle")}
        description={t("catalogue.form.description")}
        className="max-h-[calc(100dvh-2rem)] overflow-y-auto sm:max-w-xl"
      >
        <form.fetcher.Form method="post" className="space-y-5" noValidate onSubmit={form.onSubmit} data-testid="recognition-type-form">
          <input type="hidden" name="intent" value={mode} />
          {values.id ? <input type="hidden" name="id" value={values.id} /> : null}
          {form.formError ? <Alert tone="danger">{form.formError}</Alert> : null}
          <Field label={t("catalogue.fields.name")} hint={t("catalogue.form.nameHint")} error={f.name}>
            <Input name="name" defaultValue={values.name} required maxLength={TYPE_NAME_MAX_CHARS} />
          </Field>
          <Field label={t("catalogue.fields.description")} optionalLabel={t("ui.optional")} error={f.description}>
            <Textarea name="description" defaultValue={values.description} rows={3} maxLength={TYPE_DESCRIPTION_MAX_CHARS} />
          </Field>
          <Field label={t("catalogue.fields.guideline")} hint={t("catalogue.form.guidelineHint")} optionalLabel={t("ui.optional")} error={f.guidelineId}>
            <Select name="guidelineId" defaultValue={values.guidelineId}>
              <option value="">{t("catalogue.form.noGuideline")}</option>
              {options.guidelines.map((g) => (
                <option key={g.id} value={g.id}>
                  {g.standard ? `${g.title} · ${g.standard}` : g.title}
                </option>
              ))}
              {values.archivedGuideline ? (
                <option value={values.archivedGuideline.id}>{t("catalogue.form.archivedGuideline", { title: values.archivedGuideline.title })}</option>
              ) : null}
            </Select>
          </Field>

          <fieldset className="space-y-3 rounded-lg border border-slate-200 p-4">
            <legend className="px-1 text-sm font-semibold text-slate-900">{t("catalogue.form.rewardLegend")}</legend>
            <div className="grid grid-cols-1 gap-4 sm:grid-cols-[12rem_1fr]">
              <Field label={t("catalogue.fields.rewardKind")} error={f.rewardKind}>
                <Select name="rewardKind" value={kind} onChange={(e) => setKind(e.target.value as RewardKind)} required>
                  <option value="">{t("catalogue.form.chooseKind")}</option>
                  {REWARD_KINDS.map((k) => (
                    <option key={k} value={k}>
                      {t(`catalogue.rewardKinds.${k}`)}
                    </option>
                  ))}
                </Select>
              </Field>
              <Field label={t("catalogue.fields.rewardValue")} hint={t(`catalogue.form.valueHint.${kind || "none"}`)} error={f.rewardValue}>
                <Input name="rewardValue" type="number" inputMode="decimal" min={0} step="any" defaultValue={values.rewardValue} />
              </Field>
            </div>
            <Field label={t("catalogue.fields.rewardText")} hint={t("catalogue.form.rewardTextHint")} optionalLabel={t("ui.optional")} error={f.rewardText}>
              <Input name="rewardText" defaultValue={values.rewardText} maxLength={REWARD_TEXT_MAX_CHARS} />
            </Field>
          </fieldset>

          <fieldset className="space-y-3 rounded-lg border border-slate-200 p-4">
            <legend className="px-1 text-sm font-semibold text-slate-900">{t("catalogue.form.workshopLegend")}</legend>
            <Field label={t("catalogue.fields.agreedOn")} error={f.agreedOn} className="max-w-[14rem]">
              <Input name="agreedOn" type="date" max={today} defaultValue={values.agreedOn} required />
            </Field>
            <WhoAgreed members={options.members} initial={values.agreedBy} error={f.agreedBy} />
            <Field label={t("catalogue.fields.agreedNote")} optionalLabel={t("ui.optional")} error={f.agreedNote}>
              <Textarea name="agreedNote" defaultValue={values.agreedNote} rows={2} maxLength={AGREED_NOTE_MAX_CHARS} />
            </Field>
          </fieldset>
          <FormActions onCancel={() => form.setOpen(false)} submitLabel={mode === "create" ? t("catalogue.form.create") : t("ui.save")} busy={form.busy} />
        </form.fetcher.Form>
      </DialogContent>
    </Dialog>
  );
}
