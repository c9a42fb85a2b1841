// Who may do what. Pure, shared by the server (which enforces) and the UI (which hides).
export const ROLES = ["viewer", "operator", "admin"] as const;
export type Role = (typeof ROLES)[number];

/** viewer: everything read-only, the live stream included; operator: plus connect/disconnect; admin: plus create/remove/prune. */
export function allows(role: Role, needed: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(needed);
}
