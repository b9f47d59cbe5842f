import type { Db } from '../../platform/db/database.js';
import type { MembershipRole, OrganisationType, PlatformRole } from '@electrifica/contracts';

export function createAccountsRepository(db: Db) {
  return {
    findUserByEmail: (emailNormalized: string) =>
      db.selectFrom('app_user').selectAll().where('email_normalized', '=', emailNormalized).executeTakeFirst(),
    findUserById: (id: string) => db.selectFrom('app_user').selectAll().where('id', '=', id).executeTakeFirst(),
    insertUser: (user: { email: string; emailNormalized: string; displayName: string; passwordHash: string; role: PlatformRole }, tx: Db = db) =>
      tx
        .insertInto('app_user')
        .values({ email: user.email, email_normalized: user.emailNormalized, display_name: user.displayName, password_hash: user.passwordHash, role: user.role, disabled_at: null })
        .returningAll()
        .executeTakeFirstOrThrow(),
    updateUserRole: (id: string, role: PlatformRole, tx: Db = db) =>
      tx.updateTable('app_user').set({ role, updated_at: new Date() }).where('id', '=', id).returningAll().executeTakeFirst(),
    updatePassword: (id: string, passwordHash: string, tx: Db = db) =>
      tx.updateTable('app_user').set({ password_hash: passwordHash, updated_at: new Date() }).where('id', '=', id).execute(),
    listUsers: async (page: { limit: number; offset: number }) => {
      const items = await db.selectFrom('app_user').select(['id', 'email', 'display_name', 'role', 'created_at']).orderBy('created_at').limit(page.limit).offset(page.offset).execute();
      const { n } = await db.selectFrom('app_user').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      return { items, total: Number(n) };
    },
    memberships: (userId: string) =>
      db
        .selectFrom('membership')
        .innerJoin('organisation', 'organisation.id', 'membership.organisation_id')
        .select(['membership.organisation_id', 'organisation.name', 'membership.role'])
        .where('membership.user_id', '=', userId)
        .orderBy('organisation.name')
        .execute(),

    insertSession: (s: { tokenHash: string; userId: string; expiresAt: Date; userAgent: string | null }) =>
      db.insertInto('session').values({ token_hash: s.tokenHash, user_id: s.userId, expires_at: s.expiresAt, user_agent: s.userAgent }).execute(),
    findSession: (tokenHash: string) =>
      db
        .selectFrom('session')
        .innerJoin('app_user', 'app_user.id', 'session.user_id')
        .select(['session.user_id', 'session.expires_at', 'session.last_seen_at', 'app_user.disabled_at'])
        .where('session.token_hash', '=', tokenHash)
        .executeTakeFirst(),
    touchSession: (tokenHash: string, expiresAt: Date) =>
      db.updateTable('session').set({ last_seen_at: new Date(), expires_at: expiresAt }).where('token_hash', '=', tokenHash).execute(),
    deleteSession: (tokenHash: string) => db.deleteFrom('session').where('token_hash', '=', tokenHash).execute(),
    deleteSessionsOfUser: (userId: string) => db.deleteFrom('session').where('user_id', '=', userId).execute(),

    insertToken: (t: { userId: string; name: string; tokenHash: string }) =>
      db.insertInto('api_token').values({ user_id: t.userId, name: t.name, token_hash: t.tokenHash, last_used_at: null, revoked_at: null }).returning(['id', 'name', 'created_at']).executeTakeFirstOrThrow(),
    findToken: (tokenHash: string) =>
      db
        .selectFrom('api_token')
        .innerJoin('app_user', 'app_user.id', 'api_token.user_id')
        .select(['api_token.id', 'api_token.user_id', 'api_token.revoked_at', 'app_user.disabled_at'])
        .where('api_token.token_hash', '=', tokenHash)
        .executeTakeFirst(),
    touchToken: (id: string) => db.updateTable('api_token').set({ last_used_at: new Date() }).where('id', '=', id).execute(),
    listTokens: (userId: string) =>
      db.selectFrom('api_token').select(['id', 'name', 'created_at', 'last_used_at']).where('user_id', '=', userId).where('revoked_at', 'is', null).orderBy('created_at').execute(),
    revokeToken: (userId: string, id: string) =>
      db.updateTable('api_token').set({ revoked_at: new Date() }).where('id', '=', id).where('user_id', '=', userId).where('revoked_at', 'is', null).executeTakeFirst(),

    insertOrganisation: (o: { name: string; type: OrganisationType; rfc: string | null; cveEnt: string | null; website: string | null }, tx: Db = db) =>
      tx.insertInto('organisation').values({ name: o.name, type: o.type, rfc: o.rfc, cve_ent: o.cveEnt, website: o.website }).returningAll().executeTakeFirstOrThrow(),
    findOrganisation: (id: string, tx: Db = db) => tx.selectFrom('organisation').selectAll().where('id', '=', id).executeTakeFirst(),
    updateOrganisation: (id: string, patch: Partial<{ name: string; type: OrganisationType; rfc: string | null; cve_ent: string | null; website: string | null; ocpi_country_code: string | null; ocpi_party_id: string | null }>, tx: Db = db) =>
      tx.updateTable('organisation').set({ ...patch, updated_at: new Date() }).where('id', '=', id).returningAll().executeTakeFirstOrThrow(),
    /** The organisation holding an OCPI party (country code + party id are unique together). */
    findOrganisationByOcpiParty: (countryCode: string, partyId: string, tx: Db = db) =>
      tx.selectFrom('organisation').select(['id', 'name']).where('ocpi_country_code', '=', countryCode).where('ocpi_party_id', '=', partyId).executeTakeFirst(),
    listOrganisations: async (page: { limit: number; offset: number; type?: string | undefined }) => {
      let q = db.selectFrom('organisation').selectAll();
      let c = db.selectFrom('organisation').select((eb) => eb.fn.countAll<number>().as('n'));
      if (page.type) {
        q = q.where('type', '=', page.type);
        c = c.where('type', '=', page.type);
      }
      const items = await q.orderBy('name').limit(page.limit).offset(page.offset).execute();
      const { n } = await c.executeTakeFirstOrThrow();
      return { items, total: Number(n) };
    },
    insertMembership: (m: { userId: string; organisationId: string; role: MembershipRole }, tx: Db = db) =>
      tx.insertInto('membership').values({ user_id: m.userId, organisation_id: m.organisationId, role: m.role }).onConflict((oc) => oc.doNothing()).returningAll().executeTakeFirst(),
    listMembers: (organisationId: string) =>
      db
        .selectFrom('membership')
        .innerJoin('app_user', 'app_user.id', 'membership.user_id')
        .select(['app_user.id', 'app_user.email', 'app_user.display_name', 'membership.role'])
        .where('membership.organisation_id', '=', organisationId)
        .orderBy('app_user.email')
        .execute(),
    listAudit: async (filter: { entityType?: string | undefined; entityId?: string | undefined; limit: number; offset: number }) => {
      let q = db.selectFrom('audit_event').selectAll();
      let c = db.selectFrom('audit_event').select((eb) => eb.fn.countAll<number>().as('n'));
      if (filter.entityType) {
        q = q.where('entity_type', '=', filter.entityType);
        c = c.where('entity_type', '=', filter.entityType);
      }
      if (filter.entityId) {
        q = q.where('entity_id', '=', filter.entityId);
        c = c.where('entity_id', '=', filter.entityId);
      }
      const items = await q.orderBy('occurred_at', 'desc').orderBy('id', 'desc').limit(filter.limit).offset(filter.offset).execute();
      const { n } = await c.executeTakeFirstOrThrow();
      return { items, total: Number(n) };
    },
  };
}

export type AccountsRepository = ReturnType<typeof createAccountsRepository>;
