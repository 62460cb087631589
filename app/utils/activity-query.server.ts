/**
 * The activity pages' URL filters (program page and organisation page): person, artefact type,
 * date range (in the display time zone) and the "older" cursor, and on the organisation's page the program;
 * and the entry a feed row is shown as.
 */
import { z } from "zod";
import { tFor, type Locale } from "../i18n/config";
import { parseActivityCursor } from "../models/activity-cursor";
import type { AuditRow, AuditWindow } from "../models/audit.server";
import { DISPLAY_TIME_ZONE_OFFSET } from "./format";
import { fieldErrors } from "./zod";

const Day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "validation.date")
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00${DISPLAY_TIME_ZONE_OFFSET}`)), "validation.date");

const WindowFields = {
  actor: z.string().max(100).optional(),
  type: z.string().max(60).regex(/^[a-z_]+$/, "validation.invalid").optional(),
  from: Day.optional(),
  to: Day.optional(),
  before: z.string().max(200).refine((v) => parseActivityCursor(v) !== null, "validation.invalid").optional(),
};

const dateOrder = <T extends { from?: string; to?: string }>(f: T) => !f.from || !f.to || f.from <= f.to;
const DATE_ORDER = { path: ["to"], message: "validation.dateOrder" };

const SCHEMAS = {
  program: z.object(WindowFields).refine(dateOrder, DATE_ORDER),
  /** The organisation's feed also filters by program ("org": the organisation's own entries). */
  org: z
    .object({ program: z.string().max(100).regex(/^[A-Za-z0-9_-]+$/, "validation.invalid").optional(), ...WindowFields })
    .refine(dateOrder, DATE_ORDER),
};

export interface ActivityQueryFilter {
  program?: string;
  actor?: string;
  type?: string;
  from?: string;
  to?: string;
  before?: string;
}

/**
 * The filters in the URL (empty values dropped): `raw` as typed (for the form), `filter` when
 * valid (else nothing, with `errors` by field), and the audit window they select.
 */
export function parseActivityQuery(request: Request, locale: Locale, feed: keyof typeof SCHEMAS) {
  const raw: Record<string, string> = Object.fromEntries([...new URL(request.url).searchParams.entries()].filter(([, v]) => v !== ""));
  const parsed = SCHEMAS[feed].safeParse(raw);
  const filter: ActivityQueryFilter = parsed.success ? parsed.data : {};
  const errors = parsed.success ? {} : fieldErrors(parsed.error, tFor(locale));
  const cursor = parseActivityCursor(filter.before);
  const window: AuditWindow = {
    actorId: filter.actor,
    entityType: filter.type,
    since: filter.from ? new Date(`${filter.from}T00:00:00${DISPLAY_TIME_ZONE_OFFSET}`).toISOString() : undefined,
    until: filter.to ? new Date(`${filter.to}T23:59:59.999${DISPLAY_TIME_ZONE_OFFSET}`).toISOString() : undefined,
    before: cursor?.before,
    beforeId: cursor?.beforeId,
  };
  return { raw, filter, errors, window };
}

/** A feed row as the activity pages show it. */
export function activityEntry(r: AuditRow) {
  return {
    id: r.id,
    actorId: r.actor_id,
    actorName: r.actor_name,
    entityType: r.entity_type,
    entityId: r.entity_id,
    action: r.action,
    before: r.before_summary,
    after: r.after_summary,
    createdAt: r.created_at,
  };
}
