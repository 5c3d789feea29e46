import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import type { KeyManagementServiceClient } from "@google-cloud/kms";
import { status } from "@grpc/grpc-js";
import { crc32c } from "../../../src/adapters/kms/envelope.js";

interface Request {
  name?: string | null;
  plaintext?: Uint8Array | string | null;
  ciphertext?: Uint8Array | string | null;
  additionalAuthenticatedData?: Uint8Array | string | null;
}

const bytes = (value: Uint8Array | string | null | undefined) => Buffer.from(value ?? "");

/** A KMS that wraps with one AES-GCM key, counts its calls, and can be told to misbehave. */
export function fakeKms() {
  const master = randomBytes(32);
  const fake = {
    calls: { encrypt: 0, decrypt: 0 },
    failWith: undefined as number | undefined,
    corruptResponses: false,
    async encrypt(request: Request) {
      fake.calls.encrypt += 1;
      if (fake.failWith !== undefined) throw Object.assign(new Error("refused"), { code: fake.failWith });
      const iv = randomBytes(12);
      const cipher = createCipheriv("aes-256-gcm", master, iv);
      cipher.setAAD(bytes(request.additionalAuthenticatedData));
      const ciphertext = Buffer.concat([iv, cipher.update(bytes(request.plaintext)), cipher.final(), cipher.getAuthTag()]);
      const checksum = crc32c(ciphertext) + (fake.corruptResponses ? 1 : 0);
      return [
        {
          name: `${request.name}/cryptoKeyVersions/1`,
          ciphertext,
          ciphertextCrc32c: { value: String(checksum) },
          verifiedPlaintextCrc32c: true,
          verifiedAdditionalAuthenticatedDataCrc32c: true,
        },
      ];
    },
    async decrypt(request: Request) {
      fake.calls.decrypt += 1;
      if (fake.failWith !== undefined) throw Object.assign(new Error("refused"), { code: fake.failWith });
      const ciphertext = bytes(request.ciphertext);
      const decipher = createDecipheriv("aes-256-gcm", master, ciphertext.subarray(0, 12));
      decipher.setAAD(bytes(request.additionalAuthenticatedData));
      decipher.setAuthTag(ciphertext.subarray(-16));
      let plaintext: Buffer;
      try {
        plaintext = Buffer.concat([decipher.update(ciphertext.subarray(12, -16)), decipher.final()]);
      } catch {
        throw Object.assign(new Error("Decryption failed"), { code: status.INVALID_ARGUMENT });
      }
      return [{ plaintext, plaintextCrc32c: { value: String(crc32c(plaintext) + (fake.corruptResponses ? 1 : 0)) } }];
    },
  };
  // The fake answers only the two calls the key ring makes.
  return Object.assign(fake, { client: fake as unknown as KeyManagementServiceClient });
}
