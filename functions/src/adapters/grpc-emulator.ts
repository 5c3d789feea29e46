import { credentials } from "@grpc/grpc-js";

/** Client options that point a Google gRPC client at a local emulator, which speaks plaintext. */
export function emulatorOptions(hostPort: string) {
  const url = new URL(`http://${hostPort}`);
  return { apiEndpoint: url.hostname, port: Number(url.port), sslCreds: credentials.createInsecure() };
}
