/**
 * SYNTHETIC supplier establishments for the supplier benchmarks, written straight into the
 * tables with one SQL statement per batch (generate_series), so that the search and
 * matching benchmarks can start from 1,000,000 records in about a minute, whatever the
 * import speed of the day. Every name says "SINTÉTICO"; the places are real INEGI
 * localities (shipped reference data) moved by at most ~300 m, already placed in their
 * municipality. Tiers, processes, components, certifications, size and EV readiness are
 * drawn from the shipped vocabularies with skewed (Zipf-like) frequencies so that facets
 * look like a directory's: a few very common values, a long tail. Deterministic: the same
 * count and source give the same rows.
 *
 * Nothing here describes a real establishment; it exists to measure, never to show.
 */
import { sql } from 'kysely';
import type { Db } from '../apps/server/src/platform/db/database.js';
import { foldForSearch } from '../apps/server/src/platform/text.js';
import { certifications, componentCatalogue, processes, tiers } from '../apps/server/src/modules/suppliers/suppliers.taxonomy.js';

/** Words of synthetic names: trades of the industry, places, and qualifiers. */
const trades = ['Autopartes', 'Componentes', 'Arneses', 'Troqueles', 'Plásticos', 'Maquinados', 'Forjas', 'Metalmecánica', 'Electrónica', 'Baterías',
  'Inyección', 'Estampados', 'Fundición', 'Hules', 'Cables', 'Motores', 'Ensambles', 'Precisión', 'Aceros', 'Sistemas'];
const places = ['del Norte', 'de Saltillo', 'del Bajío', 'de Querétaro', 'de Puebla', 'de Monterrey', 'de Aguascalientes', 'del Golfo', 'de Occidente',
  'de Juárez', 'de Toluca', 'de Silao', 'de Ramos Arizpe', 'de Apodaca', 'del Centro', 'de Hermosillo'];
const qualifiers = ['Industriales', 'Avanzados', 'Mexicanos', 'Integrales', 'Técnicos', 'Especializados', 'Globales', 'Automotrices'];
const legalForms = ['S.A. de C.V.', 'S. de R.L. de C.V.', 'S.A.P.I. de C.V.', 'S.A.'];
const scianClasses = ['336310', '336320', '336330', '336340', '336350', '336360', '336370', '336390', '326198', '326290', '332110', '331510',
  '332720', '335930', '335999', '334410', '336110', '336120', '333610', '331310'];
const strata = ['0-5', '6-10', '11-30', '31-50', '51-100', '101-250', '251+'];
const sizeOfStratum = ['micro', 'micro', 'small', 'small', 'medium', 'medium', 'large'];

const labelsOf = (list: ReadonlyArray<{ code: string; es: string; en: string }>) => list.map((l) => foldForSearch(`${l.es} ${l.en}`));

export interface SyntheticSupplierOptions {
  count: number;
  /** source_key prefix, e.g. "bench" → "bench:000001". */
  source: string;
  /** Rows per statement. */
  batch?: number;
  log?: (message: string) => void;
}

/**
 * Inserts `count` synthetic establishments (no companies) whose source is `source`. Needs
 * the reference localities loaded. Returns the seconds it took.
 */
