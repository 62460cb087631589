/**
 * The behaviour guideline form in a dialog (create and edit): the quality standard it serves (a
 * standard of the latest published vision), the title, the behaviour described, and the do and
 * don't examples as editable lists (up to 10 each, 300 characters each). Posts to the guidelines
 * page's action through a fetcher; field errors show next to the fields.
 */
import { useState } from "react";
import { useTranslation } from "~/i18n/react";
import {
  GUIDELINE_BODY_MAX_CHARS,
  GUIDELINE_EXAMPLE_MAX_CHARS,
  GUIDELINE_MAX_EXAMPLES,
  GUIDELINE_TITLE_MAX_CHARS,
  type StandardSnapshot,
} from "~/models/guidelines";
import { Alert, Button, Dialog, DialogContent, DialogTrigger, Field, Input, Select, Textarea } from "../ui";
import { FormActions } from "../ui/form-actions";
import { CloseIcon, PlusIcon } from "../ui/icons";
import { listError, useDialogForm } from "./use-dialog-form";

export interface StandardOption extends StandardSnapshot {
  key: string;
}

export interface GuidelineFormValues {
  id?: string;
  title: string;
  body: string;
  standardKey: string;
  doExamples: string[];
  dontExamples: string[];
  /** The cited standard when the latest vision no longer has it (so the edit can keep it). */
  removedStandard?: StandardSnapshot & { key: string };
}

function ExampleList({ name, label, hint, initial, error, tone }: { name: string; label: string; hint: string; initial: string[]; error?: string; tone: "do" | "dont" }) {
  const { t } = useTranslation();
  const [items, setItems] = useState<{ id: number; text: string }[]>(() =>
    (initial.length ? initial : [""]).map((text, id) => ({ id, text })),
  );
  const [nextId, setNextId] = useState(items.length);
  const full = items.length >= GUIDELINE_MAX_EXAMPLES;
  return (
    <fieldset className="space-y-2" data-testid={`${name}-list`}>
      <legend className="text-sm font-medium text-slate-800">{label}</legend>
      <p className="text-xs leading-5 text-slate-600">{hint}</p>
      <ol className="space-y-2">
        {items.map((item, i) => (
          <li key={item.id} className="flex items-center gap-2">
            <span
              className={
                tone === "do"
                  ? "flex h-6 w-6 shrink-0 items-center justify-center rounded-full bg-emerald-50 text-xs font-semibold text-emerald-700"
                  : "flex h-6 w-6 shrink-0 items-center justify-center rounded-full bg-red-50 text-xs font-semibold text-red-700"
              }
              aria-hidden
            >
              {tone === "do" ? "✓" : "✗"}
            </span>
            <Input
              name={name}
              value={item.text}
              maxLength={GUIDELINE_EXAMPLE_MAX_CHARS}
              aria-label={t("guidelines.form.exampleLabel", { list: label, number: i + 1 })}
              aria-invalid={error ? true : undefined}
              onChange={(e) => setItems(items.map((x) => (x.id === item.id ? { ...x, text: e.target.value } : x)))}
            />
            <Button
              variant="ghost"
              size="sm"
              className="shrink-0 px-2"
              aria-label={t("guidelines.form.removeExample", { number: i + 1 })}
              onClick={() => {
                if (items.length > 1) setItems(items.filter((x) => x.id !== item.id));
                else {
                  setItems([{ id: nextId, text: "" }]);
                  setNextId(nextId + 1);
                }
              }}
            >
              <CloseIcon className="h-4 w-4" />
            </Button>
          </li>
        ))}
      </ol>
      {error ? (
        <p className="text-sm text-red-700" role="alert">
          {error}
        </p>
      ) : null}
      <Button
        variant="secondary"
        size="sm"
        disabled={full}
        onClick={() => {
          setItems([...items, { id: nextId, text: "" }]);
          setNextId(nextId + 1);
        }}
      >
        <PlusIcon className="h-4 w-4" />
        {full ? t("guidelines.form.examplesFull", { max: GUIDELINE_MAX_EXAMPLES }) : t("guidelines.form.addExample")}
      </Button>
    </fieldset>
  );
}

