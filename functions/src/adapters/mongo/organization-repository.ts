import type { Db } from "mongodb";
import { AppError } from "../../domain/app-error.js";
import type { OrganizationRepository } from "../../ports/repositories.js";
import { membersToDocument, organizationFromDocument, organizationToDocument, organizationsCollection } from "./documents/organization-document.js";
import { classified } from "./errors.js";

// A role change lost to a concurrent change of the same organization's members is made again on
// a fresh read; member changes are made by people, a few at a time, so a few rounds settle them.
const maxAttempts = 10;

/** Organizations and their members, in `organizations`. */
export function mongoOrganizationRepository(db: Db): OrganizationRepository {
  const organizations = organizationsCollection(db);
  return {
    insert: (org) =>
      classified(async () => {
        await organizations.insertOne(organizationToDocument(org));
      }),

    findById: (id) =>
      classified(async () => {
        const document = await organizations.findOne({ _id: id });
        return document && organizationFromDocument(document);
      }),

    listByMember: (userId) =>
      classified(async () => {
        const documents = await organizations.find({ "members.userId": userId }).sort({ createdAt: 1, _id: 1 }).toArray();
        return documents.map(organizationFromDocument);
      }),

    upsertMember: (orgId, userId, role) =>
      classified(async () => {
        for (let attempt = 0; attempt < maxAttempts; attempt++) {
          const document = await organizations.findOne({ _id: orgId });
          if (!document) return null;
          const { members } = organizationFromDocument(document);
          const updated = members.some((member) => member.userId === userId)
            ? await organizations.findOneAndUpdate(
                // FerretDB v1 cannot update an array element in place (no positional `$`, no
                // arrayFilters), so the new list replaces the one read, only if it is still that list.
                { _id: orgId, members: membersToDocument(members) },
                { $set: { members: membersToDocument(members.map((member) => (member.userId === userId ? { userId, role } : member))) } },
                { returnDocument: "after" },
              )
            : await organizations.findOneAndUpdate(
                // One guarded push, so people added at the same time never conflict. The guard is a
                // $nor because FerretDB v1 matches {"members.userId": {$ne: …}} and $elemMatch wrongly.
                { _id: orgId, $nor: [{ "members.userId": userId }] },
                { $push: { members: { userId, role } } },
                { returnDocument: "after" },
              );
          if (updated) return organizationFromDocument(updated);
        }
        throw new AppError("conflict", "the organization's members changed while this change was made; try again");
      }),
  };
}
