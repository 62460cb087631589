/** Imported first by start.ts: installs the memoised route matching before Remix loads the router. */
import { installRouteMatchCache } from "./route-match-cache";

installRouteMatchCache();
