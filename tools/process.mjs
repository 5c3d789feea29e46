// Paths of the repository and a child-process helper shared by the tools/ scripts.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

export const repoRoot = fileURLToPath(new URL("..", import.meta.url)).replace(/\/$/, "");
export const localDir = `${repoRoot}/.local`;
export const binDir = `${localDir}/bin`;
export const logDir = `${localDir}/logs`;

/** Runs a command to completion with inherited output; rejects on a non-zero exit. */
export function run(command, args, { env, cwd = repoRoot } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: "inherit" });
    child.once("error", reject);
    child.once("exit", (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`${command} ${args.join(" ")} failed (${signal ?? `exit code ${code}`})`));
    });
  });
}
