import { useQuery } from "@tanstack/react-query";
import { useEffect } from "react";
import { NavLink, Outlet } from "react-router";
import { ProblemAlert } from "../../components/problem-alert";
import { Loading } from "../../components/status";
import { api } from "../../lib/api";
import { CurrentOrgProvider, useOrgChoice } from "../../lib/current-org";
import { queryKeys } from "../../lib/query-keys";

/** The console's frame: which organization, and its sections. */
export function ConsoleShell() {
  const { chosenOrgId, choose } = useOrgChoice();
  const orgs = useQuery({ queryKey: queryKeys.organizations, queryFn: ({ signal }) => api.organizations.list(undefined, { signal }) });
  const list = orgs.data?.data ?? [];
  // A remembered organization the caller has left (or another user's choice on this browser) falls back to the first.
  const current = list.find((org) => org.id === chosenOrgId) ?? list[0] ?? null;

  useEffect(() => {
    if (orgs.isSuccess && (current?.id ?? null) !== chosenOrgId) choose(current?.id ?? null);
  }, [orgs.isSuccess, current, chosenOrgId, choose]);

  if (orgs.isPending) return <Loading label="Loading your organizations…" />;
  if (orgs.isError) return <ProblemAlert error={orgs.error} title="Your organizations could not be loaded" />;

  return (
    <CurrentOrgProvider value={current}>
      <div className="console-bar">
        {list.length > 0 && (
          <label className="org-switcher">
            Organization
            <select value={current?.id ?? ""} onChange={(e) => choose(e.target.value)}>
              {list.map((org) => (
                <option key={org.id} value={org.id}>
                  {org.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <nav aria-label="Console">
          <NavLink to="/console" end>
            Overview
          </NavLink>
          {current && (
            <>
              <NavLink to="/console/opportunities">Opportunities</NavLink>
              <NavLink to="/console/reviews">Reviews</NavLink>
              <NavLink to="/console/payouts">Payouts</NavLink>
              <NavLink to="/console/budgets">Budgets</NavLink>
              <NavLink to="/console/vouchers">Vouchers</NavLink>
              <NavLink to="/console/redemptions">Catalogue</NavLink>
              <NavLink to="/console/webhooks">Webhooks</NavLink>
              <NavLink to="/console/api-keys">API keys</NavLink>
              <NavLink to="/console/members">Members</NavLink>
              <NavLink to="/console/sign-in-providers">Sign-in providers</NavLink>
              <NavLink to="/console/audit">Audit log</NavLink>
              <NavLink to="/console/points">Points</NavLink>
            </>
          )}
        </nav>
      </div>
      <Outlet />
    </CurrentOrgProvider>
  );
}
