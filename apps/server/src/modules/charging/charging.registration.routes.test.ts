import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app.js';

/*
 * Every location, organisation and person here is synthetic, made for these tests. The
 * points are real places (Querétaro, Monterrey) so placement can be checked.
 */
let t: TestApp;
const tokens: Record<string, string> = {};
let orgA: string;
let orgB: string;
let companyOrg: string;
const password = 'caballo correcto batería';

const queretaro = { lat: 20.5888, lon: -100.3899 };
const monterrey = { lat: 25.6866, lon: -100.3161 };

const call = (method: 'GET' | 'POST' | 'PATCH', url: string, who?: string, payload?: unknown) =>
  t.app.inject({ method, url, headers: who ? { authorization: `Bearer ${tokens[who]}` } : {}, ...(payload === undefined ? {} : { payload: payload as object }) });

const connector = (over: Record<string, unknown> = {}) => ({ standard: 'CCS1', format: 'CABLE', powerType: 'DC', maxVoltageV: 920, maxAmperageA: 200, maxPowerKw: 150, ...over });
const publicLocation = (over: Record<string, unknown> = {}) => ({
  actingAs: 'operator', organisationId: orgA, name: 'Electrolinera Centro (sintética)', address: 'Av. Constituyentes 100', postalCode: '76000',
  ...queretaro, access: 'public', uses: ['light_duty'], paymentMethods: ['app', 'bank_card'], ocppSupport: true,
  openingHours: { twentyfourseven: false, regular_hours: [{ weekday: 1, period_begin: '07:00', period_end: '22:00' }] },
  commissionedOn: '2023-05-01', lifecycleStatus: 'operational',
  evses: [{ connectors: [connector()] }, { connectors: [connector({ standard: 'NACS' })] }],
  ...over,
});
const privateCharger = (over: Record<string, unknown> = {}) => ({
  actingAs: 'owner', name: 'Cochera de casa (sintética)', ...monterrey, access: 'private', uses: ['light_duty'], lifecycleStatus: 'operational',
  evses: [{ connectors: [{ standard: 'J1772', powerType: 'AC_1_PHASE', maxPowerKw: 7.2 }] }],
  ...over,
});

async function user(name: string, role?: 'analyst' | 'moderator') {
  const { principal } = await t.services.accounts.signUp({ email: `${name}@example.mx`, password, displayName: name }, null);
  if (role) {
    const { principal: admin } = await t.services.accounts.signIn({ email: 'admin@example.mx', password }, null);
    await t.services.accounts.setUserRole(admin, principal.userId, role);
  }
  tokens[name] = (await t.services.accounts.createApiToken(principal, 'test')).token;
  return principal;
}

const registeredCount = async () => Number((await sql<{ n: number }>`select count(*)::int as n from charging_location where origin = 'registered'`.execute(t.database.db)).rows[0]!.n);
const auditOf = (id: string) => t.database.db.selectFrom('audit_event').selectAll().where('entity_type', '=', 'charging.location').where('entity_id', '=', id).orderBy('id').execute();

beforeAll(async () => {
  t = await createTestApp();
  await t.services.accounts.createAdmin({ email: 'admin@example.mx', password, displayName: 'Admin' });
  const { principal: admin } = await t.services.accounts.signIn({ email: 'admin@example.mx', password }, null);
  tokens.admin = (await t.services.accounts.createApiToken(admin, 'test')).token;
  const opA = await user('opa');
  const opB = await user('opb');
  await user('clerk');
  await user('owner');
  await user('stranger');
  await user('analyst', 'analyst');
  await user('moderator', 'moderator');
  orgA = (await t.services.accounts.createOrganisation(opA, { name: 'Cargas del Bajío (sintética)', type: 'charge_point_operator' })).id;
  orgB = (await t.services.accounts.createOrganisation(opB, { name: 'Red Norte (sintética)', type: 'charge_point_operator' })).id;
  companyOrg = (await t.services.accounts.createOrganisation(opB, { name: 'Transportes Sintéticos', type: 'company' })).id;
  // The clerk belongs to operator A but does not edit it.
  await t.services.accounts.addMember(admin, orgA, { email: 'clerk@example.mx', role: 'member' });
});
afterAll(async () => {
  await t?.dispose();
});

