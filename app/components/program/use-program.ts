/** The program layout's data (program, the user's access) for the pages inside it. */
import { useRouteLoaderData } from "@remix-run/react";
import type { loader } from "../../routes/programs.$programId";

export const PROGRAM_ROUTE_ID = "routes/programs.$programId";

export function useProgram() {
  const data = useRouteLoaderData<typeof loader>(PROGRAM_ROUTE_ID);
  if (!data) throw new Error("useProgram must be used inside /programs/:programId");
  return data;
}
