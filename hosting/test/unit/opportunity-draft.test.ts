import { describe, expect, it } from "vitest";
import { newOpportunityDraft, newQuestion, toOpportunityIn } from "../../src/features/console-opportunities/opportunity-draft";

describe("opportunity draft", () => {
  it("becomes the API's OpportunityIn: typed numbers, money in minor units, optional bounds left out, choice values derived from labels", () => {
    const draft = newOpportunityDraft();
    const task = draft.tasks[0]!;
    const number = { ...newQuestion(0), id: "cups", type: "number" as const, prompt: "Cups?", min: "0", integer: true };
    const choice = { ...newQuestion(1), id: "roast", type: "single_choice" as const, prompt: "Roast?", choices: [{ key: "a", label: "Light roast" }, { key: "b", label: "Light roast" }] };
    const opportunity = toOpportunityIn("org_1", { ...draft, title: " Coffee ", rewardType: "voucher", rewardValue: "5.5", currency: "eur", poolId: "vpl_1", capacity: "10", tasks: [{ ...task, title: "Habits", questions: [number, choice] }] });
    expect(opportunity).toEqual({
      orgId: "org_1",
      title: "Coffee",
      description: "",
      capacity: 10,
      reward: { type: "voucher", value: 550, currency: "EUR", poolId: "vpl_1" },
      tasks: [
        {
          id: "task1",
          type: "survey",
          title: "Habits",
          required: true,
          questions: [
            { id: "cups", type: "number", prompt: "Cups?", required: true, integer: true, min: 0 },
            { id: "roast", type: "single_choice", prompt: "Roast?", required: true, choices: [{ value: "light_roast", label: "Light roast" }, { value: "light_roast_2", label: "Light roast" }] },
          ],
        },
      ],
      targeting: {},
    });
  });

  it("turns a social task into the API's: its action, target and proof, tags split on spaces or commas; optional when unticked", () => {
    const draft = newOpportunityDraft();
    const social = { ...draft.tasks[0]!, id: "share", title: "Share it", type: "social" as const, required: false, platform: "x" as const, action: "share" as const, target: " @acme ", proofUrl: true, mustInclude: "#brew, @acme  #day" };
    const [task] = toOpportunityIn("org_1", { ...draft, tasks: [social] }).tasks;
    expect(task).toEqual({ id: "share", title: "Share it", required: false, type: "social", platform: "x", action: "share", target: "@acme", proof: { url: true, mustInclude: ["#brew", "@acme", "#day"] } });
  });
});
