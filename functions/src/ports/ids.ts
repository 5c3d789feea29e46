/** Random, prefixed identifiers: `ids.next("opp")` → `opp_…`. */
export interface Ids {
  next(prefix: IdPrefix): string;
}

export type IdPrefix = "org" | "usr" | "opp" | "clm" | "sub" | "rwd" | "evt" | "whe" | "msg" | "key" | "inv" | "vpl" | "pte" | "pay" | "rof" | "rdm" | "med" | "rsd" | "rcv" | "rpl" | "oid";
