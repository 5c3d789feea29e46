// The topics and subscriptions the local Pub/Sub server (tools/go/cmd/userx-pubsub) creates when it
// starts, derived from functions/src/cloud-resources.json: in production Eventarc makes each
// subscriber's push subscription when functions are deployed; locally userx-pubsub pushes to the
// Functions emulator as Eventarc pushes to the function, with the declared retry and dead-letter
// policies. Written in the JSON form of Pub/Sub's own API resources.
import { readFile, writeFile } from "node:fs/promises";
import { localDir, repoRoot } from "./process.mjs";

export const pubsubProvisionPath = `${localDir}/pubsub-provision.json`;

export async function writePubsubProvision({ projectId, region, functionsHost }) {
  const resources = JSON.parse(await readFile(`${repoRoot}/functions/src/cloud-resources.json`, "utf8"));
  const topic = (name) => `projects/${projectId}/topics/${name}`;
  const subscriptions = Object.entries(resources.subscriptions).map(([functionName, { topic: topicName, retry, delivery }]) => {
    const deadLetterTopic = resources.topics[topicName].deadLetterTopic;
    return {
      name: `projects/${projectId}/subscriptions/${functionName}`,
      topic: topic(topicName),
      // The Functions emulator serves a 2nd-gen background function under this path, `-0` included.
      pushConfig: { pushEndpoint: `http://${functionsHost}/functions/projects/${projectId}/triggers/${region}-${functionName}-0` },
      // Without retry, a failed delivery is not redelivered (Eventarc acknowledges it): one attempt, then the dead letter.
      ...(retry
        ? { retryPolicy: { minimumBackoff: `${delivery.minBackoffSeconds}s`, maximumBackoff: `${delivery.maxBackoffSeconds}s` } }
        : {}),
      deadLetterPolicy: { deadLetterTopic: topic(deadLetterTopic), maxDeliveryAttempts: retry ? delivery.maxDeliveryAttempts : 5 },
    };
  });
  // A dead-letter topic keeps nothing unless a subscription holds it: one for an operator to pull.
  const inspection = Object.entries(resources.topics)
    .filter(([, declared]) => declared.deadLetterTopic)
    .map(([, declared]) => ({ name: `projects/${projectId}/subscriptions/${declared.deadLetterTopic}-inspect`, topic: topic(declared.deadLetterTopic) }));
  const provision = { topics: Object.keys(resources.topics).map((name) => ({ name: topic(name) })), subscriptions: [...subscriptions, ...inspection] };
  await writeFile(pubsubProvisionPath, `${JSON.stringify(provision, null, 2)}\n`);
}
