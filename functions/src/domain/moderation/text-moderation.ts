import { englishDataset, englishRecommendedTransformers, RegExpMatcher } from "obscenity";
import type { z } from "zod";
import type { SurveyAnswers, VerificationCheck } from "../../contracts/claims.js";
import type { Question } from "../../contracts/opportunities.js";

// Built once per instance: compiling the English dataset's patterns is the costly part, matching is cheap.
const matcher = new RegExpMatcher({ ...englishDataset.build(), ...englishRecommendedTransformers });

/** The profane words `text` holds, as the English dataset names them (its original words, not the disguised spelling). */
export function profanitiesIn(text: string): string[] {
  const words = matcher.getAllMatches(text).map((match) => englishDataset.getPayloadWithPhraseMetadata(match).phraseMetadata?.originalWord ?? "");
  return [...new Set(words.filter((word) => word !== ""))];
}

/**
 * `text_moderation`: the free-text answers of a survey, screened with `obscenity` (its English
 * dataset and recommended transformers, which see through leet speak, repeated letters and
 * look-alike characters). A flagged answer is not conclusive: the submission waits for a reviewer,
 * who reads the question ids and the words found (never the answer itself, which the check does not copy).
 */
export function textModerationCheck(questions: readonly Question[], answers: z.infer<typeof SurveyAnswers>): z.infer<typeof VerificationCheck> | null {
  const texts = questions.filter((question) => question.type === "text" && Object.hasOwn(answers, question.id) && typeof answers[question.id] === "string");
  if (texts.length === 0) return null;
  const flagged = texts.flatMap((question) => {
    const words = profanitiesIn(answers[question.id] as string);
    return words.length === 0 ? [] : [`${question.id}: ${words.join(", ")}`];
  });
  return flagged.length === 0
    ? { name: "text_moderation", passed: true, conclusive: true, score: 0 }
    : { name: "text_moderation", passed: false, conclusive: false, score: flagged.length, reason: `profanity in ${flagged.join("; ")}` };
}