describe('operators register public locations', () => {
  it('registers for its operator organisation, places the point, keeps per-field provenance and audits the write', async () => {
    const res = await call('POST', '/api/v1/charging/registrations', 'opa', publicLocation());
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({
      origin: 'registered', registeredAs: 'operator', editable: true, operatorName: 'Cargas del Bajío (sintética)', access: 'public',
      cveEnt: '22', stateName: 'Querétaro', cvegeo: '22014', operatorOrganisation: { id: orgA },
    });
    expect(body.sourceKey).toMatch(/^reg:[0-9a-f-]{36}$/);
    expect(body.evses.map((e: { evseUid: string }) => e.evseUid)).toEqual(['EVSE-1', 'EVSE-2']);
    expect(body.provenance.name).toMatchObject({ source: 'registration', method: 'declared by operator', userId: expect.any(String) });
    expect(body.provenance.evses.declaredAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);

    // Published in the census like any public location.
    const pub = (await call('GET', `/api/v1/charging/locations/${body.id}`)).json();
    expect(pub).toMatchObject({ name: 'Electrolinera Centro (sintética)', cvegeo: '22014' });
    const levels = (await t.database.db.selectFrom('charging_connector as c').innerJoin('charging_evse as e', 'e.id', 'c.evse_id')
      .select(['c.standard', 'c.source_code', 'c.charging_level']).where('e.location_id', '=', body.id).orderBy('c.standard').execute());
    expect(levels).toEqual([
      { standard: 'CCS1', source_code: 'reg:CCS1', charging_level: 'dc_ultra_fast' },
      { standard: 'NACS', source_code: 'reg:NACS', charging_level: 'dc_ultra_fast' },
    ]);

    const audit = await auditOf(body.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'create', actor_label: 'opa@example.mx', before: null });
    expect(audit[0]!.after).toMatchObject({ name: 'Electrolinera Centro (sintética)', lat: queretaro.lat, registeredAs: 'operator' });
  });

  it('refuses anonymous callers, members who do not edit, operators of another organisation, and organisations that are not operators', async () => {
    const before = await registeredCount();
    const anonymous = await call('POST', '/api/v1/charging/registrations', undefined, publicLocation());
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().code).toBe('ACCOUNTS.UNAUTHENTICATED');
    expect((await call('GET', '/api/v1/charging/registrations')).statusCode).toBe(401);
    const clerk = await call('POST', '/api/v1/charging/registrations', 'clerk', publicLocation());
    expect(clerk.statusCode).toBe(403);
    expect(clerk.json().code).toBe('CHARGING.NOT_AN_OPERATOR');
    const other = await call('POST', '/api/v1/charging/registrations', 'opb', publicLocation());
    expect(other.statusCode).toBe(403);
    expect(other.json().code).toBe('CHARGING.NOT_AN_OPERATOR');
    const company = await call('POST', '/api/v1/charging/registrations', 'opb', publicLocation({ organisationId: companyOrg }));
    expect(company.json().code).toBe('CHARGING.NOT_AN_OPERATOR');
    expect(await registeredCount()).toBe(before);
  });

  it('answers 404 for another organisation’s location, to its operator’s rivals and its non-editing members alike', async () => {
    const id = (await call('POST', '/api/v1/charging/registrations', 'opa', publicLocation({ name: 'Sitio A (sintético)' }))).json().id;
    for (const who of ['opb', 'clerk', 'stranger']) {
      const get = await call('GET', `/api/v1/charging/registrations/${id}`, who);
      expect(get.statusCode).toBe(404);
      expect(get.json().code).toBe('CHARGING.LOCATION_NOT_FOUND');
      const patch = await call('PATCH', `/api/v1/charging/registrations/${id}`, who, { updatedAt: new Date().toISOString(), name: 'Tomado' });
      expect(patch.statusCode).toBe(404);
      expect((await call('POST', `/api/v1/charging/registrations/${id}/retire`, who, {})).statusCode).toBe(404);
    }
    const mine = (await call('GET', '/api/v1/charging/registrations?scope=mine', 'opb')).json();
    expect(mine.items.map((i: { id: string }) => i.id)).not.toContain(id);
    // Admins may act for any organisation.
    expect((await call('GET', `/api/v1/charging/registrations/${id}`, 'admin')).json().editable).toBe(true);
  });

  it('rejects swapped, outside and US points, implausible power and the wrong access with stable codes, writing nothing', async () => {
    const before = await registeredCount();
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ lat: queretaro.lon, lon: queretaro.lat }, 'CHARGING.POINT_SWAPPED', '/lat'],
      [{ lat: 40.4168, lon: -3.7038 }, 'CHARGING.POINT_OUTSIDE_MEXICO', '/lat'],
      [{ lat: 20.5888, lon: 100.3899 }, 'CHARGING.POINT_OUTSIDE_MEXICO', '/lat'],
      // Austin, Texas: inside Mexico's bounding box, outside its boundaries.
      [{ lat: 30.2672, lon: -97.7431 }, 'CHARGING.POINT_OUTSIDE_MEXICO', '/lat'],
      [{ evses: [{ connectors: [connector({ maxPowerKw: -50 })] }] }, 'CHARGING.IMPLAUSIBLE_POWER', '/evses/0/connectors/0/maxPowerKw'],
      [{ evses: [{ connectors: [connector({ maxPowerKw: 150000 })] }] }, 'CHARGING.IMPLAUSIBLE_POWER', '/evses/0/connectors/0/maxPowerKw'],
      [{ evses: [{ connectors: [connector({ maxVoltageV: 0 })] }] }, 'CHARGING.IMPLAUSIBLE_POWER', '/evses/0/connectors/0/maxVoltageV'],
      [{ access: 'private' }, 'CHARGING.ACCESS_NOT_ALLOWED', '/access'],
      [{ evses: [] }, 'CHARGING.INVALID_REGISTRATION', '/evses'],
      [{ postalCode: '7600' }, 'CHARGING.INVALID_REGISTRATION', '/postalCode'],
      [{ commissionedOn: '2023-02-30' }, 'CHARGING.INVALID_REGISTRATION', '/commissionedOn'],
      [{ openingHours: { twentyfourseven: false, regular_hours: [{ weekday: 2, period_begin: '22:00', period_end: '06:00' }] } }, 'CHARGING.INVALID_REGISTRATION', '/openingHours/regular_hours/0/period_end'],
    ];
    for (const [over, code, path] of cases) {
      const res = await call('POST', '/api/v1/charging/registrations', 'opa', publicLocation(over));
      expect(res.statusCode, JSON.stringify(over)).toBe(422);
      expect(res.json().code, JSON.stringify(over)).toBe(code);
      expect(res.json().errors.map((e: { path: string }) => e.path), JSON.stringify(over)).toContain(path);
    }
    const unknownStandard = await call('POST', '/api/v1/charging/registrations', 'opa', publicLocation({ evses: [{ connectors: [connector({ standard: 'TYPE_9' })] }] }));
    expect(unknownStandard.statusCode).toBe(400);
    expect(unknownStandard.json().code).toBe('PLATFORM.VALIDATION_FAILED');
    const owner = await call('POST', '/api/v1/charging/registrations', 'owner', privateCharger({ access: 'public' }));
    expect(owner.json().code).toBe('CHARGING.ACCESS_NOT_ALLOWED');
    expect(await registeredCount()).toBe(before);
  });
});

