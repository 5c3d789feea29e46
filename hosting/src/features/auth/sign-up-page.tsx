import { useState, type FormEvent } from "react";
import { Link, useLocation } from "react-router";
import { Page } from "../../components/page";
import { signUp } from "../../lib/auth-actions";
import { authErrorMessage } from "./auth-error-message";
import { useAfterSignIn } from "./use-after-sign-in";

export function SignUpPage() {
  const location = useLocation();
  const done = useAfterSignIn();
  const [displayName, setDisplayName] = useState("");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await signUp(displayName.trim(), email.trim(), password);
      done();
    } catch (e) {
      setError(authErrorMessage(e));
      setBusy(false);
    }
  };

  return (
    <Page title="Create your account">
      <form className="form narrow" onSubmit={(e) => void submit(e)}>
        <label>
          Display name
          <input autoComplete="name" required maxLength={100} value={displayName} onChange={(e) => setDisplayName(e.target.value)} />
        </label>
        <label>
          Email
          <input type="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
        </label>
        <label>
          Password
          <input type="password" autoComplete="new-password" required minLength={6} aria-describedby="password-hint" value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        <p id="password-hint" className="muted">
          At least 6 characters.
        </p>
        {error && (
          <p className="alert" role="alert">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy}>
          Sign up
        </button>
      </form>
      <p>
        Have an account? <Link to={{ pathname: "/sign-in", search: location.search }}>Sign in</Link>
      </p>
    </Page>
  );
}
