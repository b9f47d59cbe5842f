import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app.js';
import { insertEstablishments, saltillo } from './suppliers.fixtures.js';

/*
 * Every company, plant, organisation and person here is synthetic, made for these tests
 * (the RFCs have a valid form and check digit but were made up). The points are real places
 * (Saltillo, Querétaro) so placement can be checked.
 */
let t: TestApp;
const tokens: Record<string, string> = {};
const userIds: Record<string, string> = {};
const password = 'caballo correcto batería';
const queretaro = { lat: 20.5888, lon: -100.3899 };
const saltilloPoint = { lat: saltillo.lat, lon: saltillo.lon };

type Method = 'GET' | 'POST' | 'PATCH';
const call = (method: Method, url: string, who?: string, payload?: unknown) =>
  t.app.inject({ method, url, headers: who ? { authorization: `Bearer ${tokens[who]}` } : {}, ...(payload === undefined ? {} : { payload: payload as object }) });

const registration = (over: { organisationId?: string; company?: Record<string, unknown>; establishment?: Record<string, unknown> } = {}) => ({
  ...(over.organisationId ? { organisationId: over.organisationId } : {}),
  company: { legalName: 'Inversores Sintéticos del Norte, S.A. de C.V.', tradeNames: ['InverSin'], sizeClass: 'medium', ownershipCountry: 'MX', ...over.company },
  establishment: {
    name: 'InverSin Planta Saltillo', street: 'Blvd. Isidro López Zertuche', exteriorNumber: '4000', postalCode: '25000', ...saltilloPoint,
    scian: '336320', employeesStratum: '101-250', tiers: ['tier1'], processes: ['electronics_assembly', 'pcb_assembly'], components: ['inverter'],
    certifications: [{ code: 'iatf_16949', expiresOn: '2099-05-31', certificateId: 'SYN-0001' }], oemCustomers: ['Armadora Sintética'],
    exportMarkets: ['US'], evReadiness: 'makes_ev_parts', phone: '844 123 4567', email: 'ventas@inversin.example', website: 'https://inversin.example',
    contactConsent: false, ...over.establishment,
  },
});

async function user(name: string, role?: 'moderator') {
  const { principal } = await t.services.accounts.signUp({ email: `${name}@example.mx`, password, displayName: name }, null);
  if (role) {
    const { principal: admin } = await t.services.accounts.signIn({ email: 'admin@example.mx', password }, null);
    await t.services.accounts.setUserRole(admin, principal.userId, role);
  }
  tokens[name] = (await t.services.accounts.createApiToken(principal, 'test')).token;
  userIds[name] = principal.userId;
  return principal;
}