export function GuidelineDialog({
  mode,
  standards,
  values,
  trigger,
}: {
  mode: "create" | "update";
  standards: StandardOption[];
  values: GuidelineFormValues;
  trigger: React.ReactElement;
}) {
  const { t } = useTranslation();
  const form = useDialogForm();
  const [standardKey, setStandardKey] = useState(values.standardKey);
  const chosen = standards.find((s) => s.key === standardKey) ?? (values.removedStandard?.key === standardKey ? values.removedStandard : undefined);
  return (
    <Dialog open={form.open} onOpenChange={form.setOpen}>
      <DialogTrigger asChild>{trigger}</DialogTrigger>
      <DialogContent
        title={mode === "create" ? t("guidelines.form.createTitle") : t("guidelines.form.editTitle")}
        description={t("guidelines.form.description")}
        className="max-h-[calc(100dvh-2rem)] overflow-y-auto sm:max-w-xl"
      >
        <form.fetcher.Form method="post" className="space-y-5" noValidate onSubmit={form.onSubmit} data-testid="guideline-form">
          <input type="hidden" name="intent" value={mode} />
          {values.id ? <input type="hidden" name="id" value={values.id} /> : null}
          {form.formError ? <Alert tone="danger">{form.formError}</Alert> : null}
          <Field label={t("guidelines.fields.standard")} hint={t("guidelines.form.standardHint")} error={form.fields.standardKey}>
            <Select name="standardKey" value={standardKey} onChange={(e) => setStandardKey(e.target.value)} required>
              <option value="">{t("guidelines.form.chooseStandard")}</option>
              {standards.map((s, i) => (
                <option key={s.key} value={s.key}>
                  {i + 1}. {s.title}
                </option>
              ))}
              {values.removedStandard ? (
                <option value={values.removedStandard.key}>{t("guidelines.form.removedOption", { title: values.removedStandard.title })}</option>
              ) : null}
            </Select>
          </Field>
          {chosen ? (
            <div className="rounded-md border border-brand-100 bg-brand-50/60 px-3 py-2.5 text-sm leading-6 text-slate-700" data-testid="chosen-standard">
              {chosen.description ? <p>{chosen.description}</p> : null}
              {chosen.measurableHint ? (
                <p className="mt-1 text-xs text-slate-600">
                  {t("guidelines.measuredBy", { hint: chosen.measurableHint })}
                </p>
              ) : null}
            </div>
          ) : null}
          <Field label={t("guidelines.fields.title")} hint={t("guidelines.form.titleHint")} error={form.fields.title}>
            <Input name="title" defaultValue={values.title} required maxLength={GUIDELINE_TITLE_MAX_CHARS} />
          </Field>
          <Field label={t("guidelines.fields.body")} hint={t("guidelines.form.bodyHint")} optionalLabel={t("ui.optional")} error={form.fields.body}>
            <Textarea name="body" defaultValue={values.body} rows={3} maxLength={GUIDELINE_BODY_MAX_CHARS} />
          </Field>
          <div className="space-y-5">
            <ExampleList
              name="doExamples"
              tone="do"
              label={t("guidelines.fields.do")}
              hint={t("guidelines.form.doHint", { max: GUIDELINE_MAX_EXAMPLES, chars: GUIDELINE_EXAMPLE_MAX_CHARS })}
              initial={values.doExamples}
              error={listError(form.fields, "doExamples")}
            />
            <ExampleList
              name="dontExamples"
              tone="dont"
              label={t("guidelines.fields.dont")}
              hint={t("guidelines.form.dontHint", { max: GUIDELINE_MAX_EXAMPLES, chars: GUIDELINE_EXAMPLE_MAX_CHARS })}
              initial={values.dontExamples}
              error={listError(form.fields, "dontExamples")}
            />
          </div>
          <FormActions
            onCancel={() => form.setOpen(false)}
            submitLabel={mode === "create" ? t("guidelines.form.create") : t("ui.save")}
            busy={form.busy}
          />
        </form.fetcher.Form>
      </DialogContent>
    </Dialog>
  );
}
