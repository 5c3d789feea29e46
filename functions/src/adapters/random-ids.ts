import { randomBase62 } from "../domain/identity/random-base62.js";
import type { IdPrefix, Ids } from "../ports/ids.js";

/** 22 base62 characters from a CSPRNG: ~131 bits, unguessable, so ids never leak counts or order. */
export const randomIds: Ids = {
  next: (prefix: IdPrefix) => `${prefix}_${randomBase62(22)}`,
};
