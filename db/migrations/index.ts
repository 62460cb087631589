/**
 * The ordered list of migrations. Names start with an ISO date so branches do not collide.
 * A static list (rather than reading the folder) works the same under tsx, vitest and the Remix bundle.
 */
import type { Migration } from "kysely";
import * as foundation from "./2026-11-23-001-foundation";
import * as collab from "./2026-11-23-002-collab";
import * as vision from "./2026-11-23-003-vision";
import * as journeys from "./2026-11-23-004-journeys";
import * as reshape from "./2026-11-23-005-reshape";
import * as loops from "./2026-11-23-006-loops";
import * as frontline from "./2026-11-23-007-frontline";
import * as office from "./2026-11-23-008-office";

export const migrations: Record<string, Migration> = {
  "2026-11-23-001-foundation": foundation,
  "2026-11-23-002-collab": collab,
  "2026-11-23-003-vision": vision,
  "2026-11-23-004-journeys": journeys,
  "2026-11-23-005-reshape": reshape,
  "2026-11-23-006-loops": loops,
  "2026-11-23-007-frontline": frontline,
  "2026-11-23-008-office": office,
};
