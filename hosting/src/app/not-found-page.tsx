import { Link } from "react-router";
import { Page } from "../components/page";

export function NotFoundPage() {
  return (
    <Page title="Page not found">
      <p>
        Nothing lives at this address. <Link to="/">Browse opportunities</Link>.
      </p>
    </Page>
  );
}
