import { status } from "@grpc/grpc-js";

/** Whether a Google client library call failed because what it creates exists already (gRPC ALREADY_EXISTS). */
export function isAlreadyExists(error: unknown): boolean {
  return typeof error === "object" && error !== null && "code" in error && error.code === status.ALREADY_EXISTS;
}
