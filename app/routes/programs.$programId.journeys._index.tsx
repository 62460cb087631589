/** Step journeys: what the step is for, what will be built here, and who may do what. */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { StepPage } from "~/components/program/step-page";
import { loadStep } from "~/utils/step-loader.server";
import { RouteError } from "~/components/route-error";
import { pageTitle } from "~/utils/root-data";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "steps.painPoints.name");

export async function loader({ request, params }: LoaderFunctionArgs) {
  return loadStep(request, params.programId, "painPoints");
}

export default function StepRoute() {
  const { state } = useLoaderData<typeof loader>();
  return <StepPage step="painPoints" state={state} />;
}

export function ErrorBoundary() {
  return <RouteError />;
}
