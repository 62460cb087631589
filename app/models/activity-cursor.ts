/**
 * The "older" cursor of the activity pages: the last entry shown, as `<created_at>~<id>`, so entries
 * written at the same instant (a seed, one transaction) are neither skipped nor shown twice.
 * A bare timestamp (older links) still works. Shared by the program and organisation feeds.
 */
import { z } from "zod";

export interface ActivityCursor {
  before: string;
  beforeId?: string;
}

const Instant = z.iso.datetime();
const EntryId = z.string().regex(/^[A-Za-z0-9_-]{1,100}$/);

export function activityCursor(entry: { createdAt: string; id: string }): string {
  return `${entry.createdAt}~${entry.id}`;
}

/** The cursor in a `before` parameter, or null when it is not one. */
export function parseActivityCursor(value: string | null | undefined): ActivityCursor | null {
  if (!value) return null;
  const [at, id, ...rest] = value.split("~");
  if (rest.length > 0 || !Instant.safeParse(at).success) return null;
  if (id === undefined) return { before: at };
  return EntryId.safeParse(id).success ? { before: at, beforeId: id } : null;
}
