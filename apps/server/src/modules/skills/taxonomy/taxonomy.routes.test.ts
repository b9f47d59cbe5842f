import { sql } from 'kysely';
import { searchTerms } from './taxonomy.domain.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app.js';
import { resolveOccupations, resolveSkills } from './taxonomy.repository.js';
import { loadSkillsTaxonomy } from './taxonomy.seed.js';

/**
 * The taxonomy over HTTP, on the shipped reference data (loaded once by the test setup).
 * Entries moderators add here are labelled "(test)" and live only in this file's database.
 */
let t: TestApp;
const tokens: Record<'admin' | 'moderator' | 'member', string> = { admin: '', moderator: '', member: '' };
const request = (method: 'GET' | 'POST', url: string, who?: keyof typeof tokens, payload?: Record<string, unknown>) =>
  t.app.inject({ method, url, headers: who ? { authorization: `Bearer ${tokens[who]}` } : {}, ...(payload === undefined ? {} : { payload }) });
const search = async (kind: 'occupations' | 'skills', q: string, extra = '') => {
  const r = await request('GET', `/api/v1/skills/${kind}?q=${encodeURIComponent(q)}${extra}`);
  expect(r.statusCode).toBe(200);
  return r.json() as { items: Array<{ id: string; label: string; labelLang: string; labelEs: string | null; labelEn: string | null; evRelated: boolean; matchTier: number }>; total: number };
};

const automotiveBatteryTechnician = 'esco:06bd6285-13ed-4ea7-90cc-e9638a0600a9';
const vehicleMechanic = 'esco:4ad4024e-d1d3-4dea-b6d1-2c7948111dce';
const armyCaptain = 'esco:9bf4c8ea-e814-4772-ae31-0f29672dc497';
const powerElectronics = 'esco:86ff9a65-66eb-4c8f-93d8-22e0a467fc08';

beforeAll(async () => {
  t = await createTestApp();
  const password = 'caballo correcto batería';
  await t.services.accounts.createAdmin({ email: 'admin@example.mx', password, displayName: 'Admin' });
  const { principal: admin } = await t.services.accounts.signIn({ email: 'admin@example.mx', password }, null);
  tokens.admin = (await t.services.accounts.createApiToken(admin, 'admin')).token;
  for (const role of ['moderator', 'member'] as const) {
    const { principal } = await t.services.accounts.signUp({ email: `${role}@example.mx`, password, displayName: role }, null);
    if (role !== 'member') await t.services.accounts.setUserRole(admin, principal.userId, role);
    tokens[role] = (await t.services.accounts.createApiToken((await t.services.accounts.principalFor(principal.userId, 'token'))!, role)).token;
  }
});
afterAll(async () => {
  await t?.dispose();
});