describe('editing and retiring', () => {
  it('keeps explicit nulls as "not declared" (never coerced to "", 0 or false)', async () => {
    const res = await call('POST', '/api/v1/charging/registrations', 'opa', publicLocation({
      name: 'Sin datos opcionales (sintética)', address: null, postalCode: null, ocppSupport: null, openingHours: null, commissionedOn: null,
      evses: [{ evseUid: null, connectors: [{ standard: 'J1772', format: null, powerType: null, maxVoltageV: null, maxAmperageA: null, maxPowerKw: null }] }],
    }));
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ address: null, postalCode: null, ocppSupport: null, openingHours: null, commissionedOn: null });
    expect(res.json().evses[0].connectors[0]).toEqual({ standard: 'J1772', format: null, powerType: null, maxVoltageV: null, maxAmperageA: null, maxPowerKw: null });
  });

  it('applies an edit at the version read, and answers 409 to a stale one', async () => {
    const created = (await call('POST', '/api/v1/charging/registrations', 'opa', publicLocation({ name: 'Plaza (sintética)' }))).json();
    const first = await call('PATCH', `/api/v1/charging/registrations/${created.id}`, 'opa', { updatedAt: created.updatedAt, name: 'Plaza Norte (sintética)', paymentMethods: ['free'] });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ name: 'Plaza Norte (sintética)', paymentMethods: ['free'] });
    expect(first.json().updatedAt).not.toBe(created.updatedAt);
    expect(first.json().provenance.name.declaredAt).not.toBe(created.provenance.name.declaredAt);
    expect(first.json().provenance.address).toEqual(created.provenance.address);

    // A second editor who loaded the location before the first edit.
    const stale = await call('PATCH', `/api/v1/charging/registrations/${created.id}`, 'admin', { updatedAt: created.updatedAt, name: 'Otra cosa' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('CHARGING.STALE_EDIT');
    expect((await call('GET', `/api/v1/charging/registrations/${created.id}`, 'opa')).json().name).toBe('Plaza Norte (sintética)');

    const audit = await auditOf(created.id);
    expect(audit.map((a) => a.action)).toEqual(['create', 'update']);
    expect(audit[1]).toMatchObject({ before: { name: 'Plaza (sintética)', paymentMethods: ['app', 'bank_card'] }, after: { name: 'Plaza Norte (sintética)', paymentMethods: ['free'] } });
  });

  it('rewrites EVSEs and connectors when a PATCH gives them, and re-places a moved point', async () => {
    const created = (await call('POST', '/api/v1/charging/registrations', 'opa', publicLocation({ name: 'Estación (sintética)' }))).json();
    const res = await call('PATCH', `/api/v1/charging/registrations/${created.id}`, 'opa', {
      updatedAt: created.updatedAt, ...monterrey,
      evses: [{ evseUid: 'MX*ABC*E1', connectors: [{ standard: 'J1772', powerType: 'AC_1_PHASE', maxPowerKw: 7.4 }, { standard: 'TYPE_2', powerType: 'AC_3_PHASE', maxPowerKw: 22 }] }],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ cveEnt: '19', stateName: 'Nuevo León' });
    const rows = await t.database.db.selectFrom('charging_connector as c').innerJoin('charging_evse as e', 'e.id', 'c.evse_id')
      .select(['e.evse_uid', 'c.connector_id', 'c.standard', 'c.max_electric_power_kw']).where('e.location_id', '=', created.id).orderBy('c.connector_id').execute();
    expect(rows).toEqual([
      { evse_uid: 'MX*ABC*E1', connector_id: '1', standard: 'J1772', max_electric_power_kw: 7.4 },
      { evse_uid: 'MX*ABC*E1', connector_id: '2', standard: 'TYPE_2', max_electric_power_kw: 22 },
    ]);
    const update = (await auditOf(created.id)).at(-1)!;
    expect(Object.keys(update.after as object).sort()).toEqual(['evses', 'lat', 'lon']);

    const bad = await call('PATCH', `/api/v1/charging/registrations/${created.id}`, 'opa', { updatedAt: res.json().updatedAt, evses: [{ connectors: [connector({ maxPowerKw: 0 })] }] });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().code).toBe('CHARGING.IMPLAUSIBLE_POWER');
    const swapped = await call('PATCH', `/api/v1/charging/registrations/${created.id}`, 'opa', { updatedAt: res.json().updatedAt, lat: monterrey.lon, lon: monterrey.lat });
    expect(swapped.json().code).toBe('CHARGING.POINT_SWAPPED');
  });

  it('retires a location as decommissioned, never deleting it', async () => {
    const created = (await call('POST', '/api/v1/charging/registrations', 'opa', publicLocation({ name: 'Por retirar (sintética)' }))).json();
    const res = await call('POST', `/api/v1/charging/registrations/${created.id}/retire`, 'opa', { updatedAt: created.updatedAt });
    expect(res.statusCode).toBe(200);
    expect(res.json().lifecycleStatus).toBe('decommissioned');
    const evses = await t.database.db.selectFrom('charging_evse').select('lifecycle_status').where('location_id', '=', created.id).execute();
    expect(evses.map((e) => e.lifecycle_status)).toEqual(['decommissioned', 'decommissioned']);
    expect((await auditOf(created.id)).at(-1)).toMatchObject({ before: { lifecycleStatus: 'operational' }, after: { lifecycleStatus: 'decommissioned' } });
    const stale = await call('POST', `/api/v1/charging/registrations/${created.id}/retire`, 'opa', { updatedAt: created.updatedAt });
    expect(stale.json().code).toBe('CHARGING.STALE_EDIT');
  });

  it('lists imported locations linked to the operator read-only, and refuses to edit them', async () => {
    const run = await t.services.imports.runNow({
      kind: 'charging.ocm', filename: 'linked.json', mediaType: null, strict: false, principal: null, trusted: true, actorLabel: 'test',
      content: new TextEncoder().encode(JSON.stringify([{
        ID: 990200, UsageTypeID: 1, StatusTypeID: 50,
        AddressInfo: { Title: 'Importada de Cargas del Bajío (sintética)', Latitude: 20.6, Longitude: -100.4, CountryID: 146 },
        Connections: [{ ID: 1, ConnectionTypeID: 32, CurrentTypeID: 30, PowerKW: 60, Quantity: 1 }],
      }])),
    });
    expect(run.status).toBe('completed');
    // The link an OCPI party match would make (the OCPI importer is tested on its own).
    await t.database.db.updateTable('charging_location').set({ operator_organisation_id: orgA }).where('source_key', '=', 'ocm:990200').execute();
    const mine = (await call('GET', '/api/v1/charging/registrations?scope=mine&limit=100', 'opa')).json();
    const imported = mine.items.find((i: { name: string }) => i.name === 'Importada de Cargas del Bajío (sintética)');
    expect(imported).toMatchObject({ origin: 'import', editable: false, readOnlyReason: 'imported' });
    expect(mine.items.filter((i: { origin: string }) => i.origin === 'registered').every((i: { editable: boolean }) => i.editable)).toBe(true);
    expect(mine.total).toBe(mine.items.length);
    const edit = await call('PATCH', `/api/v1/charging/registrations/${imported.id}`, 'opa', { updatedAt: new Date().toISOString(), name: 'Cambiada' });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().code).toBe('CHARGING.LOCATION_READ_ONLY');
    expect((await call('GET', `/api/v1/charging/registrations/${imported.id}`, 'opb')).statusCode).toBe(404);
  });
});

