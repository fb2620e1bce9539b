// @ts-check

/** @type {import("next").NextConfig} */
const nextConfig = {
  // PGlite loads its WASM and data files from its own package folder at run time;
  // bundling it breaks that. argon2 is a native addon.
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "@node-rs/argon2", "pg", "pg-copy-streams"],
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