describe('GET /api/v1/skills/occupations (search)', () => {
  it('leaves no loaded row in the word indexes\' pending lists (every search would read them in full)', async () => {
    const { rows } = await sql<{ occupations: number; skills: number }>`
      select gin_clean_pending_list('skills_occupation_search_idx'::regclass)::int as occupations,
        gin_clean_pending_list('skills_skill_search_idx'::regclass)::int as skills`.execute(t.database.db);
    expect(rows[0]).toEqual({ occupations: 0, skills: 0 });
  });

  it('finds Spanish labels without accents and with other wording ("tecnico en baterias")', async () => {
    const r = await search('occupations', 'tecnico en baterias');
    expect(r.items.map((i) => i.id)).toContain(automotiveBatteryTechnician);
    expect(r.items.find((i) => i.id === automotiveBatteryTechnician)!.label).toBe('técnico de baterías de automoción/técnica de baterías de automoción');
  });

  it('matches either language and returns the label in lang, falling back when there is none', async () => {
    const es = await search('occupations', 'automotive battery technician');
    expect(es.items[0]!.id).toBe(automotiveBatteryTechnician);
    expect(es.items[0]!.labelLang).toBe('es');
    const en = await search('occupations', 'técnico de baterías de automoción', '&lang=en');
    expect(en.items[0]).toMatchObject({ id: automotiveBatteryTechnician, label: 'automotive battery technician', labelLang: 'en' });
    const onet = await search('occupations', 'fuel cell engineers');
    expect(onet.items[0]).toMatchObject({ id: 'onet:17-2141.01', labelLang: 'en', labelEs: null });
  });

  it('ranks preferred-label prefix hits above alternative-label hits and typo hits', async () => {
    const r = await search('occupations', 'battery');
    expect(r.items[0]!.matchTier).toBe(0);
    expect(r.items.slice(0, 5).every((i) => i.labelEn?.toLowerCase().startsWith('battery') || i.label.toLowerCase().includes('bater'))).toBe(true);
    const tiers = r.items.map((i) => i.matchTier);
    expect(tiers).toEqual([...tiers].sort((a, b) => a - b));
    // "electricista" is itself an occupation: first, before "electricista naval" and alternative-label hits.
    expect((await search('occupations', 'Electricista')).items[0]!.label).toBe('electricista');
  });

  it('searches alternative labels (O*NET alternate titles) and tolerates typos', async () => {
    const alt = await search('occupations', 'EV electrician');
    expect(alt.items.map((i) => i.id)).toContain('onet:49-3023.00');
    const typo = await search('occupations', 'baterya');
    expect(typo.items.some((i) => i.id === automotiveBatteryTechnician || i.labelEn?.startsWith('battery'))).toBe(true);
    expect(typo.items.every((i) => i.matchTier === 5)).toBe(true);
  });

  it('when no label has every word, answers with the labels that have the most of them (tier 6), not an empty page', async () => {
    // ESCO says "alto voltaje" and "tensión" in different labels; no skill label has "alta" and "tensión" together.
    const r = await search('skills', 'alta tensión electrica');
    expect(r.total).toBeGreaterThan(0);
    expect(r.items.every((i) => i.matchTier === 6)).toBe(true);
    // Two of the three words beat one.
    // Ranked by how many of the words a record has: never more further down.
    const terms = searchTerms('alta tensión electrica')!;
    const { rows } = await sql<{ id: string; n: number }>`
      select id, (${sql.join(terms.wordQueries.map((w) => sql`(search_vector @@ to_tsquery('simple', ${w}))::int`), sql` + `)}) as n
      from skills_skill where id = any(${r.items.map((i) => i.id)}::text[])`.execute(t.database.db);
    const matched = r.items.map((i) => rows.find((row) => row.id === i.id)!.n);
    expect(matched[0]).toBeGreaterThanOrEqual(2);
    expect(matched).toEqual([...matched].sort((a, b) => b - a));
    // A query some label has in full never falls back.
    expect((await search('skills', 'montar baterias')).items.every((i) => i.matchTier < 6)).toBe(true);
  });

  it('reads "EV" and "VE" as electric vehicle, not as the start of "event" or "eventos"', async () => {
    for (const q of ['ev', 'VE']) {
      const r = await search('occupations', q);
      expect(r.items.length).toBeGreaterThan(0);
      expect(r.items.every((i) => i.evRelated)).toBe(true);
      expect(r.items.map((i) => i.id)).toContain('local:ev-technician');
    }
    const skills = await search('skills', 'EV', '&lang=en');
    expect(skills.items[0]!.matchTier).toBe(0);
    expect(skills.items[0]!.label.toLowerCase().startsWith('ev ')).toBe(true);
    const electrician = await search('occupations', 'EV electrician', '&lang=en');
    expect(electrician.items.map((i) => i.id)).toContain('onet:49-3023.00');
    expect(electrician.items.some((i) => /event/i.test(`${i.labelEs} ${i.labelEn}`))).toBe(false);
  });

  it('corrects a typo to its word the first time and the next (corrections are cached per word)', async () => {
    for (let round = 0; round < 2; round++) {
      const r = await search('occupations', 'electrisista');
      expect(r.items[0]).toMatchObject({ label: 'electricista', matchTier: 5 });
      expect(r.total).toBeGreaterThan(10);
    }
    const skill = await search('skills', 'elctronica');
    expect(skill.items.map((i) => i.label)).toContain('electrónica');
  });

  it('gives the exact total of a short prefix that matches hundreds, page after page', async () => {
    const seen = new Set<string>();
    let total = -1;
    for (let offset = 0; offset < 2000; offset += 100) {
      const page = await search('occupations', 'ing', `&limit=100&offset=${offset}`);
      if (total === -1) total = page.total;
      expect(page.total).toBe(total);
      page.items.forEach((i) => seen.add(i.id));
      if (page.items.length < 100) break;
    }
    expect(total).toBeGreaterThan(100);
    expect(seen.size).toBe(total);
    const { rows } = await sql<{ n: string }>`
      select count(*) as n from skills_occupation where search_vector @@ to_tsquery('simple', 'ing:*')`.execute(t.database.db);
    expect(Number(rows[0]!.n)).toBe(total);
  });

  it('filters EV-related entries: curated, without the keyword false positives', async () => {
    const r = await search('occupations', 'bateria', '&ev=true&limit=100');
    expect(r.items.map((i) => i.id)).toContain(automotiveBatteryTechnician);
    expect(r.items.every((i) => i.evRelated)).toBe(true);
    const all = await request('GET', '/api/v1/skills/occupations?ev=true&limit=500');
    const ids = (all.json() as { items: Array<{ id: string }> }).items.map((i) => i.id);
    expect(ids).toContain('local:ev-technician');
    expect(ids).not.toContain(armyCaptain);
  });

  it('pages with total, and answers a bad scheme with SKILLS.INVALID_QUERY', async () => {
    const first = await search('occupations', 'mecanico', '&limit=2');
    expect(first.items).toHaveLength(2);
    expect(first.total).toBeGreaterThan(2);
    const past = await search('occupations', 'mecanico', `&offset=${first.total + 10}`);
    expect(past).toMatchObject({ items: [], total: first.total });
    const bad = await request('GET', '/api/v1/skills/occupations?scheme=isco');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('SKILLS.INVALID_QUERY');
  });
});

