import { useQueryClient } from "@tanstack/react-query";
import { onAuthStateChanged, type User } from "firebase/auth";
import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from "react";
import { firebaseAuth } from "./firebase";

export type AuthState = { status: "loading" } | { status: "signed_out" } | { status: "signed_in"; user: User };

const AuthContext = createContext<AuthState>({ status: "loading" });

/** Who is signed in, as Firebase Auth says; data cached for one person is dropped when another signs in. */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AuthState>({ status: "loading" });
  const queryClient = useQueryClient();
  const lastUid = useRef<string | null | undefined>(undefined);

  useEffect(() => {
    let unsubscribe: (() => void) | undefined;
    let cancelled = false;
    void firebaseAuth().then((auth) => {
      if (cancelled) return;
      unsubscribe = onAuthStateChanged(auth, (user) => {
        // A visitor browsing anonymously (see api.ts) counts as signed out.
        const person = user && !user.isAnonymous ? user : null;
        const uid = person?.uid ?? null;
        if (lastUid.current !== undefined && lastUid.current !== uid) void queryClient.resetQueries();
        lastUid.current = uid;
        setState(person ? { status: "signed_in", user: person } : { status: "signed_out" });
      });
    });
    return () => {
      cancelled = true;
      unsubscribe?.();
    };
  }, [queryClient]);

  return <AuthContext.Provider value={state}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  return useContext(AuthContext);
}
