import type { KeyManagementServiceClient } from "@google-cloud/kms";
import { status } from "@grpc/grpc-js";

const CryptoKeyName = /^(projects\/([^/]+)\/locations\/([^/]+))\/keyRings\/([^/]+)\/cryptoKeys\/([^/]+)$/;

/**
 * Creates the key ring and the ENCRYPT_DECRYPT crypto key `keyName` when they are missing, and
 * returns the names of what it created. Used by the migration command on the local platform; in
 * production the key ring and key are Terraform's, and the functions' service account may only
 * encrypt and decrypt with them.
 */
export async function ensureCryptoKey(kms: KeyManagementServiceClient, keyName: string): Promise<string[]> {
  const match = CryptoKeyName.exec(keyName);
  if (!match) throw new Error(`not a crypto key name: ${keyName}`);
  const [, location = "", , , keyRingId = "", cryptoKeyId = ""] = match;
  const keyRing = `${location}/keyRings/${keyRingId}`;
  const created: string[] = [];
  if (await absent(() => kms.getKeyRing({ name: keyRing }))) {
    await ignoringAlreadyExists(() => kms.createKeyRing({ parent: location, keyRingId, keyRing: {} }));
    created.push(keyRing);
  }
  if (await absent(() => kms.getCryptoKey({ name: keyName }))) {
    await ignoringAlreadyExists(() =>
      kms.createCryptoKey({
        parent: keyRing,
        cryptoKeyId,
        cryptoKey: { purpose: "ENCRYPT_DECRYPT", versionTemplate: { algorithm: "GOOGLE_SYMMETRIC_ENCRYPTION" } },
      }),
    );
    created.push(keyName);
  }
  return created;
}

async function absent(get: () => Promise<unknown>): Promise<boolean> {
  try {
    await get();
    return false;
  } catch (error) {
    if (codeOf(error) === status.NOT_FOUND) return true;
    throw error;
  }
}

// Another migration running at the same time may create it first.
async function ignoringAlreadyExists(create: () => Promise<unknown>): Promise<void> {
  try {
    await create();
  } catch (error) {
    if (codeOf(error) !== status.ALREADY_EXISTS) throw error;
  }
}

const codeOf = (error: unknown) => (typeof error === "object" && error !== null && "code" in error ? error.code : undefined);
