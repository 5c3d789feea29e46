import { PubSub } from "@google-cloud/pubsub";

let pubsub: PubSub | undefined;

/** One client per instance; it honours PUBSUB_EMULATOR_HOST on its own. */
export function getPubSub(projectId: string): PubSub {
  pubsub ??= new PubSub({ projectId });
  return pubsub;
}
