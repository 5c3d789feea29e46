// Demo data for the local platform, created through the public API as a client would: accounts
// in the Auth emulator (in memory, so recreated on every start), and an organization with a
// published opportunity (in MongoDB, so created only when missing).
import { endpoints, projectId } from "./platform.mjs";

export const demoPassword = "demo-password";
const demoOrgName = "Demo Org";

export const demoAccounts = [
  { localId: "demo-participant", email: "participant@demo.user-x.dev", displayName: "Ada Participant", role: "participant" },
  { localId: "demo-org-owner", email: "owner@demo.user-x.dev", displayName: "Grace Owner", role: `owner of ${demoOrgName}` },
  // The operator claim lets an account read /v1/health/details; in production it is set with the Admin SDK.
  { localId: "demo-operator", email: "operator@demo.user-x.dev", displayName: "Oscar Operator", role: "operator (detailed health)", customAttributes: JSON.stringify({ operator: true }) },
];

const demoOpportunity = (orgId) => ({
  orgId,
  title: "Tell us about your morning coffee",
  description: "A two-minute survey about coffee habits. 50 points when you finish.",
  tasks: [
    {
      id: "coffee_survey",
      type: "survey",
      title: "Coffee habits",
      questions: [
        { id: "cups", type: "number", prompt: "How many cups a day?", min: 0, max: 20, integer: true },
        { id: "roast", type: "single_choice", prompt: "Favourite roast?", choices: [{ value: "light", label: "Light" }, { value: "medium", label: "Medium" }, { value: "dark", label: "Dark" }] },
        { id: "rating", type: "rating", prompt: "How much do you enjoy it?", scale: 5 },
      ],
    },
  ],
  reward: { type: "points", value: 50 },
  // Every browser-test run claims it twice (desktop and phone) on the same local database.
  capacity: 10_000,
});

/** Seeds the demo data and returns what a newcomer needs to try the flow by hand. */
export async function seedDemoData() {
  for (const account of demoAccounts) await createAuthUser(account);
  const owner = await signIn("owner@demo.user-x.dev");
  const organizations = await api(owner, "GET", "/v1/organizations");
  const org = organizations.data.find((o) => o.name === demoOrgName) ?? (await api(owner, "POST", "/v1/organizations", { name: demoOrgName }));
  const opportunities = await api(owner, "GET", `/v1/opportunities?orgId=${org.id}&status=active`);
  const opportunity = opportunities.data[0] ?? (await publish(owner, await api(owner, "POST", "/v1/opportunities", demoOpportunity(org.id))));
  return { orgId: org.id, opportunityId: opportunity.id };
}

async function publish(token, draft) {
  return api(token, "POST", `/v1/opportunities/${draft.id}/publish`);
}

async function createAuthUser({ role: _role, ...user }) {
  const response = await fetch(`http://${endpoints.auth}/identitytoolkit.googleapis.com/v1/projects/${projectId}/accounts`, {
    method: "POST",
    // The Auth emulator accepts "owner" as an admin credential for its management API.
    headers: { authorization: "Bearer owner", "content-type": "application/json" },
    body: JSON.stringify({ ...user, password: demoPassword, emailVerified: true }),
  });
  const text = await response.text();
  if (!response.ok && !text.includes("DUPLICATE")) throw new Error(`seed: could not create ${user.email} (${response.status}): ${text}`);
}

/** An ID token from the Auth emulator, as the web app gets one. */
export async function signIn(email) {
  const response = await fetch(`http://${endpoints.auth}/identitytoolkit.googleapis.com/v1/accounts:signInWithPassword?key=demo-key`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password: demoPassword, returnSecureToken: true }),
  });
  const body = await response.json();
  if (!response.ok) throw new Error(`seed: could not sign in ${email} (${response.status})`);
  return body.idToken;
}

async function api(token, method, path, body) {
  const response = await fetch(`http://${endpoints.hosting}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { "content-type": "application/json" } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const json = await response.json();
  if (!response.ok) throw new Error(`seed: ${method} ${path} answered ${response.status}: ${JSON.stringify(json)}`);
  return json;
}
