import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { Dashboard } from "@/components/dashboard";
import { roleOf } from "@/lib/security/auth";

export default async function HomePage() {
  // The page itself checks the session: the proxy is not relied on to keep anyone out.
  const role = roleOf(await headers());
  if (!role) redirect("/login");
  return <Dashboard role={role} />;
}
