import { api, seg } from '../../api/client';
import type { AdminUser, AuditEvent, ListResponse, MembershipRole, Organisation, OrganisationType, PlatformRole } from '../../api/types';

export const listUsers = (query: { limit: number; offset: number }, signal?: AbortSignal) =>
  api.get<ListResponse<AdminUser>>('/api/v1/admin/users', query, signal);

export const setUserRole = (id: string, role: PlatformRole) =>
  api.patch<AdminUser>(`/api/v1/admin/users/${seg(id)}`, { role });

export const listOrganisations = (query: { limit: number; offset: number }, signal?: AbortSignal) =>
  api.get<ListResponse<Organisation>>('/api/v1/organisations', query, signal);

export const createOrganisation = (input: { name: string; type: OrganisationType }) =>
  api.post<Organisation>('/api/v1/organisations', input);

export const addMember = (organisationId: string, input: { email: string; role: MembershipRole }) =>
  api.post<unknown>(`/api/v1/organisations/${seg(organisationId)}/members`, input);

export const listAudit = (
  query: { entityType: string; entityId: string; limit: number; offset: number },
  signal?: AbortSignal,
) => api.get<ListResponse<AuditEvent>>('/api/v1/audit', query, signal);

/** Entity types the server records (module.entity). */
export const auditEntityTypes = {
  user: 'accounts.user',
  organisation: 'accounts.organisation',
  membership: 'accounts.membership',
  state: 'geo.state',
  municipality: 'geo.municipality',
  locality: 'geo.locality',
} as const;
