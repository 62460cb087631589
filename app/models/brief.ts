/**
 * The program brief: one live document per program (`brief:<programId>`) with five rich-text
 * fields, each a top-level Y.Text named by the field key. Shared by server and client.
 */
export const BRIEF_FIELDS = ["ambition", "customers_scope", "success_measures", "constraints", "team_agreements"] as const;

export type BriefField = (typeof BRIEF_FIELDS)[number];

export type BriefContent = Record<BriefField, string>;

export function briefDocName(programId: string): string {
  return `brief:${programId}`;
}

export function isBriefField(value: unknown): value is BriefField {
  return typeof value === "string" && (BRIEF_FIELDS as readonly string[]).includes(value);
}
