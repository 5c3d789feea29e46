// The infra tier: static checks of terraform/ and .github/workflows/ (no cloud credentials exist
// here, so nothing is planned), then the consistency tests between the code and the HCL
// (terraform/test/, vitest project `infra`). `npm test` runs it after the unit tier, before the
// platform starts; `npm run test:infra` runs it alone.
import { fileURLToPath } from "node:url";
import { ensureDependencies } from "./install.mjs";
import { binDir, localDir, repoRoot, run } from "./process.mjs";

/** OpenTofu's fmt, tflint's core rules, checkov and actionlint; each failure stops the tier. */
export async function infraStaticChecks() {
  // Builds tofu, tflint and actionlint from Go modules and checkov from PyPI; cached.
  await run("bash", [`${repoRoot}/tools/build-iac-tools.sh`]);
  console.log("infra: tofu fmt -check");
  await run(`${binDir}/tofu`, ["fmt", "-check", "-recursive", "-diff", "terraform"]);
  console.log("infra: tflint (core rules)");
  await run(`${binDir}/tflint`, ["--recursive", `--config=${repoRoot}/terraform/.tflint.hcl`], { cwd: `${repoRoot}/terraform` });
  console.log("infra: checkov");
  // --skip-download and BC_SKIP_MAPPING: no Prisma Cloud account, and nothing fetched.
  await run(`${localDir}/checkov-venv/bin/checkov`, ["--directory", "terraform", "--framework", "terraform", "--skip-download", "--quiet", "--compact"], {
    env: { BC_SKIP_MAPPING: "TRUE" },
  });
  console.log("infra: actionlint");
  await run(`${binDir}/actionlint`, []);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    await ensureDependencies();
    await infraStaticChecks();
    await run("npx", ["vitest", "run", "--project", "infra"]);
    console.log("infra: PASS");
  } catch (error) {
    console.error(`infra: ${error.message}`);
    process.exit(1);
  }
}
