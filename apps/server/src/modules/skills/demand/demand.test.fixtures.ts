/**
 * Test support for the demand, training and gap tests: SYNTHETIC people and organisations
 * made through the accounts service, and a caller that speaks as one of them.
 */
import type { OrganisationType } from '@electrifica/contracts';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import type { TestApp } from '../../../test/test-app.js';

const password = 'caballo correcto batería';

export interface Actors {
  call: (method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, who?: string, payload?: unknown) => Promise<LightMyRequestResponse>;
  /** A user `name` who edits a new organisation `name` of `type` (or no organisation). */
  add: (name: string, type?: OrganisationType | null, options?: { cveEnt?: string; role?: 'analyst' | 'admin' }) => Promise<string | null>;
  orgs: Record<string, string>;
}

export function actors(t: () => TestApp): Actors {
  const tokens: Record<string, string> = {};
  const orgs: Record<string, string> = {};
  return {
    orgs,
    call: (method, url, who, payload) => t().app.inject({ method, url, headers: who ? { authorization: `Bearer ${tokens[who]}` } : {}, ...(payload === undefined ? {} : { payload: payload as object }) }),
    async add(name, type = null, options = {}) {
      const { principal } = await t().services.accounts.signUp({ email: `${name}@example.mx`, password, displayName: `Persona sintética ${name}` }, null);
      if (options.role) await sql`update app_user set role = ${options.role} where id = ${principal.userId}::uuid`.execute(t().database.db);
      let org: string | null = null;
      if (type) {
        org = (await t().services.accounts.createOrganisation(principal, { name: `Organización sintética ${name}`, type })).id;
        if (options.cveEnt) await sql`update organisation set cve_ent = ${options.cveEnt} where id = ${org}::uuid`.execute(t().database.db);
        orgs[name] = org;
      }
      // Signed in again, so the token's principal carries the new membership and role.
      const signedIn = await t().services.accounts.signIn({ email: `${name}@example.mx`, password }, null);
      tokens[name] = (await t().services.accounts.createApiToken(signedIn.principal, 'test')).token;
      return org;
    },
  };
}

export const count = async (t: TestApp, table: string) =>
  Number((await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(t.database.db)).rows[0]!.n);
