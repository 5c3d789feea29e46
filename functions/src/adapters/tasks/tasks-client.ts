import { CloudTasksClient } from "@google-cloud/tasks";
import { emulatorOptions } from "../grpc-emulator.js";

let tasks: CloudTasksClient | undefined;

/** One client per instance; against the local emulator it speaks plaintext gRPC. */
export function getCloudTasks(emulatorHost: string | undefined): CloudTasksClient {
  tasks ??= emulatorHost ? new CloudTasksClient(emulatorOptions(emulatorHost)) : new CloudTasksClient();
  return tasks;
}