describe('private chargers', () => {
  let id: string;
  beforeAll(async () => {
    const res = await call('POST', '/api/v1/charging/registrations', 'owner', privateCharger());
    expect(res.statusCode).toBe(201);
    id = res.json().id;
  });

  it('belong to their owner, who sees them in "mine" with the exact point', async () => {
    const mine = (await call('GET', '/api/v1/charging/registrations', 'owner')).json();
    expect(mine.total).toBe(1);
    expect(mine.items[0]).toMatchObject({ id, ownedByYou: true, editable: true, access: 'private', lat: monterrey.lat, stateName: 'Nuevo León' });
    const detail = (await call('GET', `/api/v1/charging/registrations/${id}`, 'owner')).json();
    expect(detail).toMatchObject({ registeredAs: 'owner', ownedByYou: true, operatorName: null, lon: monterrey.lon });
    expect(detail.provenance.lat.method).toBe('declared by owner');
  });

  it('are invisible to other users through the registration and census endpoints, and visible to analysts', async () => {
    for (const who of ['stranger', 'opa', 'moderator']) {
      expect((await call('GET', `/api/v1/charging/registrations/${id}`, who)).statusCode).toBe(404);
      expect((await call('GET', '/api/v1/charging/registrations', who)).json().items.map((i: { id: string }) => i.id)).not.toContain(id);
      expect((await call('GET', `/api/v1/charging/locations/${id}`, who)).statusCode).toBe(404);
    }
    expect((await call('GET', `/api/v1/charging/locations/${id}`)).statusCode).toBe(404);
    expect((await call('GET', '/api/v1/charging/locations?q=cochera')).json().total).toBe(0);
    expect((await call('GET', '/api/v1/charging/registrations?scope=all', 'stranger')).statusCode).toBe(403);
    const analyst = await call('GET', `/api/v1/charging/registrations/${id}`, 'analyst');
    expect(analyst.json()).toMatchObject({ lat: monterrey.lat, editable: false, readOnlyReason: 'not_yours' });
    expect((await call('GET', '/api/v1/charging/registrations?scope=all&limit=500', 'analyst')).json().items.map((i: { id: string }) => i.id)).toContain(id);
    expect((await call('PATCH', `/api/v1/charging/registrations/${id}`, 'analyst', { updatedAt: analyst.json().updatedAt, name: 'x' })).json().code).toBe('ACCOUNTS.FORBIDDEN');
  });

  it('keep their exact point out of the audit trail moderators read', async () => {
    const [create] = await auditOf(id);
    expect(create!.after).toMatchObject({ access: 'private', lat: 'withheld: private charger', lon: 'withheld: private charger' });
    expect(JSON.stringify(create!.after)).not.toContain(String(monterrey.lat));
  });

  it('can belong to an organisation the owner edits: its editors manage it, its plain members do not see it', async () => {
    const res = await call('POST', '/api/v1/charging/registrations', 'opa', privateCharger({ organisationId: orgA, name: 'Patio de flotilla (sintético)', uses: ['fleet'] }));
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ ownerOrganisation: { id: orgA }, ownedByYou: false, editable: true });
    expect((await call('GET', `/api/v1/charging/registrations/${res.json().id}`, 'clerk')).statusCode).toBe(404);
    const notMine = await call('POST', '/api/v1/charging/registrations', 'stranger', privateCharger({ organisationId: orgA }));
    expect(notMine.statusCode).toBe(403);
  });
});

