import { KeyManagementServiceClient } from "@google-cloud/kms";
import { credentials } from "@grpc/grpc-js";

let kms: KeyManagementServiceClient | undefined;

/**
 * One client per instance; against the local KMS (userx-kms) it speaks plaintext gRPC. The same
 * client talks to Cloud KMS in production, with Application Default Credentials.
 */
export function getKms(emulatorHost: string | undefined): KeyManagementServiceClient {
  kms ??= emulatorHost ? emulatorClient(emulatorHost) : new KeyManagementServiceClient();
  return kms;
}

function emulatorClient(hostPort: string): KeyManagementServiceClient {
  const url = new URL(`http://${hostPort}`);
  return new KeyManagementServiceClient({
    apiEndpoint: url.hostname,
    port: Number(url.port),
    sslCreds: credentials.createInsecure(),
  });
}
