import { useNavigate, useSearchParams } from "react-router";

/** Where to go once signed in: back to the page that asked (`?next=`), else home. */
export function useAfterSignIn(): () => void {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const next = params.get("next");
  // Only a path of this app: never an address elsewhere.
  const target = next && next.startsWith("/") && !next.startsWith("//") ? next : "/";
  return () => navigate(target, { replace: true });
}
