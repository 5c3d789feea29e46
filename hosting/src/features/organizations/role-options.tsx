import type { Organization } from "@user-x/sdk";
import { orgRoles } from "../../lib/contract-values";

type Role = Organization["members"][number]["role"];

/** The options of every role select: the roles the API declares, in its order. */
export function RoleOptions() {
  return (
    <>
      {orgRoles.map((role) => (
        <option key={role} value={role}>
          {role}
        </option>
      ))}
    </>
  );
}

/** The role a select's value names; `fallback` for anything else. */
export const roleFrom = (value: string, fallback: Role): Role => orgRoles.find((role) => role === value) ?? fallback;