const count = async (table: 'organisation' | 'supplier_company' | 'supplier_claim', where = sql`true`) =>
  Number((await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)} where ${where}`.execute(t.database.db)).rows[0]!.n);
const registeredCount = async () => Number((await sql<{ n: number }>`select count(*)::int as n from supplier_establishment where origin = 'registered'`.execute(t.database.db)).rows[0]!.n);
const auditOf = (entityType: string, id: string) =>
  t.database.db.selectFrom('audit_event').selectAll().where('entity_type', '=', entityType).where('entity_id', '=', id).orderBy('id').execute();
const establishmentRow = (id: string) => t.database.db.selectFrom('supplier_establishment').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

beforeAll(async () => {
  t = await createTestApp();
  await t.services.accounts.createAdmin({ email: 'admin@example.mx', password, displayName: 'Admin' });
  const { principal: admin } = await t.services.accounts.signIn({ email: 'admin@example.mx', password }, null);
  tokens.admin = (await t.services.accounts.createApiToken(admin, 'test')).token;
  for (const name of ['alice', 'bob', 'carol', 'dave', 'eve', 'stranger']) await user(name);
  await user('mod', 'moderator');
});
afterAll(async () => {
  await t?.dispose();
});

describe('a company registers itself and a plant', () => {
  let id: string;
  let organisationId: string;

  it('creates its organisation with the user as editor, places the plant and keeps who declared each field', async () => {
    const organisationsBefore = await count('organisation');
    const res = await call('POST', '/api/v1/suppliers/registrations', 'alice', registration());
    expect(res.statusCode).toBe(201);
    const body = res.json();
    id = body.id;
    organisationId = body.company.organisation.id;
    expect(body).toMatchObject({
      origin: 'registered', source: 'reg', editable: true, readOnlyReason: null, name: 'InverSin Planta Saltillo',
      cveEnt: '05', cvegeo: saltillo.cvegeo, locationFlags: [], scian: '336320', employeesStratum: '101-250', sizeClass: 'medium',
      tiers: ['tier1'], components: ['inverter'], exportMarkets: ['US'], contactConsent: false,
      company: { legalName: 'Inversores Sintéticos del Norte, S.A. de C.V.', tradeNames: ['InverSin'], rfc: null, ownershipCountry: 'MX', organisation: { name: 'Inversores Sintéticos del Norte, S.A. de C.V.' } },
    });
    expect(body.sourceKey).toBe(`reg:${id}`);
    expect(body.scianTitle).toMatch(/equipo eléctrico y electrónico/i);
    expect(body.registeredOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(body.provenance.name).toEqual({ source: 'suppliers-registration', method: 'declared by company', userId: userIds.alice, declaredAt: expect.any(String) });
    expect(body.provenance.contactConsent).toMatchObject({ method: 'declared by company' });
    expect(body.company.provenance.legalName).toMatchObject({ method: 'declared by company', userId: userIds.alice });
    expect(await count('organisation')).toBe(organisationsBefore + 1);

    const membership = await t.database.db.selectFrom('membership').selectAll().where('organisation_id', '=', organisationId).execute();
    expect(membership).toEqual([expect.objectContaining({ user_id: userIds.alice, role: 'editor' })]);
    expect((await t.database.db.selectFrom('organisation').select('type').where('id', '=', organisationId).executeTakeFirstOrThrow()).type).toBe('company');

    // The directory finds it by the labels of what it makes, in both languages, and by its SCIAN title.
    const row = await establishmentRow(id);
    expect(row.search_document).toContain('inversor de traccion');
    expect(row.search_document).toContain('traction inverter');
    expect(row.search_document).toContain('pcb assembly');
    expect(row.search_document).toContain('inversin');
    expect(row.company_id).toBe(body.company.id);

    expect(await auditOf('suppliers.establishment', id)).toEqual([expect.objectContaining({ action: 'create', actor_label: 'alice@example.mx' })]);
    expect(await auditOf('suppliers.company', body.company.id)).toHaveLength(1);
    expect(await auditOf('accounts.organisation', organisationId)).toHaveLength(1);
  });

  it('registers a second plant under the same organisation and company', async () => {
    const res = await call('POST', '/api/v1/suppliers/registrations', 'alice', registration({ organisationId, establishment: { name: 'InverSin Planta Querétaro', ...queretaro } }));
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ cvegeo: '22014', company: { organisation: { id: organisationId } } });
    const mine = (await call('GET', '/api/v1/suppliers/mine', 'alice')).json();
    expect(mine.organisations).toEqual([expect.objectContaining({ id: organisationId, role: 'editor', companyId: expect.any(String) })]);
    expect(mine.establishments.map((e: { name: string }) => e.name)).toEqual(['InverSin Planta Querétaro', 'InverSin Planta Saltillo']);
    expect(mine.total).toBe(2);
  });

  it('refuses to register for an organisation the user does not edit', async () => {
    const res = await call('POST', '/api/v1/suppliers/registrations', 'stranger', registration({ organisationId }));
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('ACCOUNTS.FORBIDDEN');
  });

  it('lets editors edit the plant, refuses stale versions, members who do not edit and strangers', async () => {
    const { principal: admin } = await t.services.accounts.signIn({ email: 'admin@example.mx', password }, null);
    await t.services.accounts.addMember(admin, organisationId, { email: 'carol@example.mx', role: 'member' });
    const read = await establishmentRow(id);
    const version = new Date(read.updated_at).toISOString();

    const edit = await call('PATCH', `/api/v1/suppliers/establishments/${id}`, 'alice', { updatedAt: version, phone: '844 765 4321', contactConsent: true, ...queretaro });
    expect(edit.statusCode).toBe(200);
    const edited = edit.json();
    expect(edited).toMatchObject({ phone: '844 765 4321', contactConsent: true, cvegeo: '22014', cveEnt: '22' });
    expect(edited.provenance.phone).toMatchObject({ method: 'declared by company', userId: userIds.alice });
    expect(Date.parse(edited.updatedAt)).toBeGreaterThan(Date.parse(version));
    expect((await auditOf('suppliers.establishment', id)).map((a) => a.action)).toEqual(['create', 'update']);

    const stale = await call('PATCH', `/api/v1/suppliers/establishments/${id}`, 'alice', { updatedAt: version, phone: '844 000 0000' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('SUPPLIERS.STALE_EDIT');

    for (const who of ['carol', 'stranger']) {
      const res = await call('PATCH', `/api/v1/suppliers/establishments/${id}`, who, { updatedAt: edited.updatedAt, phone: '844 000 0000' });
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('SUPPLIERS.NOT_YOUR_ESTABLISHMENT');
    }
    expect((await call('PATCH', `/api/v1/suppliers/establishments/${id}`, undefined, { updatedAt: edited.updatedAt, phone: '844 000 0000' })).statusCode).toBe(401);
    // The member sees the plant (read-only), the stranger does not.
    const carol = (await call('GET', '/api/v1/suppliers/mine', 'carol')).json();
    expect(carol.establishments.find((e: { id: string }) => e.id === id)).toMatchObject({ editable: false, readOnlyReason: 'not_editor', phone: '844 765 4321' });
    expect((await call('GET', '/api/v1/suppliers/mine', 'stranger')).json().establishments).toEqual([]);
    expect((await establishmentRow(id)).phone).toBe('844 765 4321');

    // An admin may correct it, and the provenance says an admin did.
    const byAdmin = await call('PATCH', `/api/v1/suppliers/establishments/${id}`, 'admin', { updatedAt: edited.updatedAt, tiers: ['tier1', 'tier2'] });
    expect(byAdmin.statusCode).toBe(200);
    expect(byAdmin.json().provenance.tiers).toMatchObject({ method: 'corrected by admin' });
  });

  it('refuses invalid edits with paths from the body root', async () => {
    const current = (await establishmentRow(id)).updated_at;
    const res = await call('PATCH', `/api/v1/suppliers/establishments/${id}`, 'alice', { updatedAt: new Date(current).toISOString(), tiers: ['tier7'], exportMarkets: ['MX'] });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'SUPPLIERS.INVALID_REGISTRATION', errors: [{ path: '/tiers/0' }, { path: '/exportMarkets/0' }] });
  });
});

describe('invalid registrations', () => {
  const refused = async (payload: unknown, status: number, code: string, paths?: string[]) => {
    const [registered, organisations] = [await registeredCount(), await count('organisation')];
    const res = await call('POST', '/api/v1/suppliers/registrations', 'eve', payload);
    expect(res.statusCode).toBe(status);
    const body = res.json();
    expect(body.code).toBe(code);
    if (paths) expect(body.errors.map((e: { path: string }) => e.path)).toEqual(paths);
    expect(await registeredCount()).toBe(registered);
    expect(await count('organisation')).toBe(organisations);
  };

  it('answers each wrong field with its code and path, and writes nothing', async () => {
    await refused(registration({ company: { rfc: 'PSI200101AB4' } }), 422, 'SUPPLIERS.INVALID_RFC', ['/company/rfc']);
    await refused(registration({ establishment: { tiers: ['tier9'] } }), 422, 'SUPPLIERS.INVALID_REGISTRATION', ['/establishment/tiers/0']);
    await refused(registration({ establishment: { processes: ['alchemy'] } }), 422, 'SUPPLIERS.INVALID_REGISTRATION', ['/establishment/processes/0']);
    await refused(registration({ establishment: { certifications: [{ code: 'iso_9001', expiresOn: '2020-01-31' }] } }), 422, 'SUPPLIERS.INVALID_REGISTRATION', ['/establishment/certifications/0/expiresOn']);
    await refused(registration({ establishment: { scian: '999999' } }), 422, 'SUPPLIERS.INVALID_REGISTRATION', ['/establishment/scian']);
    await refused(registration({ establishment: { exportMarkets: ['USA'] } }), 400, 'PLATFORM.VALIDATION_FAILED');
    await refused(registration({ establishment: { exportMarkets: ['EU'], evReadiness: 'soon', employeesStratum: '1000+' } }), 422, 'SUPPLIERS.INVALID_REGISTRATION',
      ['/establishment/employeesStratum', '/establishment/exportMarkets/0', '/establishment/evReadiness']);
    await refused(registration({ company: { sizeClass: 'giant', ownershipCountry: 'ZZ' } }), 422, 'SUPPLIERS.INVALID_REGISTRATION', ['/company/sizeClass', '/company/ownershipCountry']);
    await refused({ company: { legalName: 'Sin Planta' } }, 400, 'PLATFORM.VALIDATION_FAILED');
  });

  it('refuses components missing from the catalogue or retired', async () => {
    await t.database.db.updateTable('supplier_component').set({ retired: true }).where('code', '=', 'radiator').execute();
    await refused(registration({ establishment: { components: ['inverter', 'radiator', 'warp_drive'] } }), 422, 'SUPPLIERS.INVALID_REGISTRATION',
      ['/establishment/components/1', '/establishment/components/2']);
  });

  it('refuses points outside Mexico: far away, swapped, or inside the box but across the border', async () => {
    await refused(registration({ establishment: { lat: 40.4168, lon: -3.7038 } }), 422, 'SUPPLIERS.POINT_OUTSIDE_MEXICO', ['/establishment/lat']);
    await refused(registration({ establishment: { lat: saltillo.lon, lon: saltillo.lat } }), 422, 'SUPPLIERS.POINT_OUTSIDE_MEXICO', ['/establishment/lat']);
    // San Antonio, Texas: within Mexico's bounding box, outside its states.
    await refused(registration({ establishment: { lat: 29.4241, lon: -98.4936 } }), 422, 'SUPPLIERS.POINT_OUTSIDE_MEXICO', ['/establishment/lat']);
    // Several problems: the point leads.
    await refused(registration({ company: { rfc: 'PSI200101AB4' }, establishment: { lat: 40.4168, lon: -3.7038 } }), 422, 'SUPPLIERS.POINT_OUTSIDE_MEXICO', ['/company/rfc', '/establishment/lat']);
  });

  it('refuses anonymous callers', async () => {
    const res = await call('POST', '/api/v1/suppliers/registrations', undefined, registration());
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('ACCOUNTS.UNAUTHENTICATED');
    expect((await call('GET', '/api/v1/suppliers/mine')).statusCode).toBe(401);
  });
});

describe('a company already in the census, by RFC', () => {
  const rfc = 'ELE210315K22';
  let importedId: string;
  let companyId: string;

  it('is reused when nobody manages it; its imported plants stay read-only until claimed', async () => {
    importedId = (await insertEstablishments(t.database.db, [{ name: 'Eléctricos Sintéticos Planta Ramos', legalName: 'Eléctricos Sintéticos, S.A. de C.V.', rfc }]))[0]!;
    companyId = (await establishmentRow(importedId)).company_id!;
    const companies = await count('supplier_company');

    const res = await call('POST', '/api/v1/suppliers/registrations', 'bob', registration({
      company: { legalName: 'Eléctricos Sintéticos, S.A. de C.V.', rfc: rfc.toLowerCase(), tradeNames: [] },
      establishment: { name: 'Eléctricos Sintéticos Planta Nueva' },
    }));
    expect(res.statusCode).toBe(201);
    expect(res.json().company).toMatchObject({ id: companyId, rfc });
    expect(await count('supplier_company')).toBe(companies);

    const mine = (await call('GET', '/api/v1/suppliers/mine', 'bob')).json();
    const imported = mine.establishments.find((e: { id: string }) => e.id === importedId);
    expect(imported).toMatchObject({ origin: 'import', editable: false, readOnlyReason: 'claim_required' });
    const patch = await call('PATCH', `/api/v1/suppliers/establishments/${importedId}`, 'bob', { updatedAt: imported.updatedAt, phone: '844 111 2222' });
    expect(patch.statusCode).toBe(409);
    expect(patch.json().code).toBe('SUPPLIERS.ESTABLISHMENT_READ_ONLY');
  });

  it('answers ALREADY_CLAIMED to another organisation registering the same RFC, and leaves nothing behind', async () => {
    const [organisations, registered] = [await count('organisation'), await registeredCount()];
    const res = await call('POST', '/api/v1/suppliers/registrations', 'stranger', registration({ company: { legalName: 'Otro Nombre, S.A. de C.V.', rfc } }));
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'SUPPLIERS.ALREADY_CLAIMED', errors: [{ path: '/company/rfc' }] });
    expect(await count('organisation')).toBe(organisations);
    expect(await registeredCount()).toBe(registered);
  });

  it('lets its organisation claim the imported plant and, once approved, edit it', async () => {
    const orgId = (await call('GET', '/api/v1/suppliers/mine', 'bob')).json().organisations[0].id;
    const claim = await call('POST', `/api/v1/suppliers/establishments/${importedId}/claims`, 'bob', { organisationId: orgId, evidence: 'Soy el gerente de planta; correo @electricos-sinteticos.example' });
    expect(claim.statusCode).toBe(201);
    expect((await call('POST', `/api/v1/suppliers/claims/${claim.json().id}/approve`, 'mod', {})).statusCode).toBe(200);
    const current = (await call('GET', '/api/v1/suppliers/mine', 'bob')).json().establishments.find((e: { id: string }) => e.id === importedId);
    expect(current).toMatchObject({ editable: true, company: { id: companyId } });
    const patch = await call('PATCH', `/api/v1/suppliers/establishments/${importedId}`, 'bob', { updatedAt: current.updatedAt, phone: '844 111 2222' });
    expect(patch.statusCode).toBe(200);
    expect(patch.json().provenance).toMatchObject({ record: { source: 'test' }, phone: { method: 'declared by company' } });
  });
});

describe('claims of imported plants, verified by moderators', () => {
  let plantId: string;
  let otherId: string;
  let foldedId: string;
  let claimId: string;

  beforeAll(async () => {
    const ids = await insertEstablishments(t.database.db, [
      { name: 'Troqueles Sintéticos del Bajío', legalName: null, phone: '442 555 0101', email: 'contacto@troqueles.example', contactConsent: false, ...queretaro },
      { name: 'Arneses Sintéticos de Saltillo' },
      { name: 'Arneses Sintéticos (registro duplicado)' },
    ]);
    [plantId, otherId, foldedId] = [ids[0]!, ids[1]!, ids[2]!];
    await t.database.db.updateTable('supplier_establishment').set({ merged_into: otherId }).where('id', '=', foldedId).execute();
  });

  it('takes a claim, making the organisation, and refuses a second one while it is pending', async () => {
    const organisations = await count('organisation');
    const res = await call('POST', `/api/v1/suppliers/establishments/${plantId}/claims`, 'dave', {
      organisationName: 'Troqueles Sintéticos', jobTitle: 'Director general', evidence: 'Acta constitutiva y correo dave@troqueles.example',
    });
    expect(res.statusCode).toBe(201);
    const claim = res.json();
    claimId = claim.id;
    expect(claim).toMatchObject({
      status: 'pending', establishment: { id: plantId, name: 'Troqueles Sintéticos del Bajío', origin: 'import' }, organisation: { name: 'Troqueles Sintéticos' },
      claimant: { id: userIds.dave, email: 'dave@example.mx' }, jobTitle: 'Director general', decidedAt: null,
    });
    expect(await count('organisation')).toBe(organisations + 1);
    expect(await auditOf('suppliers.claim', claimId)).toHaveLength(1);

    const again = await call('POST', `/api/v1/suppliers/establishments/${plantId}/claims`, 'dave', { organisationId: claim.organisation.id, evidence: 'Otra vez, por si acaso' });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('SUPPLIERS.CLAIM_PENDING');
    expect(await count('supplier_claim', sql`establishment_id = ${plantId}`)).toBe(1);

    // Not editable while pending.
    const row = await establishmentRow(plantId);
    const early = await call('PATCH', `/api/v1/suppliers/establishments/${plantId}`, 'dave', { updatedAt: new Date(row.updated_at).toISOString(), contactConsent: true });
    expect(early.statusCode).toBe(403);
    expect(early.json().code).toBe('SUPPLIERS.NOT_YOUR_ESTABLISHMENT');
  });

  it('shows claims to moderators and to the claimant only', async () => {
    const pending = (await call('GET', '/api/v1/suppliers/claims?status=pending', 'mod')).json();
    expect(pending.items.map((c: { id: string }) => c.id)).toContain(claimId);
    expect(pending.total).toBeGreaterThanOrEqual(1);
    const own = (await call('GET', '/api/v1/suppliers/claims', 'dave')).json();
    expect(own.items.map((c: { id: string }) => c.id)).toEqual([claimId]);
    expect((await call('GET', '/api/v1/suppliers/claims', 'stranger')).json()).toMatchObject({ items: [], total: 0 });
    expect((await call('GET', `/api/v1/suppliers/claims/${claimId}`, 'dave')).statusCode).toBe(200);
    const hidden = await call('GET', `/api/v1/suppliers/claims/${claimId}`, 'stranger');
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json().code).toBe('SUPPLIERS.CLAIM_NOT_FOUND');
    expect((await call('GET', '/api/v1/suppliers/claims')).statusCode).toBe(401);
    expect((await call('GET', '/api/v1/suppliers/mine', 'dave')).json().claims).toEqual([expect.objectContaining({ id: claimId, status: 'pending' })]);
  });

  it('lets only moderators (not the claimant) decide', async () => {
    const self = await call('POST', `/api/v1/suppliers/claims/${claimId}/approve`, 'dave', {});
    expect(self.statusCode).toBe(403);
    expect(self.json().code).toBe('ACCOUNTS.FORBIDDEN');
    expect((await call('POST', `/api/v1/suppliers/claims/${claimId}/approve`, undefined, {})).statusCode).toBe(401);
    expect((await call('POST', `/api/v1/suppliers/claims/${claimId}/reject`, 'stranger', { note: 'no' })).statusCode).toBe(403);
  });

  it('approves: the plant gets a company managed by the organisation, whose editors then edit it and consent to contact', async () => {
    const res = await call('POST', `/api/v1/suppliers/claims/${claimId}/approve`, 'mod', { note: 'Verificado por teléfono' });
    expect(res.statusCode).toBe(200);
    const claim = res.json();
    expect(claim).toMatchObject({ status: 'approved', decidedBy: { id: userIds.mod }, decisionNote: 'Verificado por teléfono', decidedAt: expect.any(String) });
    const again = await call('POST', `/api/v1/suppliers/claims/${claimId}/approve`, 'mod', {});
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('SUPPLIERS.CLAIM_ALREADY_DECIDED');

    const mine = (await call('GET', '/api/v1/suppliers/mine', 'dave')).json();
    const plant = mine.establishments.find((e: { id: string }) => e.id === plantId);
    // The plant had no legal name: its company is made from its name, and managed by the claiming organisation.
    expect(plant).toMatchObject({ editable: true, contactConsent: false, company: { legalName: 'Troqueles Sintéticos del Bajío', organisation: { id: claim.organisation.id } } });
    const edit = await call('PATCH', `/api/v1/suppliers/establishments/${plantId}`, 'dave', { updatedAt: plant.updatedAt, contactConsent: true, employeesStratum: '31-50' });
    expect(edit.statusCode).toBe(200);
    expect(edit.json()).toMatchObject({ contactConsent: true, employeesStratum: '31-50', sizeClass: 'small', provenance: { contactConsent: { method: 'declared by company', userId: userIds.dave } } });
    expect((await establishmentRow(plantId)).contact_consent).toBe(true);
    expect((await auditOf('suppliers.claim', claimId)).map((a) => a.action)).toEqual(['create', 'update']);

    // Now managed: nobody else may claim it.
    const late = await call('POST', `/api/v1/suppliers/establishments/${plantId}/claims`, 'eve', { evidence: 'También es mía, lo juro' });
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('SUPPLIERS.ALREADY_CLAIMED');
  });

  it('rejects with a note the claimant reads; the plant stays read-only to it', async () => {
    const claim = (await call('POST', `/api/v1/suppliers/establishments/${otherId}/claims`, 'eve', { evidence: 'Trabajo ahí desde 2019' })).json();
    expect((await call('POST', `/api/v1/suppliers/claims/${claim.id}/reject`, 'mod', { note: '' })).statusCode).toBe(400);
    const res = await call('POST', `/api/v1/suppliers/claims/${claim.id}/reject`, 'mod', { note: 'La evidencia no permite verificar la relación con la empresa.' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'rejected', decisionNote: 'La evidencia no permite verificar la relación con la empresa.' });
    expect((await call('POST', `/api/v1/suppliers/claims/${claim.id}/approve`, 'mod', {})).json().code).toBe('SUPPLIERS.CLAIM_ALREADY_DECIDED');
    expect((await call('GET', `/api/v1/suppliers/claims/${claim.id}`, 'eve')).json()).toMatchObject({ status: 'rejected' });
    expect((await establishmentRow(otherId)).company_id).not.toBeNull();
    const company = await t.database.db.selectFrom('supplier_company').select('organisation_id').where('id', '=', (await establishmentRow(otherId)).company_id!).executeTakeFirstOrThrow();
    expect(company.organisation_id).toBeNull();
  });

  it('refuses claims of folded records, of unknown ones, from anonymous callers and with too little evidence', async () => {
    const folded = await call('POST', `/api/v1/suppliers/establishments/${foldedId}/claims`, 'eve', { evidence: 'Es la planta de mi empresa' });
    expect(folded.statusCode).toBe(409);
    expect(folded.json().code).toBe('SUPPLIERS.ESTABLISHMENT_FOLDED');
    const unknown = await call('POST', '/api/v1/suppliers/establishments/00000000-0000-4000-8000-000000000000/claims', 'eve', { evidence: 'Es la planta de mi empresa' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('SUPPLIERS.ESTABLISHMENT_NOT_FOUND');
    expect((await call('POST', `/api/v1/suppliers/establishments/${otherId}/claims`, undefined, { evidence: 'Es la planta de mi empresa' })).statusCode).toBe(401);
    const thin = await call('POST', `/api/v1/suppliers/establishments/${otherId}/claims`, 'eve', { evidence: 'mía' });
    expect(thin.statusCode).toBe(422);
    expect(thin.json()).toMatchObject({ code: 'SUPPLIERS.INVALID_REGISTRATION', errors: [{ path: '/evidence' }] });
  });
});
