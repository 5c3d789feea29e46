import { z } from "zod";
import { Timestamp, UserId } from "./common.js";
import { defineRoute } from "./route.js";

/** The caller as User-X knows them. Name and email stay with the identity provider's token. */
export const AccountOut = z.object({ userId: UserId, createdAt: Timestamp }).meta({ id: "Account" });
export type AccountOut = z.infer<typeof AccountOut>;

export const accountRoutes = {
  getAccount: defineRoute({
    operationId: "getAccount",
    method: "GET",
    path: "/v1/account",
    summary: "The caller's User-X account: the user id an organization adds as a member",
    tag: "Account",
    auth: { kind: "user" },
    response: { status: 200, schema: AccountOut },
  }),
} as const;
