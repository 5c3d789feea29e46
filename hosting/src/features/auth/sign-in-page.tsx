import { useState, type FormEvent } from "react";
import { Link, useLocation } from "react-router";
import { Page } from "../../components/page";
import { signIn } from "../../lib/auth-actions";
import { useAuth } from "../../lib/auth";
import { authErrorMessage } from "./auth-error-message";
import { useAfterSignIn } from "./use-after-sign-in";

export function SignInPage() {
  const auth = useAuth();
  const location = useLocation();
  const done = useAfterSignIn();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await signIn(email.trim(), password);
      done();
    } catch (e) {
      setError(authErrorMessage(e));
      setBusy(false);
    }
  };

  return (
    <Page title="Sign in">
      {auth.status === "signed_in" && <p>You are signed in as {auth.user.email}.</p>}
      <form className="form narrow" onSubmit={(e) => void submit(e)}>
        <label>
          Email
          <input type="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
        </label>
        <label>
          Password
          <input type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        {error && (
          <p className="alert" role="alert">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy}>
          Sign in
        </button>
      </form>
      <p>
        New here? <Link to={{ pathname: "/sign-up", search: location.search }}>Create an account</Link>
      </p>
    </Page>
  );
}
