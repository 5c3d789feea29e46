/**
 * Compiles `/v1/claims/{claimId}` into a matcher over the decoded segments of a path (see
 * request-target.ts): it returns the path parameters, or undefined when the path is another
 * route's. One trailing slash is allowed; a parameter is never empty.
 */
export function compilePath(template: string): (segments: readonly string[]) => Record<string, string> | undefined {
  const parts = template
    .split("/")
    .slice(1)
    .map((segment) => {
      const param = /^\{(\w+)\}$/.exec(segment);
      return param ? { param: param[1]! } : { literal: segment };
    });
  return (segments) => {
    const actual = segments.length > 1 && segments.at(-1) === "" ? segments.slice(0, -1) : segments;
    if (actual.length !== parts.length) return undefined;
    const params: Record<string, string> = {};
    for (const [i, part] of parts.entries()) {
      const segment = actual[i]!;
      if ("literal" in part) {
        if (segment !== part.literal) return undefined;
      } else {
        if (segment === "") return undefined;
        params[part.param] = segment;
      }
    }
    return params;
  };
}