describe('GET /api/v1/skills/skills (search)', () => {
  it('finds ESCO skills in Spanish and the Electrifica-curated EV skills', async () => {
    expect((await search('skills', 'electronica de potencia')).items[0]!.id).toBe(powerElectronics);
    expect((await search('skills', 'alto voltaje vehiculos')).items[0]!.id).toBe('local:ev-high-voltage-safety');
    expect((await search('skills', 'EVSE installation', '&lang=en')).items[0]).toMatchObject({ id: 'local:ev-charger-installation', labelLang: 'en' });
  });
});

describe('GET /api/v1/skills/occupations/:id', () => {
  it('gives labels, skills, ISCO, crosswalk, US wages with source and vintage, related occupations', async () => {
    const r = await request('GET', `/api/v1/skills/occupations/${encodeURIComponent('onet:49-3023.00')}`);
    expect(r.statusCode).toBe(200);
    const o = r.json();
    expect(o).toMatchObject({ id: 'onet:49-3023.00', scheme: 'onet', socCode: '49-3023', evRelated: true });
    expect(o.skills.essential.length).toBeGreaterThan(3);
    expect(o.skills.essential[0].importance).toBeGreaterThanOrEqual(3.5);
    expect(o.usWages[0]).toMatchObject({ socCode: '49-3023', currency: 'USD', source: 'bls-oews-2024', vintage: 'May 2024' });
    expect(o.usWages[0].annualMedian).toBeGreaterThan(20_000);
    expect(o.crosswalk.map((c: { id: string }) => c.id)).toContain(vehicleMechanic);
    expect(o.related.length).toBeGreaterThan(0);
    expect(o.sources.map((s: { id: string }) => s.id)).toEqual(expect.arrayContaining(['onet', 'bls-oews-2024', 'nesta-esco-onet']));
  });

  it('gives an ESCO occupation its essential and optional skills, ISCO group in both languages and certifications', async () => {
    const r = await request('GET', `/api/v1/skills/occupations/${automotiveBatteryTechnician}?lang=en`);
    expect(r.statusCode).toBe(200);
    const o = r.json();
    expect(o).toMatchObject({ label: 'automotive battery technician', iscoCode: '7412', escoVersion: '1.0', evRelated: true });
    expect(o.iscoGroup.labelEs).toBeTruthy();
    expect(o.skills.essential.length).toBeGreaterThan(0);
    expect(o.skills.optional.length).toBeGreaterThan(0);
    expect(o.certifications.map((c: { code: string }) => c.code)).toContain('EC1547');
    expect(o.provenance.evRelated.method).toBe('curated from keyword extract');
    expect(o.sources.find((s: { id: string }) => s.id === 'esco').attribution).toBe('This service uses the ESCO classification of the European Commission.');
  });

  it('answers an unknown or malformed id with 404 SKILLS.OCCUPATION_NOT_FOUND', async () => {
    for (const id of ['esco:00000000-0000-0000-0000-000000000000', 'nonsense', 'local:no-such-thing']) {
      const r = await request('GET', `/api/v1/skills/occupations/${encodeURIComponent(id)}`);
      expect(r.statusCode).toBe(404);
      expect(r.json().code).toBe('SKILLS.OCCUPATION_NOT_FOUND');
    }
  });
});

