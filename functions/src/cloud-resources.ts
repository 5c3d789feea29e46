import { z } from "zod";
import { TaskPayload } from "./contracts/tasks.js";
import declaration from "./cloud-resources.json" with { type: "json" };

// The cloud resources User-X needs, declared once in cloud-resources.json: the migration command
// creates the queues and topics from it, the task queue routes by it, `index.ts` declares the
// subscribers from it, and the operators' Terraform is to read the same file. esbuild inlines
// the JSON into the bundle, so nothing reads the file at run time.

const QueueName = z.string().regex(/^[A-Za-z0-9-]{1,100}$/, "a Cloud Tasks queue id: letters, digits and hyphens");
const TopicName = z
  .string()
  .regex(/^(?!goog)[A-Za-z][A-Za-z0-9._~+%-]{2,254}$/, "a Pub/Sub topic id: 3 to 255 characters, starting with a letter");
const FunctionName = z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, "the name a function is exported under in index.ts");
const TaskKind = z.enum(TaskPayload.options.map((option) => option.shape.kind.value));

/** A Cloud Tasks queue's RetryConfig, in whole seconds: `maxAttempts` counts the first attempt. */
export const RetryPolicy = z
  .strictObject({
    maxAttempts: z.int().min(1),
    minBackoffSeconds: z.int().min(1),
    maxBackoffSeconds: z.int().min(1),
    maxDoublings: z.int().min(0),
  })
  .refine((policy) => policy.maxBackoffSeconds >= policy.minBackoffSeconds, "maxBackoffSeconds is below minBackoffSeconds");
export type RetryPolicy = z.infer<typeof RetryPolicy>;

/**
 * How Pub/Sub delivers to a subscriber that fails: redelivered after an exponential backoff from
 * `minBackoffSeconds` to `maxBackoffSeconds` (a subscription's RetryPolicy, bounded as Pub/Sub
 * bounds it), and forwarded to its topic's dead-letter topic after `maxDeliveryAttempts`.
 */
export const DeliveryPolicy = z
  .strictObject({
    minBackoffSeconds: z.int().min(0).max(600),
    maxBackoffSeconds: z.int().min(0).max(600),
    maxDeliveryAttempts: z.int().min(5).max(100),
  })
  .refine((policy) => policy.maxBackoffSeconds >= policy.minBackoffSeconds, "maxBackoffSeconds is below minBackoffSeconds");
export type DeliveryPolicy = z.infer<typeof DeliveryPolicy>;

/** A scheduled function: its Cloud Scheduler schedule, and how often the local platform runs it instead. */
export const Schedule = z.strictObject({
  description: z.string().min(1),
  schedule: z.string().min(1),
  localEverySeconds: z.int().min(5),
});
export type Schedule = z.infer<typeof Schedule>;

export const CloudResources = z
  .strictObject({
    /** Cloud Tasks queues by id. */
    queues: z.record(
      QueueName,
      z.strictObject({
        description: z.string().min(1),
        retryPolicy: RetryPolicy,
        /** How many tasks of the queue run at once: in production, and on the local platform's smaller machine. */
        rateLimits: z.strictObject({ maxConcurrentDispatches: z.int().min(1).max(5000), localMaxConcurrentDispatches: z.int().min(1) }).optional(),
      }),
    ),
    /** Every kind of task (an exhaustive record): the queue it waits in and the HTTPS function that runs it. */
    taskRoutes: z.record(TaskKind, z.strictObject({ queue: QueueName, functionName: FunctionName })),
    /** Pub/Sub topics by id; `deadLetterTopic` is where its subscriptions' undeliverable messages are meant to go. */
    topics: z.record(TopicName, z.strictObject({ description: z.string().min(1), deadLetterTopic: TopicName.optional() })),
    /** The `onMessagePublished` functions, by exported name: the topic each subscribes to and whether a failure is redelivered. */
    subscriptions: z.record(FunctionName, z.strictObject({ topic: TopicName, retry: z.boolean(), delivery: DeliveryPolicy })),
    /** The `onSchedule` functions, by exported name. */
    schedules: z.record(FunctionName, Schedule),
  })
  .superRefine((resources, ctx) => {
    for (const [kind, route] of Object.entries(resources.taskRoutes)) {
      if (!Object.hasOwn(resources.queues, route.queue)) {
        ctx.addIssue({ code: "custom", path: ["taskRoutes", kind, "queue"], message: `queue ${route.queue} is not declared` });
      }
    }
    for (const [name, topic] of Object.entries(resources.topics)) {
      if (topic.deadLetterTopic !== undefined && (topic.deadLetterTopic === name || !Object.hasOwn(resources.topics, topic.deadLetterTopic))) {
        ctx.addIssue({ code: "custom", path: ["topics", name, "deadLetterTopic"], message: `${topic.deadLetterTopic} is not another declared topic` });
      }
    }
    for (const [functionName, subscription] of Object.entries(resources.subscriptions)) {
      if (!Object.hasOwn(resources.topics, subscription.topic)) {
        ctx.addIssue({ code: "custom", path: ["subscriptions", functionName, "topic"], message: `topic ${subscription.topic} is not declared` });
      } else if (resources.topics[subscription.topic]?.deadLetterTopic === undefined) {
        ctx.addIssue({ code: "custom", path: ["subscriptions", functionName, "topic"], message: `topic ${subscription.topic} has no deadLetterTopic for its delivery policy` });
      }
    }
  });
export type CloudResources = z.infer<typeof CloudResources>;

/** Parses a declaration; throws naming every problem, so a bad one stops the migration and the deploy. */
export function parseCloudResources(input: unknown): CloudResources {
  const parsed = CloudResources.safeParse(input);
  if (!parsed.success) throw new Error(`cloud-resources.json is invalid:\n${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

export const cloudResources = parseCloudResources(declaration);

/** The id of a declared topic; throws for a topic that is not declared. */
export function declaredTopic(name: string): string {
  if (!Object.hasOwn(cloudResources.topics, name)) throw new Error(`topic ${name} is not declared in cloud-resources.json`);
  return name;
}

/** How the function exported as `functionName` subscribes; throws for a function that is not declared. */
export function declaredSubscription(functionName: string): CloudResources["subscriptions"][string] {
  const subscription = Object.hasOwn(cloudResources.subscriptions, functionName) ? cloudResources.subscriptions[functionName] : undefined;
  if (!subscription) throw new Error(`subscription ${functionName} is not declared in cloud-resources.json`);
  return subscription;
}

/** The schedule of the function exported as `functionName`; throws for a function that is not declared. */
export function declaredSchedule(functionName: string): Schedule {
  const schedule = Object.hasOwn(cloudResources.schedules, functionName) ? cloudResources.schedules[functionName] : undefined;
  if (!schedule) throw new Error(`schedule ${functionName} is not declared in cloud-resources.json`);
  return schedule;
}
