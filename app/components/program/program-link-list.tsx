import { Link } from "@remix-run/react";
import { OfficeBadge, ProgramRoleBadge } from "~/components/role-badge";
import { ChevronRightIcon } from "~/components/ui/icons";
import type { ProgramRole } from "~/models/permissions";

export interface ProgramLinkItem {
  id: string;
  name: string;
  role: ProgramRole | null;
  office: boolean;
}

/** A list of programs, each a link with the viewer's role (or the CX-office badge). */
export function ProgramLinkList({ programs, testId }: { programs: ProgramLinkItem[]; testId?: string }) {
  return (
    <ul className="divide-y divide-slate-100" data-testid={testId}>
      {programs.map((p) => (
        <li key={p.id}>
          <Link
            to={`/programs/${p.id}`}
            className="flex items-center justify-between gap-3 px-5 py-3 text-sm hover:bg-slate-50 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-inset focus-visible:ring-brand-500"
          >
            <span className="min-w-0 font-medium text-slate-900">{p.name}</span>
            <span className="flex shrink-0 items-center gap-2">
              {p.role ? <ProgramRoleBadge role={p.role} /> : p.office ? <OfficeBadge /> : null}
              <ChevronRightIcon className="h-4 w-4 text-slate-400" />
            </span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
