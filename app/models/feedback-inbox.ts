/** The feedback inbox's states, origins and sources, shared by server and UI. */
import type { FeedbackOrigin, FeedbackSource } from "../../db/schema";

export const INBOX_STATES = ["new", "triaged", "dismissed"] as const;
export type InboxState = (typeof INBOX_STATES)[number];
export const FEEDBACK_ORIGINS = ["customer", "frontline"] as const satisfies readonly FeedbackOrigin[];
export const FEEDBACK_SOURCES = ["import", "manual", "api", "idea"] as const satisfies readonly FeedbackSource[];
