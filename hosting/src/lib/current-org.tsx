import type { Organization } from "@user-x/sdk";
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from "react";

// The organization the console works on: the caller's choice, remembered on this browser, and
// the organization it resolves to among those the caller belongs to.
const storageKey = "userx.console.orgId";

interface OrgChoice {
  chosenOrgId: string | null;
  choose: (orgId: string | null) => void;
}

const OrgChoiceContext = createContext<OrgChoice>({ chosenOrgId: null, choose: () => {} });
const CurrentOrgContext = createContext<Organization | null>(null);

export function OrgChoiceProvider({ children }: { children: ReactNode }) {
  const [chosenOrgId, setChosen] = useState<string | null>(() => readStored());
  const choose = useCallback((orgId: string | null) => {
    setChosen(orgId);
    try {
      if (orgId) localStorage.setItem(storageKey, orgId);
      else localStorage.removeItem(storageKey);
    } catch {
      // Storage can be off (private mode): the choice then lasts for this visit only.
    }
  }, []);
  const value = useMemo(() => ({ chosenOrgId, choose }), [chosenOrgId, choose]);
  return <OrgChoiceContext.Provider value={value}>{children}</OrgChoiceContext.Provider>;
}

export function useOrgChoice(): OrgChoice {
  return useContext(OrgChoiceContext);
}

export const CurrentOrgProvider = CurrentOrgContext.Provider;

/** The organization the console shows, or null when the caller belongs to none yet. */
export function useCurrentOrg(): Organization | null {
  return useContext(CurrentOrgContext);
}

function readStored(): string | null {
  try {
    return localStorage.getItem(storageKey);
  } catch {
    return null;
  }
}
