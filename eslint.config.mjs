import coreWebVitals from "eslint-config-next/core-web-vitals";
import typescript from "eslint-config-next/typescript";

const config = [
  ...coreWebVitals,
  ...typescript,
  { ignores: ["lib/generated/**", ".next/**", ".data/**", "playwright-report/**", "test-results/**", "next-env.d.ts"] },
  {
    // The database is touched in lib/ only (STYLE.md §1): routes and components call lib/.
    files: ["app/**", "components/**"],
    rules: {
      "no-restricted-imports": ["error", {
        patterns: [
          { group: ["@/lib/generated/*", "@/lib/generated/**", "@prisma/*", "pg", "@electric-sql/*"], message: "Call a lib/ function instead of touching the database." },
          { group: ["@/lib/db/*", "@/lib/db/**"], message: "Call a lib/<domain> function instead of the database layer." },
        ],
      }],
    },
  },
];

export default config;
