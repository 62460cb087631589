/**
 * The side drawer of a touchpoint on the journey canvas: its pain points (list, add, edit,
 * delete), each validated with PainPointInputSchema before it is written to the live doc, their
 * scores, evidence and comments, and the touchpoint's own evidence and comments.
 */
import { useState } from "react";
import type * as Y from "yjs";
import { useTranslation } from "~/i18n/react";
import { Badge, Button, Field, Input, Select, Textarea } from "~/components/ui";
import { CloseIcon, PlusIcon, TrashIcon } from "~/components/ui/icons";
import {
  PAIN_DESCRIPTION_MAX_CHARS,
  PAIN_POINT_SOURCES,
  PAIN_POINT_STATUSES,
  PAIN_TITLE_MAX_CHARS,
  PainPointInputSchema,
  patchPainPoint,
  putPainPoint,
  removePainPoint,
  type JourneyCard,
  type PainPoint,
} from "~/models/journey-doc";
import { CommentsSection } from "~/components/comments/comments-section";
import { EvidenceLinks } from "./evidence-links";
import { PainPointScores } from "./pain-point-scores";
import { ChannelIcon } from "./canvas/channel-icon";

export interface PainPointDrawerProps {
  programId: string;
  mapId: string;
  touchpoint: JourneyCard;
  painPoints: PainPoint[];
  /** A pain point id, "new" for the add form, or null for the list only. */
  painPointId: string | "new" | null;
  canEdit: boolean;
  canReview: boolean;
  meId: string;
  /** Runs a change in one transaction of the canvas (undoable by this user). */
  write: (fn: (doc: Y.Doc) => void) => void;
  onSelect: (painPointId: string | "new" | null) => void;
  onClose: () => void;
}

type FormFields = { title: string; description: string; severity: number; reach: number; source: string; status: string };

const STATUS_TONE = { open: "warning", confirmed: "danger", addressed: "success", dismissed: "neutral" } as const;

