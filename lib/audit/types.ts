// One audit log entry as GET /api/audit returns it; shared by the log and the Audit page.
export type AuditEntry = {
  id: number;
  at: string;
  role: string;
  operation: string;
  target: string;
  params: string;
  status: number;
  outcome: "done" | "refused" | "failed";
  message: string | null;
};
