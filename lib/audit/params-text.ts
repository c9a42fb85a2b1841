// How an audit entry's parameters read on the Audit page: the JSON the API was sent, with a space
// after every comma and colon so a narrow column wraps it between values, never inside one.

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function spaced(value: Json): string {
  if (Array.isArray(value)) return `[${value.map(spaced).join(", ")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}: ${spaced(v)}`);
    return entries.length > 0 ? `{ ${entries.join(", ")} }` : "{}";
  }
  return JSON.stringify(value);
}

/** `params` as one wrappable line; text that is not JSON is returned as it is. */
export function paramsText(params: string): string {
  try {
    return spaced(JSON.parse(params) as Json);
  } catch {
    return params;
  }
}
