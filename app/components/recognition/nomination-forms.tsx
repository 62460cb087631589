/**
 * The forms of the recognition workflow: nominate a colleague (colleague, behaviour as choice
 * cards with their reward and guideline, the story with a character count), a reviewer's decision
 * (approve, or reject with a required reason) and granting the reward (the catalogue's, or adjusted
 * with a note). Each posts an `intent` to the page's action; errors come back next to the fields.
 */
import { Form, useActionData, useNavigation } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useTranslation } from "~/i18n/react";
import { STORY_MAX_CHARS, STORY_MIN_CHARS, charCount, REASON_MAX_CHARS, NOTE_MAX_CHARS, REWARD_TEXT_MAX_CHARS } from "~/models/nominations";
import type { CatalogueChoice, Colleague } from "~/models/nomination-reading.server";
import type { RewardKind } from "../../../db/schema";
import { Alert, Button, Field, Input, Select, Textarea, cn } from "../ui";
import { RewardLine } from "./nomination-bits";

export type FieldErrors = Record<string, string>;

function useBusy(intent: string, nominationId?: string): boolean {
  const nav = useNavigation();
  if (nav.state === "idle" || !nav.formData) return false;
  return nav.formData.get("intent") === intent && (nominationId === undefined || nav.formData.get("nominationId") === nominationId);
}

export function NominateForm({
  colleagues,
  types,
  fields,
  formError,
}: {
  colleagues: Colleague[];
  types: CatalogueChoice[];
  fields: FieldErrors;
  formError?: string | null;
}) {
  const { t } = useTranslation();
  const [count, setCount] = useState(0);
  // A field's error goes away once the field is changed (until the next answer).
  const [edited, setEdited] = useState<ReadonlySet<string>>(new Set());
  const answer = useActionData();
  useEffect(() => setEdited(new Set()), [answer]);
  const touch = (name: string) => setEdited((prev) => (prev.has(name) ? prev : new Set(prev).add(name)));
  const errorOf = (name: string) => (edited.has(name) ? undefined : fields[name]);
  const busy = useBusy("nominate");
  const over = count > STORY_MAX_CHARS;
  return (
    <Form method="post" className="space-y-5" data-testid="nominate-form" noValidate>
      {formError ? <Alert tone="danger">{formError}</Alert> : null}
      <Field label={t("nominations.form.colleague")} error={errorOf("nomineeId")}>
        <Select name="nomineeId" defaultValue="" required onChange={() => touch("nomineeId")}>
          <option value="" disabled>
            {t("nominations.form.colleaguePlaceholder")}
          </option>
          {colleagues.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name} · {t(`roles.program.${c.role}`)}
            </option>
          ))}
        </Select>
      </Field>

      <fieldset aria-describedby={errorOf("typeId") ? "type-error" : "type-hint"} onChange={() => touch("typeId")}>
        <legend className="text-sm font-medium text-slate-800">{t("nominations.form.type")}</legend>
        <p id="type-hint" className="mt-1 text-xs leading-5 text-slate-600">
          {t("nominations.form.typeHint")}
        </p>
        <div className="mt-2 grid grid-cols-1 gap-2 sm:grid-cols-2">
          {types.map((type) => (
            <label
              key={type.id}
              className={cn(
                "relative flex cursor-pointer gap-3 rounded-lg border bg-white p-3 shadow-sm transition-colors hover:border-brand-300",
                "has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50/60 has-[:checked]:ring-1 has-[:checked]:ring-brand-600",
                "has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-brand-500",
                errorOf("typeId") ? "border-red-400" : "border-slate-200",
              )}
              data-testid="type-choice"
            >
              <input type="radio" name="typeId" value={type.id} className="mt-1 h-4 w-4 shrink-0 accent-brand-700" required />
              <span className="min-w-0 flex-1">
                <span className="block font-semibold text-slate-900">{type.name}</span>
                {type.description ? <span className="mt-0.5 block text-sm leading-5 text-slate-600">{type.description}</span> : null}
                <RewardLine kind={type.rewardKind} text={type.rewardText} value={type.rewardValue} className="mt-2 text-xs" />
                {type.guidelineTitle ? <span className="mt-1.5 block text-xs text-slate-500">{t("nominations.form.guideline", { title: type.guidelineTitle })}</span> : null}
              </span>
            </label>
          ))}
        </div>
        {errorOf("typeId") ? (
          <p id="type-error" className="mt-1.5 text-sm text-red-700" role="alert">
            {errorOf("typeId")}
          </p>
        ) : null}
      </fieldset>

      <Field label={t("nominations.form.story")} hint={t("nominations.form.storyHint", { min: STORY_MIN_CHARS, max: STORY_MAX_CHARS })} error={errorOf("story")}>
        <Textarea
          name="story"
          rows={6}
          placeholder={t("nominations.form.storyPlaceholder")}
          onChange={(e) => {
            setCount(charCount(e.currentTarget.value.trim()));
            touch("story");
          }}
          required
        />
      </Field>
      <div className="-mt-3 flex items-center justify-end">
        <span className={cn("text-xs tabular-nums", over ? "font-medium text-red-700" : "text-slate-500")} aria-live="polite">
          {t("nominations.form.count", { count, max: STORY_MAX_CHARS })}
        </span>
      </div>
      <div className="flex justify-end">
        <Button type="submit" name="intent" value="nominate" busy={busy} className="w-full sm:w-auto" data-testid="nominate-submit">
          {t("nominations.form.submit")}
        </Button>
      </div>
    </Form>
  );
}

