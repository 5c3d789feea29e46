import type { CloudTasksClient } from "@google-cloud/tasks";
import type { DependencyProbe } from "../../ports/dependency-probe.js";

export function cloudTasksProbe(tasks: CloudTasksClient, parent: string): DependencyProbe {
  return {
    name: "tasks",
    async check() {
      await tasks.listQueues({ parent, pageSize: 1 }, { autoPaginate: false });
    },
  };
}
