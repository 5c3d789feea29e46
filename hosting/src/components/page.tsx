import { useEffect, useRef, type ReactNode } from "react";

/**
 * A page: its title in the tab and as its one h1, which takes the focus when the page opens so
 * a screen reader announces where a link led, as a full page load would.
 */
export function Page({ title, children, actions }: { title: string; children: ReactNode; actions?: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · User-X`;
    heading.current?.focus({ preventScroll: false });
  }, [title]);
  return (
    <>
      <div className="page-head">
        <h1 ref={heading} tabIndex={-1}>
          {title}
        </h1>
        {actions}
      </div>
      {children}
    </>
  );
}
