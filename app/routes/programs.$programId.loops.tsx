/**
 * Step 4, rapid iteration: the layout of the step's pages — the loops overview (loops._index), a
 * cycle's board (loops.$cycleId) and the feedback inbox (loops.inbox).
 */
import type { MetaFunction } from "@remix-run/node";
import { Outlet } from "@remix-run/react";
import { RouteError } from "~/components/route-error";
import { pageTitle } from "~/utils/root-data";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "steps.iterate.name");

export default function LoopsLayout() {
  return <Outlet />;
}

export function ErrorBoundary() {
  return <RouteError />;
}