function ScoreInput({ name, label, value, onChange, disabled, error }: { name: string; label: string; value: number; onChange: (v: number) => void; disabled: boolean; error: string | null }) {
  const { t } = useTranslation();
  return (
    <fieldset>
      <legend className="text-sm font-medium text-slate-800">{label}</legend>
      <div className="mt-1.5 inline-flex overflow-hidden rounded-md border border-slate-300 shadow-sm" role="radiogroup" aria-label={label}>
        {[1, 2, 3, 4, 5].map((n) => (
          <label
            key={n}
            className={`flex h-8 w-9 cursor-pointer items-center justify-center border-l border-slate-200 text-sm font-medium first:border-l-0 ${value === n ? "bg-brand-700 text-white" : "bg-white text-slate-700 hover:bg-slate-50"} ${disabled ? "cursor-not-allowed opacity-70" : ""}`}
          >
            <input type="radio" name={name} value={n} checked={value === n} disabled={disabled} onChange={() => onChange(n)} className="sr-only" />
            {n}
          </label>
        ))}
      </div>
      <p className="mt-1 text-xs text-slate-500">{t("journeyCanvas.pain.scaleHint")}</p>
      {error ? (
        <p className="mt-1 text-sm text-red-700" role="alert">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

function PainPointForm({
  initial,
  existing,
  canEdit,
  onSave,
  onDelete,
  onCancel,
}: {
  initial: FormFields;
  existing: PainPoint | null;
  canEdit: boolean;
  onSave: (data: ReturnType<typeof PainPointInputSchema.parse>) => void;
  onDelete: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [f, setF] = useState<FormFields>(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [saved, setSaved] = useState(false);
  const set = <K extends keyof FormFields>(k: K, v: FormFields[K]) => {
    setF((x) => ({ ...x, [k]: v }));
    setErrors((e) => ({ ...e, [k]: "" }));
    setSaved(false);
  };
  const submit = () => {
    const parsed = PainPointInputSchema.safeParse({ ...f, impact: existing?.impact ?? 3, effort: existing?.effort ?? 3 });
    if (!parsed.success) {
      const next: Record<string, string> = {};
      for (const issue of parsed.error.issues) {
        const k = String(issue.path[0] ?? "title");
        next[k] ??= t(issue.message);
      }
      setErrors(next);
      return;
    }
    onSave(parsed.data);
    setSaved(true);
  };
  const err = (k: string) => errors[k] || null;
  return (
    <form
      className="space-y-4"
      data-testid="pain-point-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <Field label={t("journeyCanvas.pain.title")} error={err("title")}>
        <Input name="title" value={f.title} maxLength={PAIN_TITLE_MAX_CHARS + 10} readOnly={!canEdit} onChange={(e) => set("title", e.target.value)} autoFocus={!existing} />
      </Field>
      <Field label={t("journeyCanvas.pain.description")} error={err("description")} optionalLabel={t("ui.optional")}>
        <Textarea name="description" rows={3} value={f.description} maxLength={PAIN_DESCRIPTION_MAX_CHARS + 10} readOnly={!canEdit} onChange={(e) => set("description", e.target.value)} />
      </Field>
      <div className="grid grid-cols-2 gap-3">
        <ScoreInput name="severity" label={t("journeyCanvas.pain.severity")} value={f.severity} onChange={(v) => set("severity", v)} disabled={!canEdit} error={err("severity")} />
        <ScoreInput name="reach" label={t("journeyCanvas.pain.reach")} value={f.reach} onChange={(v) => set("reach", v)} disabled={!canEdit} error={err("reach")} />
      </div>
      <div className="grid grid-cols-2 gap-3">
        <Field label={t("journeyCanvas.pain.source")} error={err("source")}>
          <Select name="source" value={f.source} disabled={!canEdit} onChange={(e) => set("source", e.target.value)}>
            <option value="">{t("journeyCanvas.pain.choose")}</option>
            {PAIN_POINT_SOURCES.map((s) => (
              <option key={s} value={s}>
                {t(`journey.painSources.${s}`)}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t("journeyCanvas.pain.status")} error={err("status")}>
          <Select name="status" value={f.status} disabled={!canEdit} onChange={(e) => set("status", e.target.value)}>
            {PAIN_POINT_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`journey.painStatuses.${s}`)}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      {canEdit ? (
        <div className="flex flex-wrap items-center gap-2">
          <Button type="submit" size="sm" data-testid="pain-save">
            {existing ? t("ui.save") : t("journeyCanvas.pain.create")}
          </Button>
          <Button type="button" size="sm" variant="ghost" onClick={onCancel}>
            {t("ui.cancel")}
          </Button>
          {saved ? (
            <span className="text-xs text-emerald-700" role="status">
              {t("journeyCanvas.pain.saved")}
            </span>
          ) : null}
          {existing ? (
            confirmDelete ? (
              <span className="ml-auto flex items-center gap-1">
                <Button type="button" size="sm" variant="danger" onClick={onDelete} data-testid="pain-delete-confirm">
                  {t("journeyCanvas.pain.deleteConfirm")}
                </Button>
                <Button type="button" size="sm" variant="ghost" onClick={() => setConfirmDelete(false)}>
                  {t("ui.cancel")}
                </Button>
              </span>
            ) : (
              <Button type="button" size="sm" variant="ghost" className="ml-auto text-red-700" onClick={() => setConfirmDelete(true)} data-testid="pain-delete">
                <TrashIcon className="h-4 w-4" />
                {t("journeyCanvas.pain.delete")}
              </Button>
            )
          ) : null}
        </div>
      ) : null}
    </form>
  );
}

export function PainPointDrawer(props: PainPointDrawerProps) {
  const { t } = useTranslation();
  const { touchpoint, painPoints, painPointId, canEdit, write } = props;
  const mine = painPoints.filter((p) => p.touchpointId === touchpoint.id);
  const current = painPointId && painPointId !== "new" ? (mine.find((p) => p.id === painPointId) ?? null) : null;
  const showForm = painPointId === "new" ? canEdit : !!current;

  return (
    <aside
      className="absolute inset-y-0 right-0 z-20 flex w-[26rem] max-w-full flex-col border-l border-slate-200 bg-white shadow-2xl"
      aria-label={t("journeyCanvas.pain.drawerLabel")}
      data-testid="pain-drawer"
    >
      <header className="flex items-start gap-3 border-b border-slate-200 px-5 py-4">
        <div className="min-w-0 flex-1">
          <p className="flex items-center gap-1.5 text-xs font-medium text-indigo-700">
            <ChannelIcon channel={touchpoint.channel ?? "other"} />
            {t("journey.lanes.touchpoints")} · {t(`journey.channels.${touchpoint.channel ?? "other"}`)}
          </p>
          <h2 className="mt-1 line-clamp-3 whitespace-pre-wrap break-words text-base font-semibold text-slate-900">{touchpoint.text}</h2>
        </div>
        <button type="button" onClick={props.onClose} className="rounded-md p-1.5 text-slate-500 hover:bg-slate-100 hover:text-slate-800" aria-label={t("ui.close")} data-testid="pain-drawer-close">
          <CloseIcon className="h-4 w-4" />
        </button>
      </header>
      <div className="flex-1 space-y-6 overflow-y-auto px-5 py-4">
        <section>
          <div className="flex items-center justify-between">
            <h3 className="text-sm font-semibold text-slate-900">{t("journeyCanvas.pain.listTitle", { count: mine.length })}</h3>
            {canEdit && painPointId !== "new" ? (
              <Button size="sm" variant="secondary" onClick={() => props.onSelect("new")} data-testid="pain-new">
                <PlusIcon className="h-4 w-4" />
                {t("journeyCanvas.pain.add")}
              </Button>
            ) : null}
          </div>
          {mine.length === 0 && painPointId !== "new" ? <p className="mt-2 text-sm text-slate-500">{t("journeyCanvas.pain.none")}</p> : null}
          <ul className="mt-2 space-y-1.5">
            {mine.map((p) => (
              <li key={p.id}>
                <button
                  type="button"
                  onClick={() => props.onSelect(p.id === painPointId ? null : p.id)}
                  className={`w-full rounded-md border px-3 py-2 text-left hover:border-brand-300 ${p.id === painPointId ? "border-brand-500 bg-brand-50" : "border-slate-200"}`}
                  data-testid="pain-item"
                >
                  <span className="flex items-start justify-between gap-2">
                    <span className="min-w-0 break-words text-sm font-medium text-slate-900">{p.title}</span>
                    <Badge tone={STATUS_TONE[p.status]}>{t(`journey.painStatuses.${p.status}`)}</Badge>
                  </span>
                  <span className="mt-1 block text-xs text-slate-500">
                    {t("journeyCanvas.pain.summary", { severity: p.severity, reach: p.reach })} · {t(`journeyCanvas.pain.sourceShort.${p.source}`)}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </section>
        {showForm ? (
          <section className="rounded-lg border border-slate-200 bg-slate-50/60 p-4">
            <h3 className="mb-3 text-sm font-semibold text-slate-900">{current ? t("journeyCanvas.pain.editTitle") : t("journeyCanvas.pain.newTitle")}</h3>
            <PainPointForm
              key={current?.id ?? "new"}
              existing={current}
              canEdit={canEdit}
              initial={
                current
                  ? { title: current.title, description: current.description, severity: current.severity, reach: current.reach, source: current.source, status: current.status }
                  : { title: "", description: "", severity: 3, reach: 3, source: "", status: "open" }
              }
              onSave={(data) => {
                if (current) {
                  write((doc) => patchPainPoint(doc, current.id, data));
                } else {
                  const id = crypto.randomUUID();
                  write((doc) =>
                    putPainPoint(doc, { id, touchpointId: touchpoint.id, ...data, createdBy: props.meId, createdAt: new Date().toISOString() }),
                  );
                  props.onSelect(id);
                }
              }}
              onDelete={() => {
                if (current) write((doc) => removePainPoint(doc, current.id));
                props.onSelect(null);
              }}
              onCancel={() => props.onSelect(null)}
            />
            {current ? (
              <div className="mt-5 space-y-5 border-t border-slate-200 pt-4">
                <PainPointScores programId={props.programId} mapId={props.mapId} painPointId={current.id} canReview={props.canReview} />
                <EvidenceLinks programId={props.programId} mapId={props.mapId} targetType="pain_point" targetId={current.id} canEdit={canEdit} />
                <CommentsSection
                  key={current.id}
                  programId={props.programId}
                  targetType="pain_point"
                  targetId={current.id}
                  targetContext={props.mapId}
                  title={t("comments.sectionTitle.pain_point")}
                  scrollOnHash
                />
              </div>
            ) : null}
          </section>
        ) : null}
        <section>
          <h3 className="mb-2 text-sm font-semibold text-slate-900">{t("journeyCanvas.pain.touchpointEvidence")}</h3>
          <EvidenceLinks programId={props.programId} mapId={props.mapId} targetType="touchpoint" targetId={touchpoint.id} canEdit={canEdit} />
        </section>
        <CommentsSection
          key={touchpoint.id}
          programId={props.programId}
          targetType="touchpoint"
          targetId={touchpoint.id}
          targetContext={props.mapId}
          title={t("comments.sectionTitle.touchpoint")}
          scrollOnHash={!current}
        />
      </div>
    </aside>
  );
}
