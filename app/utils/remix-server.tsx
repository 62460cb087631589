/**
 * Remix's `<RemixServer>` (2.17.5), with the route objects built once per build instead of on
 * every render.
 *
 * The stock component turns the build's route manifest into React route objects
 * (`createServerRoutes`) and those into data routes (`createStaticRouter` →
 * `convertRoutesToDataRoutes`) for every page it renders. With this app's ~200 routes that was
 * a large share of a server render, and because each render had a fresh route array, the
 * memoised matching in server/route-match-cache.ts could not apply to the render's own matching.
 * The manifest and the route modules do not change for the life of a build, so both conversions
 * are kept per manifest; the per-request parts (location, matches, loader data, errors) come from
 * the request's context exactly as in the original.
 *
 * This follows @remix-run/react's dist/server.js except for that cache; the version is pinned in
 * package.json, and tests/integration/remix-server.test.ts renders pages with both components
 * and compares the markup. (Single fetch is off in this app, so the original's stream transfer
 * for it is left out.)
 */
import type { EntryContext } from "@remix-run/node";
import { UNSAFE_RemixContext as RemixContext } from "@remix-run/react";
import { createStaticRouter, StaticRouterProvider } from "react-router-dom/server";
import type { RouteObject } from "react-router";
import { createServerRoutes, shouldHydrateRouteLoader } from "@remix-run/react/dist/routes.js";
import { RemixErrorBoundary } from "@remix-run/react/dist/errorBoundaries.js";

type StaticHandlerContext = EntryContext["staticHandlerContext"];
type StaticRouter = ReturnType<typeof createStaticRouter>;
type DataRoute = StaticRouter["routes"][number];

interface BuiltRouter {
  /** A static router made once per build; only its routes, hrefs and options are used from it. */
  template: StaticRouter;
  byId: Map<string, DataRoute>;
}

const routers = new WeakMap<EntryContext["manifest"]["routes"], BuiltRouter>();

function indexRoutes(routes: DataRoute[], byId: Map<string, DataRoute>) {
  for (const route of routes) {
    byId.set(route.id, route);
    if (route.children) indexRoutes(route.children, byId);
  }
}

function builtRouter(context: EntryContext): BuiltRouter {
  const key = context.manifest.routes;
  let built = routers.get(key);
  if (!built) {
    const routes = createServerRoutes(context.manifest.routes, context.routeModules, context.future, context.isSpaMode);
    // Made from a copy of the first request's context without its data, so no request's data is kept.
    const first = { ...context.staticHandlerContext, loaderData: {}, actionData: null, errors: null };
    const template = createStaticRouter(routes as RouteObject[], first, {
      future: { v7_partialHydration: true, v7_relativeSplatPath: context.future.v3_relativeSplatPath },
    });
    const byId = new Map<string, DataRoute>();
    indexRoutes(template.routes, byId);
    built = { template, byId };
    routers.set(key, built);
  }
  return built;
}

/**
 * The static router for this request: the build's router with this request's location, matches,
 * data and errors, as createStaticRouter would give for the same context.
 */
function requestRouter({ template, byId }: BuiltRouter, context: StaticHandlerContext): StaticRouter {
  const matches = context.matches.map((match) => ({ ...match, route: byId.get(match.route.id) ?? match.route }));
  return Object.create(template, {
    basename: { get: () => context.basename },
    state: {
      get: () => ({
        ...template.state,
        location: context.location,
        matches,
        loaderData: context.loaderData,
        actionData: context.actionData,
        errors: context.errors,
      }),
    },
  }) as StaticRouter;
}

export function RemixServer({ context, abortDelay }: { context: EntryContext; url?: string; abortDelay?: number }) {
  const { manifest, routeModules, criticalCss, serverHandoffString } = context;

  // As in the original: routes that hydrate their own loader render their fallback on the server.
  context.staticHandlerContext.loaderData = { ...context.staticHandlerContext.loaderData };
  for (const match of context.staticHandlerContext.matches) {
    const routeId = match.route.id;
    const route = routeModules[routeId];
    const manifestRoute = manifest.routes[routeId];
    if (route && shouldHydrateRouteLoader(manifestRoute, route, context.isSpaMode) && (route.HydrateFallback || !manifestRoute.hasLoader)) {
      context.staticHandlerContext.loaderData[routeId] = undefined;
    }
  }
  const router = requestRouter(builtRouter(context), context.staticHandlerContext);
  // The same element tree as the original, down to its trailing (single-fetch) slot: React's
  // useId derives ids from tree positions, and the browser's hydration must find the same ones.
  const singleFetchSlot = null;
  return (
    <>
      <RemixContext.Provider
        value={{
          manifest,
          routeModules,
          criticalCss,
          serverHandoffString,
          future: context.future,
          isSpaMode: context.isSpaMode,
          serializeError: context.serializeError,
          abortDelay,
          renderMeta: context.renderMeta,
        }}
      >
        <RemixErrorBoundary location={router.state.location}>
          <StaticRouterProvider router={router} context={context.staticHandlerContext} hydrate={false} />
        </RemixErrorBoundary>
      </RemixContext.Provider>
      {singleFetchSlot}
    </>
  );
}