describe('GET /api/v1/skills/skills/:id', () => {
  it('gives the skill, its seq and the occupations that need it', async () => {
    const r = await request('GET', `/api/v1/skills/skills/${powerElectronics}`);
    expect(r.statusCode).toBe(200);
    const s = r.json();
    expect(s).toMatchObject({ id: powerElectronics, labelEs: 'electrónica de potencia', labelEn: 'power electronics', evRelated: true });
    expect(s.seq).toBeGreaterThan(0);
    expect(s.occupations.essentialTotal + s.occupations.optionalTotal).toBeGreaterThan(0);
    const missing = await request('GET', '/api/v1/skills/skills/onet:9.Z.9');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('SKILLS.SKILL_NOT_FOUND');
  });
});

describe('the job board contract', () => {
  it('resolves existing ids with labels and seq, and leaves unknown ids out', async () => {
    const skills = await resolveSkills(t.database.db, [powerElectronics, 'onet:2.B.3.d', 'esco:00000000-0000-0000-0000-000000000000']);
    expect([...skills.keys()].sort()).toEqual(['esco:86ff9a65-66eb-4c8f-93d8-22e0a467fc08', 'onet:2.B.3.d']);
    expect(skills.get('onet:2.B.3.d')).toMatchObject({ labelEn: 'Installation', labelEs: 'Instalación' });
    expect(typeof skills.get(powerElectronics)!.seq).toBe('number');
    const occupations = await resolveOccupations(t.database.db, ['onet:17-2141.02', 'local:nope']);
    expect(occupations.get('onet:17-2141.02')).toEqual({ id: 'onet:17-2141.02', labelEs: 'Automotive Engineers', labelEn: 'Automotive Engineers' });
    expect(occupations.has('local:nope')).toBe(false);
  });
});

