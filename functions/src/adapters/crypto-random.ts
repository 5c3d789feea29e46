import { randomInt } from "node:crypto";
import type { SecureRandom } from "../ports/random.js";

/** Node's CSPRNG, drawn without modulo bias (crypto.randomInt). */
export const cryptoRandom: SecureRandom = { int: (n) => randomInt(n) };
