import type { PubSub } from "@google-cloud/pubsub";
import type { DependencyProbe } from "../../ports/dependency-probe.js";

export function pubsubProbe(pubsub: PubSub): DependencyProbe {
  return {
    name: "pubsub",
    async check() {
      await pubsub.getTopics({ pageSize: 1, autoPaginate: false });
    },
  };
}