describe('moderators add to the taxonomy', () => {
  it('an alternative label in Mexican wording makes "mecanico automotriz" find the vehicle mechanic, audited', async () => {
    // Before: no label has both words; the mechanic is at best a partial match (tier 6).
    const before = await search('occupations', 'mecanico automotriz');
    expect(before.items.filter((i) => i.matchTier < 6).map((i) => i.id)).not.toContain(vehicleMechanic);
    const r = await request('POST', `/api/v1/skills/occupations/${encodeURIComponent(vehicleMechanic)}/alt-labels`, 'moderator', { lang: 'es', label: 'mecánico automotriz' });
    expect(r.statusCode).toBe(201);
    expect(r.json().altLabels.es).toContain('mecánico automotriz');
    expect((await search('occupations', 'mecanico automotriz')).items[0]).toMatchObject({ id: vehicleMechanic, matchTier: 3 });
    const audit = await t.database.db.selectFrom('audit_event').selectAll().where('entity_id', '=', vehicleMechanic).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ entity_type: 'skills.occupation', action: 'update', actor_label: 'moderator@example.mx' });
    const again = await request('POST', `/api/v1/skills/occupations/${vehicleMechanic}/alt-labels`, 'moderator', { lang: 'es', label: 'Mecanico  Automotriz' });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('SKILLS.LABEL_EXISTS');
  });

  it('adds a local skill and a local occupation with its skills, audited and searchable', async () => {
    const skill = await request('POST', '/api/v1/skills/skills', 'moderator', {
      labelEs: 'reciclaje de celdas de ion-litio (test)', labelEn: 'lithium-ion cell recycling (test)', skillType: 'skill', evRelated: true,
    });
    expect(skill.statusCode).toBe(201);
    expect(skill.json().id).toBe('local:lithium-ion-cell-recycling-test');
    const occupation = await request('POST', '/api/v1/skills/occupations', 'admin', {
      slug: 'battery-recycling-technician-test', labelEs: 'técnico en reciclaje de baterías (test)', labelEn: 'battery recycling technician (test)',
      altLabelsEs: ['reciclador de baterías (test)'], iscoCode: '7412', evRelated: true,
      essentialSkills: ['local:lithium-ion-cell-recycling-test', 'local:ev-high-voltage-safety'], optionalSkills: [powerElectronics],
    });
    expect(occupation.statusCode).toBe(201);
    const id = occupation.json().id;
    expect(id).toBe('local:battery-recycling-technician-test');
    const detail = (await request('GET', `/api/v1/skills/occupations/${id}`)).json();
    expect(detail.skills.essential.map((s: { id: string }) => s.id).sort()).toEqual(['local:ev-high-voltage-safety', 'local:lithium-ion-cell-recycling-test']);
    expect(detail.skills.optional.map((s: { id: string }) => s.id)).toEqual([powerElectronics]);
    expect(detail.provenance.record).toMatchObject({ source: 'electrifica-skills', method: 'manual' });
    expect(detail.provenance.record.userId).toBeUndefined();
    expect((await search('occupations', 'reciclador baterias')).items[0]!.id).toBe(id);
    const audit = await t.database.db.selectFrom('audit_event').select(['entity_type', 'action']).where('entity_id', 'in', [id, skill.json().id]).orderBy('id').execute();
    expect(audit).toEqual([{ entity_type: 'skills.skill', action: 'create' }, { entity_type: 'skills.occupation', action: 'create' }]);
    const duplicate = await request('POST', '/api/v1/skills/skills', 'moderator', { labelEs: 'x', labelEn: 'lithium-ion cell recycling (test)', skillType: 'skill' });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().code).toBe('SKILLS.ALREADY_EXISTS');
  });

  it('a new label\'s words correct typos at once (the cached corrections are forgotten)', async () => {
    expect((await search('skills', 'zorbatrx')).items.map((i) => i.id)).not.toContain(powerElectronics);
    const r = await request('POST', `/api/v1/skills/skills/${powerElectronics}/alt-labels`, 'moderator', { lang: 'es', label: 'zorbatrix (test)' });
    expect(r.statusCode).toBe(201);
    const after = await search('skills', 'zorbatrx');
    expect(after.items[0]).toMatchObject({ id: powerElectronics, matchTier: 5 });
  });

  it('answers bad input per field, nothing saved', async () => {
    const r = await request('POST', '/api/v1/skills/occupations', 'moderator', {
      labelEs: '', labelEn: 'ghost occupation (test)', essentialSkills: ['esco:00000000-0000-0000-0000-000000000000'],
    });
    expect(r.statusCode).toBe(422);
    expect(r.json().code).toBe('SKILLS.INVALID_ENTRY');
    expect(r.json().errors.map((e: { path: string }) => e.path)).toEqual(['/labelEs']);
    const unknownSkill = await request('POST', '/api/v1/skills/occupations', 'moderator', {
      labelEs: 'ocupación fantasma (test)', labelEn: 'ghost occupation (test)', essentialSkills: ['esco:00000000-0000-0000-0000-000000000000'],
    });
    expect(unknownSkill.statusCode).toBe(422);
    expect(unknownSkill.json().errors).toEqual([{ path: '/essentialSkills/0', message: expect.stringContaining('no skill') }]);
    expect(await t.database.db.selectFrom('skills_occupation').select('id').where('id', '=', 'local:ghost-occupation-test').executeTakeFirst()).toBeUndefined();
    const label = await request('POST', `/api/v1/skills/skills/${powerElectronics}/alt-labels`, 'moderator', { lang: 'es', label: '   ' });
    expect(label.statusCode).toBe(422);
    expect(label.json().errors[0].path).toBe('/label');
    const unknown = await request('POST', '/api/v1/skills/skills/local:nope/alt-labels', 'moderator', { lang: 'es', label: 'algo' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('SKILLS.SKILL_NOT_FOUND');
  });

  it('refuses members (403) and anonymous callers (401)', async () => {
    const body = { labelEs: 'algo (test)', labelEn: 'something (test)', skillType: 'skill' };
    const member = await request('POST', '/api/v1/skills/skills', 'member', body);
    expect(member.statusCode).toBe(403);
    expect(member.json().code).toBe('ACCOUNTS.FORBIDDEN');
    expect((await request('POST', '/api/v1/skills/skills', undefined, body)).statusCode).toBe(401);
    expect((await request('POST', `/api/v1/skills/occupations/${vehicleMechanic}/alt-labels`, 'member', { lang: 'es', label: 'chalán (test)' })).statusCode).toBe(403);
  });
});

