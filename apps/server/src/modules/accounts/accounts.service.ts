import { createHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import type { MembershipRole, OrganisationType, PlatformRole } from '@electrifica/contracts';
import { recordAudit, type Actor } from '../../platform/audit.js';
import type { Db } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { canEditOrganisation, ocpiPartyProblems, hasRole, isValidEmail, normalizeEmail, passwordProblems, type Principal } from './accounts.domain.js';
import type { AccountsRepository } from './accounts.repository.js';

/** OWASP's argon2id baseline: 19 MiB, 2 iterations, 1 lane. */
const argonOptions = { algorithm: 2 /* Algorithm.Argon2id (a const enum) */, memoryCost: 19456, timeCost: 2, parallelism: 1 };
const tokenPrefix = 'elf_';

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
const newSecret = () => randomBytes(32).toString('base64url');

export const actorOf = (p: Principal): Actor => ({ userId: p.userId, label: p.email });

export interface RoleGuard {
  requireRole(principal: Principal | null, role: PlatformRole): asserts principal is Principal;
}

export function createAccountsService(deps: { db: Db; repository: AccountsRepository; sessionTtlHours: number }) {
  const { db, repository: repo } = deps;
  // Verifying against a real hash when the email is unknown keeps sign-in time the same either way.
  const dummyHash = hash('not-a-real-password-for-timing', argonOptions);

  async function principalFor(userId: string, via: Principal['via']): Promise<Principal | null> {
    const user = await repo.findUserById(userId);
    if (!user || user.disabled_at) return null;
    const memberships = await repo.memberships(userId);
    return {
      userId: user.id,
      email: user.email,
      displayName: user.display_name,
      role: user.role,
      memberships: memberships.map((m) => ({ organisationId: m.organisation_id, organisationName: m.name, role: m.role })),
      via,
    };
  }

  const requireRole: RoleGuard['requireRole'] = (principal, role) => {
    if (!principal) throw new AppError('ACCOUNTS.UNAUTHENTICATED', 'Sign in, or send an API token as "Authorization: Bearer <token>".');
    if (!hasRole(principal, role)) throw new AppError('ACCOUNTS.FORBIDDEN', `This needs the ${role} role.`);
  };

  async function createUser(input: { email: string; password: string; displayName: string; role: PlatformRole }, actor: Actor | null) {
    const email = input.email.trim();
    if (!isValidEmail(email)) throw new AppError('PLATFORM.VALIDATION_FAILED', `"${email}" is not a valid email address.`, [{ path: '/email', message: 'invalid email' }]);
    const problems = passwordProblems(input.password, email);
    if (problems.length > 0) throw new AppError('ACCOUNTS.WEAK_PASSWORD', problems.join(' '), problems.map((m) => ({ path: '/password', message: m })));
    const displayName = input.displayName.trim();
    if (!displayName) throw new AppError('PLATFORM.VALIDATION_FAILED', 'Give a display name.', [{ path: '/displayName', message: 'required' }]);
    const emailNormalized = normalizeEmail(email);
    if (await repo.findUserByEmail(emailNormalized)) throw new AppError('ACCOUNTS.EMAIL_TAKEN', `An account with ${email} already exists; sign in instead.`);
    const passwordHash = await hash(input.password, argonOptions);
    return db.transaction().execute(async (tx) => {
      const user = await repo.insertUser({ email, emailNormalized, displayName, passwordHash, role: input.role }, tx);
      await recordAudit(tx, actor ?? { userId: user.id, label: email }, [
        { entityType: 'accounts.user', entityId: user.id, action: 'create', before: null, after: { email, displayName, role: input.role } },
      ]);
      return user;
    });
  }

  async function startSession(userId: string, userAgent: string | null) {
    const token = newSecret();
    const expiresAt = new Date(Date.now() + deps.sessionTtlHours * 3600_000);
    await repo.insertSession({ tokenHash: sha256(token), userId, expiresAt, userAgent });
    return { token, expiresAt };
  }

  return {
    requireRole,
    principalFor,

    async signUp(input: { email: string; password: string; displayName: string }, userAgent: string | null) {
      const user = await createUser({ ...input, role: 'member' }, null);
      const session = await startSession(user.id, userAgent);
      return { principal: (await principalFor(user.id, 'session'))!, session };
    },

    async signIn(input: { email: string; password: string }, userAgent: string | null) {
      const user = await repo.findUserByEmail(normalizeEmail(input.email));
      const ok = user && !user.disabled_at ? await verify(user.password_hash, input.password) : (await verify(await dummyHash, input.password), false);
      if (!user || !ok) throw new AppError('ACCOUNTS.INVALID_CREDENTIALS', 'The email or the password is wrong.');
      const session = await startSession(user.id, userAgent);
      return { principal: (await principalFor(user.id, 'session'))!, session };
    },

    signOut: (sessionToken: string) => repo.deleteSession(sha256(sessionToken)),

    /** Resolves a session cookie; slides its expiry at most once an hour. */
    async resolveSession(sessionToken: string): Promise<Principal | null> {
      const tokenHash = sha256(sessionToken);
      const session = await repo.findSession(tokenHash);
      if (!session || session.disabled_at || new Date(session.expires_at) < new Date()) return null;
      if (Date.now() - new Date(session.last_seen_at).getTime() > 3600_000) {
        await repo.touchSession(tokenHash, new Date(Date.now() + deps.sessionTtlHours * 3600_000));
      }
      return principalFor(session.user_id, 'session');
    },

    async resolveApiToken(token: string): Promise<Principal | null> {
      if (!token.startsWith(tokenPrefix)) return null;
      const row = await repo.findToken(sha256(token));
      if (!row || row.revoked_at || row.disabled_at) return null;
      await repo.touchToken(row.id);
      return principalFor(row.user_id, 'token');
    },

    async createApiToken(principal: Principal | null, name: string) {
      requireRole(principal, 'member');
      const token = `${tokenPrefix}${newSecret()}`;
      const row = await repo.insertToken({ userId: principal.userId, name: name.trim() || 'token', tokenHash: sha256(token) });
      await recordAudit(db, actorOf(principal), [{ entityType: 'accounts.api-token', entityId: row.id, action: 'create', before: null, after: { name: row.name } }]);
      return { id: row.id, name: row.name, token, createdAt: new Date(row.created_at).toISOString() };
    },

    async listApiTokens(principal: Principal | null) {
      requireRole(principal, 'member');
      const rows = await repo.listTokens(principal.userId);
      return rows.map((r) => ({ id: r.id, name: r.name, createdAt: new Date(r.created_at).toISOString(), lastUsedAt: r.last_used_at ? new Date(r.last_used_at).toISOString() : null }));
    },

    async revokeApiToken(principal: Principal | null, id: string) {
      requireRole(principal, 'member');
      const result = await repo.revokeToken(principal.userId, id);
      if (Number(result.numUpdatedRows) === 0) throw new AppError('ACCOUNTS.TOKEN_NOT_FOUND', `You have no active API token with id ${id}.`);
      await recordAudit(db, actorOf(principal), [{ entityType: 'accounts.api-token', entityId: id, action: 'delete', before: { revoked: false }, after: { revoked: true } }]);
    },

    /** The first admin, or any admin, from the command line. */
    async createAdmin(input: { email: string; password: string; displayName: string }) {
      const existing = await repo.findUserByEmail(normalizeEmail(input.email));
      if (existing) {
        if (existing.role !== 'admin') {
          await db.transaction().execute(async (tx) => {
            await repo.updateUserRole(existing.id, 'admin', tx);
            await recordAudit(tx, { userId: null, label: 'cli' }, [{ entityType: 'accounts.user', entityId: existing.id, action: 'update', before: { role: existing.role }, after: { role: 'admin' } }]);
          });
        }
        return { id: existing.id, email: existing.email, created: false };
      }
      const user = await createUser({ ...input, role: 'admin' }, { userId: null, label: 'cli' });
      return { id: user.id, email: user.email, created: true };
    },

    async listUsers(principal: Principal | null, page: { limit: number; offset: number }) {
      requireRole(principal, 'admin');
      const { items, total } = await repo.listUsers(page);
      return { items: items.map((u) => ({ id: u.id, email: u.email, displayName: u.display_name, role: u.role, createdAt: new Date(u.created_at).toISOString() })), total };
    },

    async setUserRole(principal: Principal | null, userId: string, role: PlatformRole) {
      requireRole(principal, 'admin');
      const before = await repo.findUserById(userId);
      if (!before) throw new AppError('ACCOUNTS.USER_NOT_FOUND', `There is no user with id ${userId}.`);
      if (before.id === principal.userId && role !== 'admin') throw new AppError('ACCOUNTS.FORBIDDEN', 'You cannot remove your own admin role; ask another admin.');
      const after = await db.transaction().execute(async (tx) => {
        const updated = (await repo.updateUserRole(userId, role, tx))!;
        await recordAudit(tx, actorOf(principal), [{ entityType: 'accounts.user', entityId: userId, action: 'update', before: { role: before.role }, after: { role } }]);
        return updated;
      });
      return { id: after.id, email: after.email, displayName: after.display_name, role: after.role, createdAt: new Date(after.created_at).toISOString() };
    },

    async listOrganisations(page: { limit: number; offset: number; type?: string | undefined }) {
      const { items, total } = await repo.listOrganisations(page);
      return { items: items.map(toOrganisation), total };
    },

    async getOrganisation(id: string) {
      const org = await repo.findOrganisation(id);
      if (!org) throw new AppError('ACCOUNTS.ORGANISATION_NOT_FOUND', `There is no organisation with id ${id}.`);
      return toOrganisation(org);
    },

    /** Any signed-in user may create an organisation and becomes its editor. */
    async createOrganisation(principal: Principal | null, input: { name: string; type: OrganisationType; rfc?: string | null; cveEnt?: string | null; website?: string | null }) {
      requireRole(principal, 'member');
      return db.transaction().execute(async (tx) => {
        const org = await repo.insertOrganisation({ name: input.name.trim(), type: input.type, rfc: input.rfc ?? null, cveEnt: input.cveEnt ?? null, website: input.website ?? null }, tx);
        await repo.insertMembership({ userId: principal.userId, organisationId: org.id, role: 'editor' }, tx);
        await recordAudit(tx, actorOf(principal), [
          { entityType: 'accounts.organisation', entityId: org.id, action: 'create', before: null, after: toOrganisation(org) },
          { entityType: 'accounts.membership', entityId: `${org.id}:${principal.userId}`, action: 'create', before: null, after: { role: 'editor' } },
        ]);
        return toOrganisation(org);
      });
    },

    async updateOrganisation(principal: Principal | null, id: string, patch: Partial<{ name: string; type: OrganisationType; rfc: string | null; cveEnt: string | null; website: string | null; ocpiCountryCode: string | null; ocpiPartyId: string | null }>) {
      requireRole(principal, 'member');
      const before = await repo.findOrganisation(id);
      if (!before) throw new AppError('ACCOUNTS.ORGANISATION_NOT_FOUND', `There is no organisation with id ${id}.`);
      if (!canEditOrganisation(principal, id)) throw new AppError('ACCOUNTS.FORBIDDEN', 'Only editors of this organisation (or admins) can change it.');
      const party = ocpiPartyPatch(patch);
      // The party decides which imported locations an organisation operates: only admins vouch for it.
      if (party && principal.role !== 'admin') throw new AppError('ACCOUNTS.FORBIDDEN', 'Only admins set an organisation’s OCPI party.', [{ path: '/ocpiPartyId', message: 'admins only' }]);
      return db.transaction().execute(async (tx) => {
        if (party?.ocpi_party_id) {
          const holder = await repo.findOrganisationByOcpiParty(party.ocpi_country_code!, party.ocpi_party_id, tx);
          if (holder && holder.id !== id) {
            throw new AppError('ACCOUNTS.OCPI_PARTY_TAKEN', `The OCPI party ${party.ocpi_country_code}*${party.ocpi_party_id} belongs to ${holder.name}.`, [{ path: '/ocpiPartyId', message: 'taken' }]);
          }
        }
        const after = await repo.updateOrganisation(id, {
          ...(party ?? {}),
          ...(patch.name !== undefined && { name: patch.name.trim() }),
          ...(patch.type !== undefined && { type: patch.type }),
          ...(patch.rfc !== undefined && { rfc: patch.rfc }),
          ...(patch.cveEnt !== undefined && { cve_ent: patch.cveEnt }),
          ...(patch.website !== undefined && { website: patch.website }),
        }, tx);
        await recordAudit(tx, actorOf(principal), [{ entityType: 'accounts.organisation', entityId: id, action: 'update', before: toOrganisation(before), after: toOrganisation(after) }]);
        return toOrganisation(after);
      });
    },

    async addMember(principal: Principal | null, organisationId: string, input: { email: string; role: MembershipRole }) {
      requireRole(principal, 'member');
      if (!(await repo.findOrganisation(organisationId))) throw new AppError('ACCOUNTS.ORGANISATION_NOT_FOUND', `There is no organisation with id ${organisationId}.`);
      if (!canEditOrganisation(principal, organisationId)) throw new AppError('ACCOUNTS.FORBIDDEN', 'Only editors of this organisation (or admins) can add members.');
      const user = await repo.findUserByEmail(normalizeEmail(input.email));
      if (!user) throw new AppError('ACCOUNTS.USER_NOT_FOUND', `No account uses ${input.email}; ask them to sign up first.`);
      return db.transaction().execute(async (tx) => {
        const row = await repo.insertMembership({ userId: user.id, organisationId, role: input.role }, tx);
        if (!row) throw new AppError('ACCOUNTS.ALREADY_MEMBER', `${input.email} is already a member of this organisation.`);
        await recordAudit(tx, actorOf(principal), [{ entityType: 'accounts.membership', entityId: `${organisationId}:${user.id}`, action: 'create', before: null, after: { email: user.email, role: input.role } }]);
        return { userId: user.id, email: user.email, displayName: user.display_name, role: input.role };
      });
    },

    async listMembers(principal: Principal | null, organisationId: string) {
      requireRole(principal, 'member');
      if (!canEditOrganisation(principal, organisationId) && !hasRole(principal, 'moderator')) {
        throw new AppError('ACCOUNTS.FORBIDDEN', 'Only editors of this organisation, moderators and admins can see its members.');
      }
      const rows = await repo.listMembers(organisationId);
      return { items: rows.map((r) => ({ userId: r.id, email: r.email, displayName: r.display_name, role: r.role })), total: rows.length };
    },

    /** A record's history: moderators and admins only. */
    async listAudit(principal: Principal | null, filter: { entityType?: string | undefined; entityId?: string | undefined; limit: number; offset: number }) {
      requireRole(principal, 'member');
      if (!hasRole(principal, 'moderator')) throw new AppError('ACCOUNTS.FORBIDDEN', 'Record history is visible to moderators and admins.');
      const { items, total } = await repo.listAudit(filter);
      return {
        items: items.map((e) => ({
          id: Number(e.id), entityType: e.entity_type, entityId: e.entity_id, action: e.action, actorUserId: e.actor_user_id, actorLabel: e.actor_label,
          importId: e.import_id, occurredAt: new Date(e.occurred_at).toISOString(), before: e.before, after: e.after,
        })),
        total,
      };
    },
  };
}

function toOrganisation(o: { id: string; name: string; type: string; rfc: string | null; cve_ent: string | null; website: string | null; ocpi_country_code?: string | null; ocpi_party_id?: string | null; created_at: Date; updated_at: Date }) {
  return {
    id: o.id, name: o.name, type: o.type as OrganisationType, rfc: o.rfc, cveEnt: o.cve_ent, website: o.website,
    // char(2) pads on some engines; the party is compared trimmed everywhere.
    ocpiCountryCode: o.ocpi_country_code ? o.ocpi_country_code.trim() : null, ocpiPartyId: o.ocpi_party_id ?? null,
    createdAt: new Date(o.created_at).toISOString(), updatedAt: new Date(o.updated_at).toISOString(),
  };
}

/**
 * An OCPI party (ISO 3166-1 alpha-2 country + 3-character party id) is set or cleared as
 * a pair, upper-cased as OCPI writes it; undefined when the patch does not touch it.
 */
function ocpiPartyPatch(patch: { ocpiCountryCode?: string | null | undefined; ocpiPartyId?: string | null | undefined }) {
  if (patch.ocpiCountryCode === undefined && patch.ocpiPartyId === undefined) return undefined;
  const country = patch.ocpiCountryCode?.trim().toUpperCase() || null;
  const party = patch.ocpiPartyId?.trim().toUpperCase() || null;
  const problems = ocpiPartyProblems(country, party);
  if (problems.length > 0) throw new AppError('PLATFORM.VALIDATION_FAILED', problems.map((p) => p.message).join(' '), problems);
  return { ocpi_country_code: country, ocpi_party_id: party };
}

export type AccountsService = ReturnType<typeof createAccountsService>;
