import { Link } from "react-router";
import { Page } from "../../components/page";
import { useCurrentOrg } from "../../lib/current-org";
import { CreateOrganizationForm } from "./create-organization-form";
import { ReceivedInvitations } from "./received-invitations";
import { YourUserId } from "./your-user-id";

export function ConsoleHomePage() {
  const org = useCurrentOrg();
  return (
    <Page title="Organization console">
      {org ? (
        <section aria-labelledby="current-org-title">
          <h2 id="current-org-title">{org.name}</h2>
          <p className="muted">
            <code>{org.id}</code> · {org.members.length} {org.members.length === 1 ? "member" : "members"}
          </p>
          <ul className="links">
            <li>
              <Link to="/console/opportunities">Opportunities</Link>: create, publish, and see their claims
            </li>
            <li>
              <Link to="/console/webhooks">Webhooks</Link>: where User-X sends signed events
            </li>
            <li>
              <Link to="/console/api-keys">API keys</Link>: for your own servers
            </li>
            <li>
              <Link to="/console/members">Members</Link>: who works on this organization, and their roles
            </li>
          </ul>
        </section>
      ) : (
        <p>You are not a member of any organization yet. Create one, or ask a colleague to invite you.</p>
      )}
      <ReceivedInvitations />
      <YourUserId />
      <CreateOrganizationForm />
    </Page>
  );
}
