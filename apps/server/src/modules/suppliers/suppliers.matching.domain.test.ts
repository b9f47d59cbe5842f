import { describe, expect, it } from 'vitest';
import { nameKey } from './suppliers.domain.js';
import {
  candidateBlock, canonicalOf, emailKey, foldChanges, geodesicDistanceM, nameAffinity, nameDesignation, namesAlike, namesDifferOnlyByDesignation, nameSimilarity, nearNameIndex, nearNamePairs,
  otherEstablishment, phoneKey, planMatches, plantNumbersDiffer, scianFit, scorePair, unfoldChanges, type FillState, type LocatedSide, type PlannedSide, type ScoredPair,
} from './suppliers.matching.domain.js';

/** A synthetic side: only what a test sets differs from an anonymous DENUE record. */
let n = 0;
function side(fields: Partial<PlannedSide> & { name: string }): PlannedSide {
  n += 1;
  return {
    id: fields.id ?? `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    sourceKey: `denue:${n}`, origin: 'import', createdAt: new Date('2026-01-01T00:00:00Z'), legalName: null, rfc: null, phone: null, email: null,
    scian: '336390', postalCode: null, street: null, exteriorNumber: null, absorbedSources: [],
    ...fields,
    nameKey: nameKey(fields.name),
  };
}

describe('keys and name similarity', () => {
  it('reads phones as their last ten digits and refuses placeholders', () => {
    expect(phoneKey('+52 1 (844) 438-1000')).toBe('8444381000');
    expect(phoneKey('844 438 1000')).toBe('8444381000');
    expect(phoneKey('438 1000')).toBeNull();
    expect(phoneKey('0000000000')).toBeNull();
    expect(emailKey('  Ventas@Acme.com.MX ')).toBe('ventas@acme.com.mx');
    expect(emailKey('sin correo')).toBeNull();
  });

  it('treats legal-form and abbreviation variants as the same name', () => {
    expect(nameSimilarity(nameKey('Autopartes Acme, S.A. de C.V.'), nameKey('AUTOPARTES ACME SA DE CV'))).toBe(1);
    expect(nameSimilarity(nameKey('Cía. Ind. Martínez S. de R.L. de C.V.'), nameKey('COMPAÑIA INDUSTRIAL MARTINEZ'))).toBe(1);
    expect(nameSimilarity(nameKey('Auto Partes Garza'), nameKey('Autopartes Garza'))).toBe(1);
    expect(nameSimilarity(nameKey('Nemak'), nameKey('Nemak Planta Monterrey'))).toBe(0.9);
  });

  it('does not call names alike for the trade words they share', () => {
    expect(nameSimilarity(nameKey('Industrias Martínez'), nameKey('Industrias Ramírez'))).toBeLessThan(0.5);
    // Containment needs a distinctive shared word: "Autopartes" alone is not a company.
    expect(nameSimilarity(nameKey('Autopartes'), nameKey('Autopartes Ramírez'))).toBeLessThan(0.5);
    // Nor for a number they share: "Otra 5" and "Empresa 5" are two companies.
    expect(nameSimilarity(nameKey('Otra 5'), nameKey('Empresa 5'))).toBeLessThan(0.5);
    expect(plantNumbersDiffer(nameKey('Acme Planta 1'), nameKey('Acme Planta 2'))).toBe(true);
    expect(plantNumbersDiffer(nameKey('Acme Planta 01'), nameKey('Acme Planta 1'))).toBe(false);
    expect(plantNumbersDiffer(nameKey('Acme'), nameKey('Acme Planta 2'))).toBe(false);
  });

  it('fits SCIAN codes by branch and subsector', () => {
    expect(scianFit('336390', '336310')).toBe('same_branch');
    expect(scianFit('336110', '336390')).toBe('same_subsector');
    expect(scianFit('336390', '326211')).toBe('differs');
    expect(scianFit(null, '326211')).toBe('unknown');
  });
});

describe('blocking', () => {
  /** A synthetic located side `northM` metres north and `eastM` east of a spot in the Coahuila desert. */
  const at = (fields: Partial<PlannedSide> & { name: string }, northM: number, eastM = 0): LocatedSide => ({
    ...side(fields), lat: 27.3 + northM / 111_320, lon: -102.9 + eastM / (111_320 * Math.cos((27.3 * Math.PI) / 180)),
  });

  it('measures geodesic distances on the WGS84 ellipsoid', () => {
    // One degree of latitude at the equator, and at 27° N (GeographicLib's published values).
    expect(geodesicDistanceM({ lat: 0, lon: 0 }, { lat: 1, lon: 0 })).toBeCloseTo(110_574.389, 2);
    expect(geodesicDistanceM({ lat: 27, lon: -102 }, { lat: 27, lon: -102 })).toBe(0);
    expect(geodesicDistanceM(at({ name: 'x' }, 0), at({ name: 'y' }, 30))).toBeCloseTo(30, 0);
  });

  it('compares near records only when their names are alike, and keyed records farther', () => {
    const a = side({ name: 'Forjas Acme' });
    expect(candidateBlock(a, side({ name: 'FORJAS ACME SA DE CV', sourceKey: 'retc:1' }), 30)).toBe('name_key');
    expect(candidateBlock(a, side({ name: 'Forjas Acme Planta Norte', sourceKey: 'retc:2' }), 300)).toBe('near_name');
    // An unrelated neighbour: nothing alike but the neighbourhood.
    expect(candidateBlock(side({ name: 'Industrias Martínez' }), side({ name: 'Industrias Ramírez', sourceKey: 'retc:3' }), 20)).toBeNull();
    // Alike names are not compared beyond the near radius without a key.
    expect(candidateBlock(a, side({ name: 'Forjas Acme Planta Norte', sourceKey: 'retc:4' }), 800)).toBeNull();
    // A shared RFC at any distance; a shared phone or email within 5 km only.
    const rfc = 'FAC010101AB1';
    expect(candidateBlock(side({ name: 'Forjas Acme', rfc }), side({ name: 'Otra Planta', rfc, sourceKey: 'retc:5' }), 400_000)).toBe('rfc');
    const phone = '(844) 438 1000';
    expect(candidateBlock(side({ name: 'Uno', phone }), side({ name: 'Dos', phone: '+52 844 438 1000', sourceKey: 'retc:6' }), 4_000)).toBe('phone');
    expect(candidateBlock(side({ name: 'Uno', phone }), side({ name: 'Dos', phone, sourceKey: 'retc:7' }), 9_000)).toBeNull();
    expect(candidateBlock(side({ name: 'Uno', email: 'Ventas@X.mx' }), side({ name: 'Dos', email: 'ventas@x.mx', sourceKey: 'retc:8' }), 3_000)).toBe('email');
    // Never two records of one source.
    expect(candidateBlock(side({ name: 'Acme', sourceKey: 'denue:a' }), side({ name: 'Acme', sourceKey: 'denue:b' }), 10)).toBeNull();
  });

  it('finds alike names among neighbours through its index, and nothing else', () => {
    const given = at({ name: 'Forjas Acme Sintética' }, 0);
    const same = at({ name: 'FORJAS ACME SINTETICA SA DE CV', sourceKey: 'retc:10' }, 30);
    const similar = at({ name: 'Forjas Acme Planta Sur', sourceKey: 'retc:11' }, -250, 300);
    const legal = at({ name: 'Planta Ramos', legalName: 'Forjas Acme S.A. de C.V.', sourceKey: 'retc:12' }, 0, -400);
    const generic = at({ name: 'Forjas', sourceKey: 'retc:13' }, 100);
    const unrelated = at({ name: 'Hules Beta Sintéticos', sourceKey: 'retc:14' }, 10);
    // One of two distinctive words shared is alike (0.5); a shared trade word alone is not.
    const half = at({ name: 'Forjas Gamma', sourceKey: 'retc:15' }, 20);
    const tradeWordOnly = at({ name: 'Industrias Acmeta', legalName: 'Industrias Acmeta', sourceKey: 'retc:17' }, 15);
    const tooFar = at({ name: 'Forjas Acme', sourceKey: 'retc:16' }, 520);
    const sameSource = at({ name: 'Forjas Acme', sourceKey: `${given.sourceKey.split(':')[0]}:other` }, 5);
    const region = [given, same, similar, legal, generic, unrelated, half, tradeWordOnly, tooFar, sameSource];
    const found = nearNamePairs([given], region);
    expect(found.map((p) => p.b.id).sort()).toEqual([same.id, similar.id, legal.id, generic.id, half.id].sort());
    expect(found.find((p) => p.b.id === same.id)!.distanceM).toBeCloseTo(30, 0);
    expect(found.every((p) => p.a.id === given.id)).toBe(true);
    // What the caller already dealt with is skipped.
    expect(nearNamePairs([given], region, (_g, o) => o.id === same.id).map((p) => p.b.id)).not.toContain(same.id);
  });

  it('tells establishments of one company apart by their number or designator, in Spanish and English', () => {
    const differ = (x: string, y: string) => namesDifferOnlyByDesignation(nameKey(x), nameKey(y));
    expect(differ('Maquinados del Norte Planta 3', 'Maquinados del Norte Planta 7')).toBe(true);
    expect(differ('Maquinados del Norte Nave 1', 'MAQUINADOS DEL NORTE NAVE 2')).toBe(true);
    expect(differ('Forjas Acme Unidad II', 'Forjas Acme Unidad IV')).toBe(true);
    expect(differ('Forjas Acme Sucursal No. 2', 'Forjas Acme Sucursal No. 5')).toBe(true);
    expect(differ('Forjas Acme Plant #4', 'Forjas Acme Plant #6')).toBe(true);
    expect(differ('Acme Forging Unit 1', 'Acme Forging Branch 2')).toBe(true);
    expect(differ('Forjas Acme Nave A', 'Forjas Acme Nave B')).toBe(true);
    // A different trailing number, with no designator word.
    expect(differ('Resortes Omega Sintéticos 1041', 'Resortes Omega Sintéticos 2210')).toBe(true);
    // The same mark, however written, is not distinct: "Planta 3" and "Planta 03", "Planta III".
    expect(differ('Maquinados del Norte Planta 3', 'Maquinados del Norte Planta 3')).toBe(false);
    expect(differ('Maquinados del Norte Planta 3', 'MAQUINADOS DEL NORTE PLANTA 03')).toBe(false);
    expect(differ('Maquinados del Norte Planta 3', 'Maquinados del Norte Plant III')).toBe(false);
    // A number missing on one side is not distinct: "Nemak" may be the report of "Nemak Planta 2".
    expect(differ('Maquinados del Norte', 'Maquinados del Norte Planta 7')).toBe(false);
    // Names that differ in more than the mark are left to the score.
    expect(differ('Maquinados del Norte Planta 3', 'Maquinados del Nrote Planta 7')).toBe(false);
    expect(differ('Forjas Acme Planta 1', 'Forjas Beta Planta 2')).toBe(false);
    expect(nameDesignation(nameKey('Forjas Acme Planta No. 12 Sintética'))).toEqual({ stem: 'forjas acme', marks: new Set(['12']) });
  });

  it('neither compares nor queues another numbered plant of a company unless they share an RFC, phone or email', () => {
    const a = side({ name: 'Maquinados del Norte Planta 3' });
    const plant7 = side({ name: 'Maquinados del Norte Planta 7', sourceKey: 'retc:30' });
    expect(otherEstablishment(a, plant7)).toBe(true);
    expect(candidateBlock(a, plant7, 40)).toBeNull();
    // Same number, or a number on one side only: still compared.
    expect(candidateBlock(a, side({ name: 'MAQUINADOS DEL NORTE PLANTA 3 SA DE CV', sourceKey: 'retc:31' }), 40)).toBe('name_key');
    expect(candidateBlock(a, side({ name: 'Maquinados del Norte', sourceKey: 'retc:32' }), 40)).toBe('near_name');
    // A shared strong key keeps the pair a candidate: a registry may number plants its own way.
    const rfc = 'MNO010101AB1';
    const phone = '844 438 1000';
    const email = 'planta@maquinados.example';
    expect(candidateBlock(side({ ...a, name: a.name, rfc }), side({ name: plant7.name, rfc, sourceKey: 'retc:33' }), 40)).toBe('rfc');
    expect(candidateBlock(side({ name: a.name, phone }), side({ name: plant7.name, phone: '+52 1 844 438 1000', sourceKey: 'retc:34' }), 40)).toBe('phone');
    expect(candidateBlock(side({ name: a.name, email }), side({ name: plant7.name, email: email.toUpperCase(), sourceKey: 'retc:35' }), 40)).toBe('email');
    // The near block's index drops it too, and keeps the same plant and the shared-phone one.
    const given = at({ name: 'Maquinados del Norte Planta 3', phone }, 0);
    const other = at({ name: 'Maquinados del Norte Planta 7', sourceKey: 'retc:36' }, 60);
    const same = at({ name: 'Maquinados del Norte Planta 3', sourceKey: 'retc:37' }, 250);
    const sharedPhone = at({ name: 'Maquinados del Norte Planta 9', phone, sourceKey: 'retc:38' }, 120);
    expect(nearNamePairs([given], [given, other, same, sharedPhone]).map((p) => p.b.id).sort()).toEqual([same.id, sharedPhone.id].sort());
  });

  it('finds through its index exactly the pairs that comparing every neighbour would find', () => {
    // A crowded park of names drawn from a small vocabulary: shared trade words, common and
    // rare distinctive words, plant numbers, names within names, "auto partes" written apart,
    // legal names. The index must neither miss an alike neighbour nor invent one.
    let seed = 7;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648);
    const pick = <T,>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
    const common = ['Norte', 'Industriales', 'Autopartes', 'Componentes', 'Saltillo'];
    const rare = ['Acme', 'Delta', 'Omega', 'Nemak', 'Forjas', 'Hules', 'Arneses', 'Moldes', 'Bajío', 'Beta', 'Gamma', 'Zeta'];
    const nameOf = () => {
      const words = [...new Set(Array.from({ length: 1 + Math.floor(random() * 4) }, () => (random() < 0.5 ? pick(common) : pick(rare))))];
      if (random() < 0.15) words.push(pick(['Auto Partes', 'Autopartes']));
      if (random() < 0.25) words.push('Planta', String(1 + Math.floor(random() * 3)));
      return words.join(' ');
    };
    const population = Array.from({ length: 500 }, (_, k) => at({
      name: nameOf(), sourceKey: `${pick(['denue', 'retc', 'tpl'])}:${k}`,
      legalName: random() < 0.3 ? `${nameOf()} S.A. de C.V.` : null, phone: random() < 0.1 ? '844 438 1000' : null,
    }, random() * 1_400 - 700, random() * 1_400 - 700));
    const given = population.filter((_, k) => k % 3 === 0);
    const key = (p: { a: LocatedSide; b: LocatedSide }) => `${p.a.id}|${p.b.id}`;
    const everyNeighbour = given.flatMap((g) => population
      .filter((o) => o.id !== g.id && o.sourceKey.split(':')[0] !== g.sourceKey.split(':')[0] && namesAlike(g, o) && !otherEstablishment(g, o)
        && geodesicDistanceM(g, o) <= 500)
      .map((o) => ({ a: g, b: o })));
    expect(everyNeighbour.length).toBeGreaterThan(300);
    expect(nearNamePairs(given, population).map(key).sort()).toEqual(everyNeighbour.map(key).sort());
    // A bulk run probes one index a slice of given records at a time: the same pairs.
    const index = nearNameIndex(population);
    const sliced = [given.slice(0, 7), given.slice(7, 8), given.slice(8)].flatMap((slice) => index.pairsOf(slice));
    expect(sliced.map(key).sort()).toEqual(everyNeighbour.map(key).sort());
    // Alike with no word in common: the same letters written apart.
    const apart = at({ name: 'Auto Partes' }, 0);
    const together = at({ name: 'AUTOPARTES', sourceKey: 'retc:99' }, 50);
    expect(namesAlike(apart, together)).toBe(true);
    expect(nearNamePairs([apart], [apart, together]).map((p) => p.b.id)).toEqual([together.id]);
  });

  it('finds a neighbour across a grid-cell edge', () => {
    // 0.006° cells: these two straddle the edge at 27.3° N… wherever the cell edge falls, 40 m apart they are found.
    for (const offset of [0, 100, 200, 300, 400, 500, 600]) {
      const a = at({ name: 'Moldes Delta' }, offset);
      const b = at({ name: 'Moldes Delta', sourceKey: 'retc:20' }, offset + 40, 35);
      expect(nearNamePairs([a], [a, b]).map((p) => p.b.id)).toEqual([b.id]);
    }
  });
});

describe('scorePair', () => {
  it('merges legal-form variants of one name at the same spot', () => {
    const s = scorePair(side({ name: 'Autopartes Acme, S.A. de C.V.' }), side({ name: 'AUTOPARTES ACME SA DE CV', sourceKey: 'retc:1' }), 40);
    expect(s.confident).toBe(true);
    expect(s.reasons).toEqual(['distance_40m', 'name_same', 'scian_same_branch']);
  });

  it('reads a legal name that is the plant name with a legal form as that one name, in every comparison', () => {
    const acme = side({ name: 'Forjas Acme', legalName: 'Forjas Acme S.A. de C.V.' });
    const tradeName = side({ name: 'Planta Saltillo Delta', legalName: 'FORJAS ACME, S. DE R.L.', sourceKey: 'retc:2' });
    expect(nameAffinity(acme, tradeName)).toBe(1);
    expect(nameAffinity(tradeName, acme)).toBe(1);
    expect(scorePair(tradeName, acme, 60).reasons).toContain('legal_name_same');
    const other = side({ name: 'Hules Omega', legalName: 'Hules Omega SA', sourceKey: 'retc:3' });
    expect(nameAffinity(acme, other)).toBe(0);
  });

  it('compares trade names with legal names across sources', () => {
    const denue = side({ name: 'Planta Saltillo', legalName: 'Forjas Acme S.A. de C.V.' });
    const template = side({ name: 'Forjas Acme', legalName: 'FORJAS ACME SA DE CV', sourceKey: 'template:x:1' });
    const s = scorePair(denue, template, 60);
    expect(s.reasons).toContain('name_same');
    expect(s.reasons).toContain('legal_name_same');
    expect(s.confident).toBe(true);
  });

  it('does not merge different companies next door, and queues only the closest', () => {
    const a = side({ name: 'Industrias Martínez' });
    const b = side({ name: 'Industrias Ramírez', sourceKey: 'retc:2' });
    const close = scorePair(a, b, 20);
    expect(close.confident).toBe(false);
    expect(close.reasons).toContain('name_differs');
    expect(close.score).toBeGreaterThanOrEqual(0.3);
    const apart = scorePair(a, b, 250);
    expect(apart.confident).toBe(false);
    expect(apart.score).toBeLessThan(0.3);
  });

  it('queues the same RFC far away, and merges it close', () => {
    const a = side({ name: 'Acme Planta Ramos', legalName: 'Acme S.A. de C.V.', rfc: 'AAA010101AAA' });
    const b = side({ name: 'Acme Planta Silao', legalName: 'ACME SA DE CV', rfc: 'AAA010101AAA', sourceKey: 'template:x:2' });
    const far = scorePair(a, b, 30_000);
    expect(far.confident).toBe(false);
    expect(far.reasons).toEqual(expect.arrayContaining(['rfc_same', 'legal_name_same']));
    expect(far.score).toBeGreaterThanOrEqual(0.3);
    expect(scorePair(a, b, 300).confident).toBe(true);
  });

  it('never merges on evidence against: another RFC, another industry, another plant number', () => {
    const a = side({ name: 'Acme', rfc: 'AAA010101AAA' });
    expect(scorePair(a, side({ name: 'Acme', rfc: 'BBB010101BBB', sourceKey: 'reg:1' }), 10)).toMatchObject({ confident: false });
    expect(scorePair(side({ name: 'Acme' }), side({ name: 'Acme', scian: '326211', sourceKey: 'retc:3' }), 10)).toMatchObject({ confident: false });
    const numbered = scorePair(side({ name: 'Acme Planta 1' }), side({ name: 'Acme Planta 2', sourceKey: 'retc:4' }), 10);
    expect(numbered.confident).toBe(false);
    expect(numbered.reasons).toContain('plant_number_differs');
  });

  it('needs a shared phone, email or address to merge a merely similar name', () => {
    const a = side({ name: 'Nemak', phone: '(81) 8748 5000' });
    const b = side({ name: 'Nemak Planta Monterrey', phone: '+52 81 8748 5000', sourceKey: 'retc:5' });
    expect(scorePair(a, b, 100)).toMatchObject({ confident: true });
    expect(scorePair(a, b, 100).reasons).toContain('phone_same');
    expect(scorePair(a, { ...b, phone: null }, 100).confident).toBe(false);
    expect(scorePair(a, b, 400).confident).toBe(false);
  });

  it('says when a registered establishment is involved, and keeps it as the canonical', () => {
    const imported = side({ name: 'Acme', createdAt: new Date('2020-01-01T00:00:00Z') });
    const registered = side({ name: 'Acme', origin: 'registered', sourceKey: 'reg:9', createdAt: new Date('2026-06-01T00:00:00Z') });
    expect(scorePair(imported, registered, 5).reasons).toContain('registered_establishment');
    expect(canonicalOf(imported, registered).canonical).toBe(registered);
    const older = side({ name: 'Acme', createdAt: new Date('2020-01-01T00:00:00Z') });
    const newer = side({ name: 'Acme', sourceKey: 'retc:6' });
    expect(canonicalOf(newer, older).canonical).toBe(older);
  });
});

describe('planMatches', () => {
  const pair = (a: PlannedSide, b: PlannedSide, distanceM: number): ScoredPair => ({ a, b, distanceM, ...scorePair(a, b, distanceM) });

  it('folds a record that matches two others into the better one only, and queues the other pair', () => {
    const retc = side({ name: 'Acme', sourceKey: 'retc:10', createdAt: new Date('2020-01-01T00:00:00Z') });
    const near = side({ name: 'Acme', sourceKey: 'template:t:1', createdAt: new Date('2021-01-01T00:00:00Z') });
    const incoming = side({ name: 'Acme S.A. de C.V.' });
    const plan = planMatches([pair(incoming, near, 60), pair(incoming, retc, 10)]);
    expect(plan.merges).toHaveLength(1);
    expect(plan.merges[0]!.folded.id).toBe(incoming.id);
    expect(plan.merges[0]!.canonical.id).toBe(retc.id);
    // The folded record is not queued against the other: the queue holds shown records only.
    expect(plan.queued).toEqual([]);
  });

  it('lets one canonical take one record per source: the second of that source waits for a moderator', () => {
    const retc = side({ name: 'Acme', sourceKey: 'retc:11', createdAt: new Date('2020-01-01T00:00:00Z') });
    const d1 = side({ name: 'Acme' });
    const d2 = side({ name: 'Acme' });
    const plan = planMatches([pair(d1, retc, 10), pair(d2, retc, 20)]);
    expect(plan.merges.map((m) => m.folded.id)).toEqual([d1.id]);
    expect(plan.queued.map((p) => p.a.id)).toEqual([d2.id]);
    // Already holding a DENUE record from an earlier import: both wait.
    const holding = { ...retc, absorbedSources: ['denue'] };
    expect(planMatches([pair(d1, holding, 10)]).merges).toEqual([]);
  });

  it('queues at most three pairs per record, the best ones', () => {
    const a = side({ name: 'Acme', rfc: 'AAA010101AAA' });
    const others = [1, 2, 3, 4, 5].map((i) => side({ name: `Acme Sucursal ${i}`, rfc: 'AAA010101AAA', sourceKey: `template:t:${i}` }));
    const plan = planMatches(others.map((o, i) => pair(a, o, 10_000 * (i + 1))));
    expect(plan.merges).toEqual([]);
    expect(plan.queued.map((p) => p.b.id)).toEqual(others.slice(0, 3).map((o) => o.id));
  });
});

describe('folding and undoing', () => {
  const state = (fields: Partial<FillState> & { id: string; sourceKey: string }): FillState => ({
    companyId: null, contactConsent: false, searchDocument: '', certifications: [],
    scalars: {
      legal_name: null, rfc: null, street: null, exterior_number: null, neighbourhood: null, postal_code: null, locality: null, industrial_park: null,
      scian: null, employees_stratum: null, size_class: null, ev_readiness: null, registered_on: null, phone: null, email: null, website: null,
    },
    arrays: { tiers: [], processes: [], components: [], oem_customers: [], export_markets: [] },
    provenance: {},
    ...fields,
  });
  const denueRecord = { source: 'inegi-denue', method: 'import' as const, importId: 'imp-1', rowNumber: 7 };
  const templateRecord = { source: 'suppliers-template', method: 'import' as const, importId: 'imp-2', rowNumber: 3 };

  it('fills empty fields only, unions lists, names the folded record, and undoes exactly that', () => {
    const canonical = state({
      id: 'c', sourceKey: 'denue:1', searchDocument: 'planta saltillo', provenance: { record: denueRecord },
      scalars: { ...state({ id: '', sourceKey: '' }).scalars, scian: '336390', employees_stratum: '51-100', phone: '8444381000' },
      arrays: { ...state({ id: '', sourceKey: '' }).arrays, processes: ['stamping'] },
    });
    const folded = state({
      id: 'f', sourceKey: 'template:acme:1', companyId: 'company-1', searchDocument: 'forjas acme', provenance: { record: templateRecord, rfc: { ...templateRecord, method: 'import' } },
      scalars: { ...state({ id: '', sourceKey: '' }).scalars, legal_name: 'Forjas Acme S.A. de C.V.', rfc: 'FAC010101AB1', scian: '336370', employees_stratum: '101-250', phone: '8440000000' },
      arrays: { ...state({ id: '', sourceKey: '' }).arrays, processes: ['stamping', 'forging'], tiers: ['tier1'] },
      certifications: [{ code: 'iatf16949', expiresOn: '2027-05-31' }],
    });
    const { state: after, changes } = foldChanges(canonical, folded);
    // Its own values stay; only the empty fields are filled.
    expect(after.scalars).toMatchObject({ scian: '336390', employees_stratum: '51-100', phone: '8444381000', legal_name: 'Forjas Acme S.A. de C.V.', rfc: 'FAC010101AB1' });
    expect(after.companyId).toBe('company-1');
    expect(after.arrays.processes).toEqual(['stamping', 'forging']);
    expect(after.arrays.tiers).toEqual(['tier1']);
    expect(after.certifications).toEqual([{ code: 'iatf16949', expiresOn: '2027-05-31' }]);
    expect(after.searchDocument).toBe('planta saltillo forjas acme');
    // Provenance from both: the canonical's record, the folded record named, filled fields from the folded source.
    expect(after.provenance.record).toEqual(denueRecord);
    expect(after.provenance['match:template:acme:1']).toEqual({ source: 'suppliers-template', method: 'derived', importId: 'imp-2', rowNumber: 3 });
    expect(after.provenance.legal_name).toEqual(templateRecord);
    expect(after.provenance.tiers).toEqual(templateRecord);
    expect(after.provenance.processes).toBeUndefined();

    const undone = unfoldChanges(after, changes);
    expect(undone.state).toEqual(canonical);
    expect(undone.keptFields).toEqual([]);
  });

  it('keeps what changed since the fold when undoing it', () => {
    const canonical = state({ id: 'c', sourceKey: 'denue:1', provenance: { record: denueRecord } });
    const folded = state({
      id: 'f', sourceKey: 'retc:1', provenance: { record: templateRecord },
      scalars: { ...canonical.scalars, rfc: 'FAC010101AB1', website: 'acme.mx' }, arrays: { ...canonical.arrays, processes: ['forging'] },
    });
    const { state: after, changes } = foldChanges(canonical, folded);
    const edited = { ...after, scalars: { ...after.scalars, rfc: 'XYZ010101AB1' }, arrays: { ...after.arrays, processes: ['forging', 'painting'] } };
    const { state: undone, keptFields } = unfoldChanges(edited, changes);
    expect(undone.scalars.rfc).toBe('XYZ010101AB1');
    expect(undone.scalars.website).toBeNull();
    expect(undone.arrays.processes).toEqual(['painting']);
    expect(keptFields).toEqual(['rfc']);
  });

  it('never turns an unconsented contact into a shown one', () => {
    const canonical = state({ id: 'c', sourceKey: 'reg:1', contactConsent: true });
    const folded = state({ id: 'f', sourceKey: 'denue:1', scalars: { ...canonical.scalars, phone: '8444381000', email: 'x@acme.mx', rfc: 'FAC010101AB1' } });
    const { state: after } = foldChanges(canonical, folded);
    expect(after.scalars).toMatchObject({ phone: null, email: null, rfc: 'FAC010101AB1' });
    expect(foldChanges(canonical, { ...folded, contactConsent: true }).state.scalars.phone).toBe('8444381000');
  });
});
