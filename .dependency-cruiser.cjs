/** The layer rule of DESIGN §3, checked by `npm test`. */
const infrastructure = "^node_modules/(firebase-functions|firebase-admin|mongodb|@google-cloud/|@grpc/|google-gax|cloudinary|ioredis|redis|undici)";

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "core-without-infrastructure",
      comment: "contracts, domain and app talk to the world only through ports.",
      severity: "error",
      from: { path: "^functions/src/(contracts|domain|app)/" },
      to: { path: infrastructure },
    },
    {
      name: "core-without-outer-layers",
      comment: "contracts, domain and app never reach into adapters, http, triggers or the composition root.",
      severity: "error",
      from: { path: "^functions/src/(contracts|domain|app)/" },
      to: { path: "^functions/src/(adapters|http|triggers|index\\.ts|config\\.ts)" },
    },
    {
      name: "contracts-only-zod",
      comment: "contracts import zod and each other, nothing else.",
      severity: "error",
      from: { path: "^functions/src/contracts/" },
      to: { dependencyTypes: ["npm", "npm-dev", "npm-optional", "npm-peer", "npm-no-pkg"], pathNot: "^node_modules/zod/" },
    },
    {
      name: "domain-pure",
      comment: "the domain depends on nothing but contracts and itself.",
      severity: "error",
      from: { path: "^functions/src/domain/" },
      to: { path: "^functions/src/(app|ports)/" },
    },
    {
      name: "no-circular",
      severity: "error",
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.depcruise.json" },
    exclude: { path: "^functions/(lib|test)/" },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
