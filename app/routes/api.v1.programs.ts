/** GET /api/v1/programs → the programs the caller can see, with their role and live-document names. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { listVisiblePrograms } from "../models/program.server";
import { programApiExtras } from "../models/program-api.server";
import { requireApiUser } from "../utils/api.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireApiUser(request);
  const programs = await listVisiblePrograms(user.id);
  const items = await Promise.all(
    programs.map(async (p) => ({
      id: p.id,
      orgId: p.org_id,
      name: p.name,
      nameEn: p.name_en,
      description: p.description,
      descriptionEn: p.description_en,
      createdAt: p.created_at,
      role: p.role,
      cxOffice: p.office,
      ...(await programApiExtras(p)),
    })),
  );
  return json({ programs: items });
}
