import { credentials } from "@grpc/grpc-js";
import { CloudTasksClient } from "@google-cloud/tasks";

let tasks: CloudTasksClient | undefined;

/** One client per instance; against the local emulator it speaks plaintext gRPC. */
export function getCloudTasks(emulatorHost: string | undefined): CloudTasksClient {
  tasks ??= emulatorHost ? emulatorClient(emulatorHost) : new CloudTasksClient();
  return tasks;
}

function emulatorClient(hostPort: string): CloudTasksClient {
  const url = new URL(`http://${hostPort}`);
  return new CloudTasksClient({
    apiEndpoint: url.hostname,
    port: Number(url.port),
    sslCreds: credentials.createInsecure(),
  });
}
