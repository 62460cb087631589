/**
 * Live-document names: `<kind>:<id>` (e.g. `brief:<programId>`, `vision:<boardId>`, `journey:<mapId>`).
 * Shared by the socket server, the API routes and the client hook.
 */
import { z } from "zod";

export const DocNameSchema = z
  .string()
  .max(140)
  .regex(/^[a-z][a-z0-9_-]{0,31}:[A-Za-z0-9_-]{1,100}$/, "not a document name")
  .transform((name) => {
    const at = name.indexOf(":");
    return { name, kind: name.slice(0, at), id: name.slice(at + 1) };
  });

export type DocName = z.infer<typeof DocNameSchema>;

export function parseDocName(value: unknown): DocName | null {
  const parsed = DocNameSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}
