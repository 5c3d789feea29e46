import { z } from "zod";

/** A random id with a type prefix: `opp_2f9c…`. */
export const prefixedId = (prefix: string) =>
  z.string().regex(new RegExp(`^${prefix}_[0-9A-Za-z]{16,32}$`), `expected an id starting with ${prefix}_`);

export const OrgId = prefixedId("org");
export const UserId = prefixedId("usr");
export const OpportunityId = prefixedId("opp");
export const ClaimId = prefixedId("clm");
export const SubmissionId = prefixedId("sub");
export const RewardId = prefixedId("rwd");
export const EventId = prefixedId("evt");
export const ApiKeyId = prefixedId("key");
export const WebhookEndpointId = prefixedId("whe");
export const WebhookMessageId = prefixedId("msg");
export const MediaId = prefixedId("med");

export const Timestamp = z.iso.datetime({ offset: false });

/** `limit` and `cursor` of every list route. */
export const PageQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().min(1).max(512).optional(),
});

export const page = <T extends z.ZodType>(item: T) =>
  z.object({ data: z.array(item), nextCursor: z.string().nullable() });

export const ProblemOut = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.string(),
    detail: z.string().optional(),
    requestId: z.string().optional(),
  })
  .catchall(z.unknown())
  .meta({ id: "Problem" });