describe('the loader', () => {
  it('skips unchanged files, and a forced reload changes nothing and keeps what moderators added', async () => {
    const db = t.database.db;
    const count = async () => Promise.all(['skills_occupation', 'skills_skill', 'skills_occupation_skill', 'skills_crosswalk', 'skills_curated_label']
      .map(async (table) => Number((await db.selectFrom(table as 'skills_skill').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)));
    const before = await count();
    const seqBefore = (await resolveSkills(db, [powerElectronics])).get(powerElectronics)!.seq;
    const skipped = await loadSkillsTaxonomy(db, t.config.referenceDataDir);
    expect(skipped.skipped).toBe(true);
    const forced = await loadSkillsTaxonomy(db, t.config.referenceDataDir, { force: true });
    expect(forced.skipped).toBe(false);
    expect(forced.counts.occupationSkills).toBeGreaterThan(100_000);
    expect(await count()).toEqual(before);
    expect((await resolveSkills(db, [powerElectronics])).get(powerElectronics)!.seq).toBe(seqBefore);
    // The moderator's Mexican label and local entries survive the reload.
    expect((await search('occupations', 'mecanico automotriz')).items[0]!.id).toBe(vehicleMechanic);
    expect((await request('GET', '/api/v1/skills/occupations/local:battery-recycling-technician-test')).statusCode).toBe(200);
  });
});

describe('OpenAPI', () => {
  it('documents the taxonomy routes under the skills tag', async () => {
    const spec = (await request('GET', '/api/docs/json')).json();
    for (const p of ['/api/v1/skills/occupations', '/api/v1/skills/skills', '/api/v1/skills/occupations/{id}', '/api/v1/skills/skills/{id}']) {
      expect(spec.paths[p].get.tags).toEqual(['skills']);
    }
  });
});
