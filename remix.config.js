/**
 * CX_BUILD_DIR (optional, development only) puts the build elsewhere than the project root, so
 * several builds can run side by side without overwriting each other; the server reads the same variable.
 */
const buildDir = process.env.CX_BUILD_DIR;

/** @type {import('@remix-run/dev').AppConfig} */
export default {
  ...(buildDir
    ? {
        serverBuildPath: `${buildDir}/build/index.js`,
        assetsBuildDirectory: `${buildDir}/public/build`,
        cacheDirectory: `${buildDir}/.cache`,
      }
    : {}),
  ignoredRouteFiles: ["**/.*", "**/*.test.*"],
  serverModuleFormat: "esm",
  serverPlatform: "node",
  tailwind: true,
  postcss: false,
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_lazyRouteDiscovery: false,
    v3_singleFetch: false,
  },
};
