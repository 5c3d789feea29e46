import type { Db } from "mongodb";
import type { SubmissionRepository } from "../../ports/repositories.js";
import { submissionToDocument, submissionsCollection } from "./documents/submission-document.js";
import { classified } from "./errors.js";

/** Submissions, one per task attempt, in `submissions`. */
export function mongoSubmissionRepository(db: Db): SubmissionRepository {
  const submissions = submissionsCollection(db);
  return {
    insert: (submission) =>
      classified(async () => {
        await submissions.insertOne(submissionToDocument(submission));
      }),
  };
}
