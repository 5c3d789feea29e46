import type { Organization } from "@user-x/sdk";
import type { ReactNode } from "react";
import { Link } from "react-router";
import { Page } from "./page";
import { useCurrentOrg } from "../lib/current-org";

/** Renders a console page for the current organization, or asks to create one first. */
export function WithOrg({ children }: { children: (org: Organization) => ReactNode }) {
  const org = useCurrentOrg();
  if (!org) {
    return (
      <Page title="No organization yet">
        <p>
          <Link to="/console">Create an organization</Link> first.
        </p>
      </Page>
    );
  }
  return <>{children(org)}</>;
}
