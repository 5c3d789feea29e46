// Demo data for the local platform: accounts in the Auth emulator, so a newcomer can sign in
// and call the API by hand. The emulator keeps its state in memory, so this runs on every start.
import { endpoints, projectId } from "./platform.mjs";

export const demoPassword = "demo-password";

export const demoAccounts = [
  { localId: "demo-participant", email: "participant@demo.user-x.dev", displayName: "Ada Participant", role: "participant" },
  { localId: "demo-org-owner", email: "owner@demo.user-x.dev", displayName: "Grace Owner", role: "owner of Demo Org" },
];

export async function seedDemoData() {
  for (const account of demoAccounts) {
    const { role, ...user } = account;
    const response = await fetch(
      `http://${endpoints.auth}/identitytoolkit.googleapis.com/v1/projects/${projectId}/accounts`,
      {
        method: "POST",
        // The Auth emulator accepts "owner" as an admin credential for its management API.
        headers: { authorization: "Bearer owner", "content-type": "application/json" },
        body: JSON.stringify({ ...user, password: demoPassword, emailVerified: true }),
      },
    );
    if (!response.ok && !(await response.text()).includes("DUPLICATE")) {
      throw new Error(`seed: could not create ${account.email} (${response.status})`);
    }
  }
}
