import { KeyManagementServiceClient } from "@google-cloud/kms";
import { emulatorOptions } from "../grpc-emulator.js";

let kms: KeyManagementServiceClient | undefined;

/**
 * One client per instance; against the local KMS (userx-kms) it speaks plaintext gRPC. The same
 * client talks to Cloud KMS in production, with Application Default Credentials.
 */
export function getKms(emulatorHost: string | undefined): KeyManagementServiceClient {
  kms ??= emulatorHost ? new KeyManagementServiceClient(emulatorOptions(emulatorHost)) : new KeyManagementServiceClient();
  return kms;
}