describe('OCPI party of an organisation', () => {
  it('is set by admins only, unique per country and party id, and well formed', async () => {
    const set = await call('PATCH', `/api/v1/organisations/${orgA}`, 'admin', { ocpiCountryCode: 'mx', ocpiPartyId: 'cdb' });
    expect(set.statusCode).toBe(200);
    expect(set.json()).toMatchObject({ ocpiCountryCode: 'MX', ocpiPartyId: 'CDB' });
    expect((await call('GET', `/api/v1/organisations/${orgA}`)).json()).toMatchObject({ ocpiCountryCode: 'MX', ocpiPartyId: 'CDB' });

    const byEditor = await call('PATCH', `/api/v1/organisations/${orgB}`, 'opb', { ocpiCountryCode: 'MX', ocpiPartyId: 'RNO' });
    expect(byEditor.statusCode).toBe(403);
    expect((await call('PATCH', `/api/v1/organisations/${orgB}`, 'opb', { website: 'https://example.mx' })).statusCode).toBe(200);

    const taken = await call('PATCH', `/api/v1/organisations/${orgB}`, 'admin', { ocpiCountryCode: 'MX', ocpiPartyId: 'CDB' });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().code).toBe('ACCOUNTS.OCPI_PARTY_TAKEN');
    expect((await call('PATCH', `/api/v1/organisations/${orgB}`, 'admin', { ocpiCountryCode: 'US', ocpiPartyId: 'CDB' })).statusCode).toBe(200);

    for (const body of [{ ocpiCountryCode: 'MEX', ocpiPartyId: 'ABC' }, { ocpiCountryCode: 'MX', ocpiPartyId: 'A-C' }, { ocpiCountryCode: 'MX' }, { ocpiCountryCode: null, ocpiPartyId: 'ABC' }]) {
      const res = await call('PATCH', `/api/v1/organisations/${companyOrg}`, 'admin', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
    }
    const cleared = await call('PATCH', `/api/v1/organisations/${orgB}`, 'admin', { ocpiCountryCode: null, ocpiPartyId: null });
    expect(cleared.json()).toMatchObject({ ocpiCountryCode: null, ocpiPartyId: null });
    const audit = await t.database.db.selectFrom('audit_event').selectAll().where('entity_type', '=', 'accounts.organisation').where('entity_id', '=', orgA).orderBy('id').execute();
    expect(audit.at(-1)).toMatchObject({ action: 'update', before: { ocpiPartyId: null }, after: { ocpiPartyId: 'CDB' } });
  });

  it('lists the organisations a user can register for', async () => {
    const opts = (await call('GET', '/api/v1/charging/registrations/options', 'opb')).json();
    expect(opts.operatorOrganisations).toEqual([{ id: orgB, name: 'Red Norte (sintética)' }]);
    expect(opts.ownerOrganisations.map((o: { id: string }) => o.id).sort()).toEqual([orgB, companyOrg].sort());
    expect((await call('GET', '/api/v1/charging/registrations/options', 'clerk')).json().operatorOrganisations).toEqual([]);
  });
});
