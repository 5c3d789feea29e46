import type { OidcIssuer } from "../../../src/domain/identity/oidc-issuer.js";
import type { OidcIssuerRepository } from "../../../src/ports/oidc-issuer-repository.js";
import type { OidcSubjectRepository } from "../../../src/ports/oidc-subject-repository.js";

export class InMemoryOidcIssuerRepository implements OidcIssuerRepository {
  readonly issuers: OidcIssuer[] = [];

  async add(issuer: OidcIssuer) {
    if (this.issuers.some((held) => held.orgId === issuer.orgId && held.issuer === issuer.issuer && held.audience === issuer.audience)) return false;
    this.issuers.push(structuredClone(issuer));
    return true;
  }

  async listByOrg(orgId: string) {
    return this.issuers.filter((issuer) => issuer.orgId === orgId).map((issuer) => structuredClone(issuer));
  }

  async findByIssuer(issuer: string) {
    return this.issuers.filter((held) => held.issuer === issuer).map((held) => structuredClone(held));
  }

  async remove(orgId: string, id: string) {
    const index = this.issuers.findIndex((issuer) => issuer.orgId === orgId && issuer.id === id);
    return index < 0 ? null : (this.issuers.splice(index, 1)[0] ?? null);
  }
}

export class InMemoryOidcSubjectRepository implements OidcSubjectRepository {
  readonly subjects = new Map<string, { userId: string; linkedAt: Date }>();

  async find(issuer: string, subject: string) {
    return this.subjects.get(JSON.stringify([issuer, subject])) ?? null;
  }

  async link(issuer: string, subject: string, userId: string, at: Date) {
    const key = JSON.stringify([issuer, subject]);
    const held = this.subjects.get(key);
    if (held) return held;
    this.subjects.set(key, { userId, linkedAt: at });
    return { userId, linkedAt: at };
  }
}
