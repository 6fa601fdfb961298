export const ROLES = ['admin', 'editor', 'ingest', 'subscriber'] as const;
export type Role = (typeof ROLES)[number];

/** The caller of a request, once its API key is known. */
export interface Principal {
  keyId: string;
  name: string;
  role: Role;
}

/** admin ⊃ editor ⊃ ingest; subscriber stands apart and manages only its own subscriptions. */
const GRANTS: Record<Role, readonly Role[]> = {
  admin: ['admin', 'editor', 'ingest', 'subscriber'],
  editor: ['editor', 'ingest'],
  ingest: ['ingest'],
  subscriber: ['subscriber'],
};

/** Whether a key of `role` may do what `required` may do. */
export function roleSatisfies(role: Role, required: Role): boolean {
  return GRANTS[role].includes(required);
}

export function isEditor(principal: Principal | undefined): boolean {
  return principal !== undefined && roleSatisfies(principal.role, 'editor');
}
