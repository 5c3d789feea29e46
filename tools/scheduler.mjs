// The local Cloud Scheduler: the Functions emulator never runs `onSchedule` functions by itself, so
// the platform posts to each scheduled function declared in functions/src/cloud-resources.json
// every `localEverySeconds`, as Cloud Scheduler posts to a 2nd-gen schedule. A run still going
// when the next is due is not doubled. Every run and failure is logged to .local/logs/scheduler.log.
import { createWriteStream } from "node:fs";
import { readFile } from "node:fs/promises";
import { logDir, repoRoot } from "./process.mjs";

export async function startScheduler({ functionsUrl }) {
  const { schedules } = JSON.parse(await readFile(`${repoRoot}/functions/src/cloud-resources.json`, "utf8"));
  const log = createWriteStream(`${logDir}/scheduler.log`, { flags: "a" });
  const write = (line) => log.write(`${new Date().toISOString()} ${line}\n`);
  const timers = Object.entries(schedules).map(([name, { localEverySeconds }]) => {
    let running = false;
    return setInterval(async () => {
      if (running) return;
      running = true;
      const started = Date.now();
      try {
        // The emulator serves a 2nd-gen schedule under `<name>-0`.
        const response = await fetch(`${functionsUrl}/${name}-0`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
        write(`${name}: ${response.status} in ${Date.now() - started} ms`);
      } catch (error) {
        write(`${name}: failed after ${Date.now() - started} ms: ${error.message}`);
      } finally {
        running = false;
      }
    }, localEverySeconds * 1000);
  });
  write(`scheduling ${Object.entries(schedules).map(([name, s]) => `${name} every ${s.localEverySeconds} s`).join(", ")}`);
  return {
    stop: () => {
      for (const timer of timers) clearInterval(timer);
      log.end();
    },
  };
}
