import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { Dashboard } from "@/components/dashboard";
import { decodeViewState } from "@/lib/client/view-state";
import { changesUnavailable } from "@/lib/server/change-access";
import { roleOf } from "@/lib/security/auth";
import { loginPath } from "@/lib/security/return-path";
import { allows } from "@/lib/security/roles";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function HomePage({ searchParams }: Props) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(await searchParams)) {
    for (const one of [value ?? []].flat()) query.append(key, one);
  }
  // The page itself checks the session: the proxy is not relied on to keep anyone out. A shared
  // link survives the login: the login page returns to it.
  const role = roleOf(await headers());
  if (!role) redirect(loginPath(query.size > 0 ? `/?${query}` : "/"));
  // Said up front (a read-only socket proxy, NETLENS_READONLY) rather than on the first failure.
  const changesOff = allows(role, "operator") ? await changesUnavailable() : null;
  // Decoded here, not in the browser: the page is rendered as the link says from the first paint.
  return <Dashboard role={role} initialView={decodeViewState(query)} changesOff={changesOff} />;
}
