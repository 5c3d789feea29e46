import { Suspense } from "react";
import { Link, NavLink, Outlet, useNavigate } from "react-router";
import { Loading } from "../components/status";
import { signOut } from "../lib/auth-actions";
import { useAuth } from "../lib/auth";

export function Layout() {
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="site-header">
        <Link to="/" className="brand">
          User-X
        </Link>
        <nav aria-label="Main">
          <NavLink to="/" end>
            Opportunities
          </NavLink>
          <NavLink to="/claims">My claims</NavLink>
          <NavLink to="/rewards">My rewards</NavLink>
          <NavLink to="/wallet">My wallet</NavLink>
          <NavLink to="/profile">My profile</NavLink>
          <NavLink to="/preferences">Email preferences</NavLink>
          <NavLink to="/console">Console</NavLink>
        </nav>
        <Account />
      </header>
      <main id="main">
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </main>
      <footer className="site-footer">
        <nav aria-label="Platform">
          <Link to="/health">Health</Link>
          {/* Its own page (docs.html), not a route of the app: a full load. */}
          <a href="/docs">API reference</a>
        </nav>
      </footer>
    </>
  );
}

function Account() {
  const auth = useAuth();
  const navigate = useNavigate();
  if (auth.status === "loading") return <div className="account" />;
  if (auth.status === "signed_out") {
    return (
      <div className="account">
        <Link to="/sign-in">Sign in</Link>
        <Link to="/sign-up">Sign up</Link>
      </div>
    );
  }
  return (
    <div className="account">
      <span className="muted" data-testid="signed-in-email">
        {auth.user.email}
      </span>
      <button
        type="button"
        className="secondary"
        onClick={() => {
          void signOut().then(() => navigate("/"));
        }}
      >
        Sign out
      </button>
    </div>
  );
}
