/**
 * The idea box form, made for a phone first: a one-line title, the idea, an optional photo taken
 * with the camera (previewed, checked for size before sending; the server checks type and size
 * again), and optionally the journey map and touchpoint it is about (touchpoints follow the map).
 * Field errors from the server appear beside each field, in the user's language.
 */
import { Form, useNavigation } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "~/i18n/react";
import { Alert, Button, Field, Input, Select, Textarea } from "~/components/ui";
import { IDEA_PHOTO_MAX_BYTES, IDEA_TEXT_MAX_CHARS, IDEA_TITLE_MAX_CHARS } from "~/models/ideas";
import { formatNumber } from "~/utils/format";
import { useLocale } from "~/utils/root-data";
import type { Locale } from "~/i18n/config";
import { CameraIcon } from "./idea-icons";

export interface IdeaFormMap {
  id: string;
  name: string;
  touchpoints: { id: string; text: string; stage: string }[];
}

/** "820 KB" or "3.4 MB". */
function fileSize(bytes: number, locale: Locale): string {
  if (bytes < 1024 * 1024) return `${formatNumber(Math.max(1, Math.round(bytes / 1024)), locale)} KB`;
  return `${formatNumber(bytes / 1024 / 1024, locale, { maximumFractionDigits: 1 })} MB`;
}

function PhotoField({ error }: { error?: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const input = useRef<HTMLInputElement>(null);
  const [preview, setPreview] = useState<{ url: string | null; name: string; size: number } | null>(null);
  useEffect(() => () => (preview?.url ? URL.revokeObjectURL(preview.url) : undefined), [preview]);
  const tooBig = preview ? preview.size > IDEA_PHOTO_MAX_BYTES : false;
  const shownError = error ?? (tooBig ? String(t("ideas.errors.photoTooLarge", { mb: IDEA_PHOTO_MAX_BYTES / 1024 / 1024 })) : undefined);
  const errorId = "idea-photo-error";
  return (
    <div className="space-y-1.5">
      <span className="block text-sm font-medium text-slate-800" id="idea-photo-label">
        {t("ideas.form.photo")} <span className="ml-1 font-normal text-slate-500">({t("ui.optional")})</span>
      </span>
      <div className="flex items-center gap-3">
        {preview?.url ? (
          <img src={preview.url} alt={t("ideas.form.photoPreview")} className="h-16 w-16 shrink-0 rounded-md object-cover ring-1 ring-slate-200" />
        ) : null}
        <label
          className={`flex min-h-[3rem] flex-1 cursor-pointer items-center justify-center gap-2 rounded-md border border-dashed px-3 py-2 text-sm font-medium focus-within:ring-2 focus-within:ring-brand-500 ${
            shownError ? "border-red-400 bg-red-50 text-red-800" : "border-slate-300 bg-slate-50 text-brand-800 hover:bg-brand-50"
          }`}
        >
          <CameraIcon className="h-5 w-5 shrink-0" />
          <span className="min-w-0 truncate">
            {preview
              ? t("ideas.form.photoChosen", { name: preview.name, size: fileSize(preview.size, locale) })
              : t("ideas.form.photoPick")}
          </span>
          <input
            ref={input}
            type="file"
            name="photo"
            accept="image/*"
            capture="environment"
            className="sr-only"
            aria-labelledby="idea-photo-label"
            aria-describedby={`idea-photo-hint${shownError ? ` ${errorId}` : ""}`}
            aria-invalid={shownError ? true : undefined}
            data-testid="idea-photo"
            onChange={(e) => {
              const file = e.currentTarget.files?.[0];
              // Only an image gets a preview (the server refuses anything else with a message).
              setPreview(file ? { url: file.type.startsWith("image/") ? URL.createObjectURL(file) : null, name: file.name, size: file.size } : null);
            }}
          />
        </label>
        {preview ? (
          <Button
            variant="ghost"
            size="sm"
            onClick={() => {
              if (input.current) input.current.value = "";
              setPreview(null);
            }}
          >
            {t("ideas.form.photoRemove")}
          </Button>
        ) : null}
      </div>
      <p id="idea-photo-hint" className="text-xs leading-5 text-slate-600">
        {t("ideas.form.photoHint", { mb: IDEA_PHOTO_MAX_BYTES / 1024 / 1024 })}
      </p>
      {shownError ? (
        <p id={errorId} className="text-sm text-red-700" role="alert">
          {shownError}
        </p>
      ) : null}
    </div>
  );
}

export function IdeaForm({ maps, fields, formError }: { maps: IdeaFormMap[]; fields: Record<string, string>; formError?: string | null }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const nav = useNavigation();
  const [mapId, setMapId] = useState("");
  const [chars, setChars] = useState(0);
  const touchpoints = maps.find((m) => m.id === mapId)?.touchpoints ?? [];
  const busy = nav.state === "submitting" && nav.formData?.get("intent") === "submit";
  return (
    <Form method="post" encType="multipart/form-data" className="space-y-4" data-testid="idea-form" noValidate>
      <input type="hidden" name="intent" value="submit" />
      {formError ? <Alert tone="danger">{formError}</Alert> : null}
      <Field label={t("ideas.form.title")} hint={t("ideas.form.titleHint")} optionalLabel={t("ui.optional")} error={fields.title}>
        <Input name="title" maxLength={IDEA_TITLE_MAX_CHARS} autoComplete="off" enterKeyHint="next" />
      </Field>
      <div className="space-y-1">
        <Field label={t("ideas.form.text")} hint={t("ideas.form.textHint")} error={fields.text}>
          <Textarea
            name="text"
            rows={5}
            required
            maxLength={IDEA_TEXT_MAX_CHARS}
            placeholder={t("ideas.form.textPlaceholder")}
            onInput={(e) => setChars([...e.currentTarget.value].length)}
          />
        </Field>
        <p className="text-right text-xs tabular-nums text-slate-500" aria-live="polite">
          {formatNumber(chars, locale)} / {formatNumber(IDEA_TEXT_MAX_CHARS, locale)}
        </p>
      </div>
      <PhotoField error={fields.photo} />
      {maps.length ? (
        <fieldset className="space-y-3 rounded-md border border-slate-200 p-3">
          <legend className="px-1 text-sm font-medium text-slate-800">
            {t("ideas.form.where")} <span className="font-normal text-slate-500">({t("ui.optional")})</span>
          </legend>
          <Field label={t("ideas.form.map")} error={fields.mapId}>
            <Select name="mapId" value={mapId} onChange={(e) => setMapId(e.currentTarget.value)}>
              <option value="">{t("ideas.form.noMap")}</option>
              {maps.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name}
                </option>
              ))}
            </Select>
          </Field>
          <Field label={t("ideas.form.touchpoint")} error={fields.touchpointId}>
            <Select name="touchpointId" defaultValue="" disabled={!mapId} key={mapId}>
              <option value="">{mapId ? t("ideas.form.noTouchpoint") : t("ideas.form.pickMapFirst")}</option>
              {touchpoints.map((tp) => (
                <option key={tp.id} value={tp.id}>
                  {tp.stage ? `${tp.stage} · ${tp.text}` : tp.text}
                </option>
              ))}
            </Select>
          </Field>
        </fieldset>
      ) : null}
      <Button type="submit" size="lg" className="w-full" busy={busy} data-testid="idea-submit">
        {t("ideas.form.submit")}
      </Button>
    </Form>
  );
}
