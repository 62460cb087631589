/**
 * Step 3, reshape journeys: the layout of the step's pages — the overview of map pairs and quick
 * wins (reshape._index), the side-by-side diff of a map and its future state (reshape.$mapId) and
 * the quick-win pages (reshape.quick-wins.*).
 */
import type { MetaFunction } from "@remix-run/node";
import { Outlet } from "@remix-run/react";
import { RouteError } from "~/components/route-error";
import { pageTitle } from "~/utils/root-data";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "steps.reshape.name");

export default function ReshapeLayout() {
  return <Outlet />;
}

export function ErrorBoundary() {
  return <RouteError />;
}