export function ReviewActions({ nominationId, fields }: { nominationId: string; fields?: FieldErrors }) {
  const { t } = useTranslation();
  const approving = useBusy("approve", nominationId);
  const rejecting = useBusy("reject", nominationId);
  const [open, setOpen] = useState(Boolean(fields?.reason));
  return (
    <div className="space-y-3" data-testid="review-actions">
      <div className="flex flex-wrap gap-2">
        <Form method="post" className="contents">
          <input type="hidden" name="nominationId" value={nominationId} />
          <Button type="submit" name="intent" value="approve" busy={approving} className="flex-1 sm:flex-none" data-testid="approve">
            {t("nominations.review.approve")}
          </Button>
        </Form>
        {!open ? (
          <Button variant="secondary" onClick={() => setOpen(true)} className="flex-1 sm:flex-none" data-testid="reject-open" aria-expanded={false}>
            {t("nominations.review.rejectOpen")}
          </Button>
        ) : null}
      </div>
      {open ? (
        <Form method="post" className="space-y-3 rounded-lg border border-slate-200 bg-slate-50 p-3">
          <Field label={t("nominations.review.reason")} hint={t("nominations.review.reasonHint")} error={fields?.reason}>
            <Textarea name="reason" rows={3} maxLength={REASON_MAX_CHARS} placeholder={t("nominations.review.reasonPlaceholder")} autoFocus />
          </Field>
          <div className="flex flex-wrap justify-end gap-2">
            <Button variant="ghost" onClick={() => setOpen(false)}>
              {t("nominations.review.cancel")}
            </Button>
            <Button type="submit" name="intent" value="reject" variant="danger" busy={rejecting} data-testid="reject">
              {t("nominations.review.confirmReject")}
            </Button>
          </div>
          <input type="hidden" name="nominationId" value={nominationId} />
        </Form>
      ) : null}
    </div>
  );
}

export function RewardForm({
  nominationId,
  reward,
  fields,
}: {
  nominationId: string;
  reward: { kind: RewardKind; text: string; value: number };
  fields?: FieldErrors;
}) {
  const { t } = useTranslation();
  const busy = useBusy("reward", nominationId);
  const adjusting = Boolean(fields && (fields.note || fields.rewardText || fields.rewardValue));
  return (
    <Form method="post" className="space-y-3" data-testid="reward-form">
      <div className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm">
        <span className="text-slate-600">{t("nominations.reward.catalogue")}:</span>
        <RewardLine kind={reward.kind} text={reward.text} value={reward.value} />
      </div>
      <details className="group rounded-lg border border-slate-200 bg-slate-50 open:bg-white" open={adjusting}>
        <summary className="cursor-pointer select-none rounded-lg px-3 py-2 text-sm font-medium text-brand-700 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-brand-500">
          {t("nominations.reward.adjust")}
        </summary>
        <div className="grid grid-cols-1 gap-3 px-3 pb-3 sm:grid-cols-[minmax(0,1fr)_8rem]">
          <Field label={t("nominations.reward.text")} error={fields?.rewardText}>
            <Input name="rewardText" defaultValue={reward.text} maxLength={REWARD_TEXT_MAX_CHARS} />
          </Field>
          <Field label={t("nominations.reward.value")} error={fields?.rewardValue}>
            <Input name="rewardValue" type="number" min={0} step="any" inputMode="decimal" defaultValue={String(reward.value)} />
          </Field>
          <Field label={t("nominations.reward.note")} hint={t("nominations.reward.noteHint")} error={fields?.note} className="sm:col-span-2">
            <Textarea name="note" rows={2} maxLength={NOTE_MAX_CHARS} />
          </Field>
        </div>
      </details>
      <div className="flex justify-end">
        <Button type="submit" name="intent" value="reward" busy={busy} className="w-full sm:w-auto" data-testid="grant-reward">
          {t("nominations.reward.grant")}
        </Button>
      </div>
      <input type="hidden" name="nominationId" value={nominationId} />
    </Form>
  );
}
