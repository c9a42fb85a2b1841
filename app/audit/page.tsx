import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { AuditLog } from "@/components/audit-log";
import { roleOf } from "@/lib/security/auth";
import { allows } from "@/lib/security/roles";

export const metadata = { title: "Audit log — Netlens" };

export default async function AuditPage() {
  const role = roleOf(await headers());
  if (!role) redirect("/login");
  if (!allows(role, "admin")) {
    return (
      <p className="p-6 text-sm text-slate-300">
        Only admins can read the audit log (you are {role}).
      </p>
    );
  }
  return <AuditLog />;
}