export async function seedSyntheticEstablishments(db: Db, options: SyntheticSupplierOptions): Promise<number> {
  const started = performance.now();
  const batch = options.batch ?? 100_000;
  const params = {
    trades, places, qualifiers, legalForms, scianClasses, strata, sizeOfStratum,
    tierCodes: tiers.map((t) => t.code), tierDocs: labelsOf(tiers),
    processCodes: processes.map((p) => p.code), processDocs: labelsOf(processes),
    componentCodes: componentCatalogue.map((c) => c.code), componentDocs: componentCatalogue.map((c) => foldForSearch(`${c.es} ${c.en}`)),
    certificationCodes: certifications.map((c) => c.code), certificationDocs: labelsOf(certifications),
  };
  await sql`drop table if exists bench_locality`.execute(db);
  await sql`
    create temporary table bench_locality as
    select row_number() over (order by cvegeo) - 1 as n, cvegeo_mun, cve_ent, lat, lon from geo_locality`.execute(db);
  const localities = Number((await sql<{ n: string }>`select count(*)::text as n from bench_locality`.execute(db)).rows[0]!.n);
  if (localities === 0) throw new Error('seedSyntheticEstablishments needs the reference localities (geo_locality) loaded.');

  for (let from = 1; from <= options.count; from += batch) {
    const to = Math.min(options.count, from + batch - 1);
    await sql`
      with p as (
        select ${params.trades}::text[] as trades, ${params.places}::text[] as places, ${params.qualifiers}::text[] as qualifiers,
          ${params.legalForms}::text[] as forms, ${params.scianClasses}::text[] as scian, ${params.strata}::text[] as strata,
          ${params.sizeOfStratum}::text[] as sizes,
          ${params.tierCodes}::text[] as tier_codes, ${params.tierDocs}::text[] as tier_docs,
          ${params.processCodes}::text[] as process_codes, ${params.processDocs}::text[] as process_docs,
          ${params.componentCodes}::text[] as component_codes, ${params.componentDocs}::text[] as component_docs,
          ${params.certificationCodes}::text[] as certification_codes, ${params.certificationDocs}::text[] as certification_docs
      ),
      g as (
        -- h1..h4: four independent pseudo-random draws per row (a multiplicative hash of i).
        select i,
          ((i::bigint * 2654435761) % 4294967296) as h1,
          ((i::bigint * 2246822519 + 374761393) % 4294967296) as h2,
          ((i::bigint * 3266489917 + 668265263) % 4294967296) as h3,
          ((i::bigint * 668265263 + 2246822519) % 4294967296) as h4
        from generate_series(${from}::int, ${to}::int) as i
      ),
      r as (
        select g.i, g.h1, g.h2, g.h3, g.h4, l.cvegeo_mun, l.cve_ent,
          l.lat + ((g.h2 % 1000) - 500) / 180000.0 as lat, l.lon + ((g.h3 % 1000) - 500) / 180000.0 as lon,
          -- Zipf-like: index floor(n * u^3) favours the first values of each vocabulary.
          p.trades[1 + (g.h1 % 20)] || ' ' || p.places[1 + (g.h2 % 16)] || ' ' || p.qualifiers[1 + (g.h3 % 8)] || ' SINTÉTICO ' || g.i as name,
          p.forms[1 + (g.h4 % 4)] as form,
          p.scian[1 + floor(20 * power((g.h1 % 10007) / 10007.0, 2))::int] as scian,
          1 + (g.h2 % 7)::int as stratum,
          array[p.tier_codes[1 + floor(4 * power((g.h3 % 997) / 997.0, 1.5))::int]] as tiers,
          (select array_agg(distinct p.process_codes[1 + floor(array_length(p.process_codes, 1) * power(((g.h4 / (k * 7 + 1)) % 1009) / 1009.0, 3))::int])
             from generate_series(0, (g.h1 % 3)::int) k) as processes,
          (select array_agg(distinct p.component_codes[1 + floor(array_length(p.component_codes, 1) * power(((g.h2 / (k * 11 + 1)) % 1013) / 1013.0, 3))::int])
             from generate_series(0, (g.h3 % 3)::int) k) as components,
          case when g.h4 % 3 = 0 then p.certification_codes[1 + (g.h1 % 4)::int] end as certification,
          (array['makes_ev_parts', 'could_convert', 'not_yet', null])[1 + (g.h4 % 4)::int] as ev_readiness
        from g cross join p
        join bench_locality l on l.n = (g.h1 % ${localities})
      )
      insert into supplier_establishment (
        source_key, name, name_key, legal_name, search_document, lat, lon, geom, cve_ent, cvegeo, scian, employees_stratum, size_class,
        tiers, processes, components, certifications, ev_readiness, phone, email, content_hash, provenance)
      select ${options.source} || ':' || lpad(r.i::text, 7, '0'), r.name, lower(r.name), r.name || ' ' || r.form,
        lower(translate(r.name, 'ÁÉÍÓÚÑÜáéíóúñü', 'AEIOUNUaeiounu')) || ' ' ||
          (select coalesce(string_agg(p.tier_docs[array_position(p.tier_codes, t)], ' '), '') from unnest(r.tiers) t) || ' ' ||
          (select coalesce(string_agg(p.process_docs[array_position(p.process_codes, x)], ' '), '') from unnest(r.processes) x) || ' ' ||
          (select coalesce(string_agg(p.component_docs[array_position(p.component_codes, c)], ' '), '') from unnest(r.components) c) || ' ' ||
          coalesce(p.certification_docs[array_position(p.certification_codes, r.certification)], ''),
        r.lat, r.lon, ST_SetSRID(ST_MakePoint(r.lon, r.lat), 4326), r.cve_ent, r.cvegeo_mun, r.scian,
        p.strata[r.stratum], p.sizes[r.stratum], r.tiers, coalesce(r.processes, '{}'), coalesce(r.components, '{}'),
        case when r.certification is null then '[]'::jsonb
          else jsonb_build_array(jsonb_build_object('code', r.certification, 'validUntil', (date '2027-01-01' + (r.h2 % 900)::int)::text)) end,
        r.ev_readiness,
        '+52 ' || lpad((r.h3 % 10000000000)::text, 10, '0'), 'contacto' || r.i || '@sintetico.example',
        md5(r.i::text), jsonb_build_object('record', jsonb_build_object('source', 'synthetic-bench', 'method', 'import'))
      from r cross join p`.execute(db);
    options.log?.(`  seeded ${to.toLocaleString('en-US')} synthetic establishments`);
  }
  await sql`drop table if exists bench_locality`.execute(db);
  await sql`analyze supplier_establishment`.execute(db);
  return (performance.now() - started) / 1000;
}
