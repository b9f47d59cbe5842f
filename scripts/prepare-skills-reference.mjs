#!/usr/bin/env node
/**
 * Derives the compact skills taxonomy files in data/reference/skills/ from the original
 * downloads (ESCO v1.0 and 1.2.0, O*NET 29.2, the Nesta ESCO↔O*NET crosswalk, the O*NET
 * SOC crosswalks, BLS OEWS May 2024, CONOCER RENEC). The product reads only the derived
 * files; this script says how they were made and makes them again:
 *
 *   node scripts/prepare-skills-reference.mjs <folder holding the originals>
 *
 * The folder holds one sub-folder per source, named as in data/reference/skills/SOURCE.md.
 * Hand-curated files (ev_curated.csv, local_entries.csv, mx_alt_labels.csv,
 * onet_elements_es.csv, conocer_ev_standards.csv, sources.json) are not written here.
 *
 * Multi-valued fields are joined with "|" (no label in the sources contains one). The four large
 * files are gzip-compressed (level 9, no timestamp), so the same inputs give the same bytes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';

const originals = process.argv[2];
if (!originals || !fs.existsSync(originals)) {
  console.error('usage: node scripts/prepare-skills-reference.mjs <folder with the original skills sources>');
  process.exit(1);
}
const out = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../data/reference/skills');
fs.mkdirSync(out, { recursive: true });

const read = (rel) => parse(fs.readFileSync(path.join(originals, rel)), { columns: true, bom: true, relax_quotes: true });
const uuidOf = (uri) => uri.slice(uri.lastIndexOf('/') + 1);
const list = (text) => [...new Set(String(text ?? '').split(/[\n|]/).map((s) => s.trim()).filter(Boolean))];
const join = (values) => values.join('|');
const write = (name, header, rows, { gzip = false } = {}) => {
  const text = stringify([header, ...rows]);
  if (gzip) fs.writeFileSync(path.join(out, name), gzipSync(Buffer.from(text), { level: 9, mtime: 0 }));
  else fs.writeFileSync(path.join(out, name), text);
  console.log(`${name}: ${rows.length} rows`);
};
const stats = {};

// --- ESCO occupations: v1.0 (en-us preferred, en British alternatives, es) + 1.2.0 additions (English only) ---
const occEnUs = read('esco-v1.0-en-es/occupations_en-us.csv');
const occEn = new Map(read('esco-v1.0-en-es/occupations_en.csv').map((r) => [r.conceptUri, r]));
const occEs = new Map(read('esco-v1.0-en-es/occupations_es.csv').map((r) => [r.conceptUri, r]));
const occ12 = read('esco-v1.2.0-en/occupations_en.csv');
const escoOccupations = [];
const known = new Set();
for (const r of occEnUs) {
  const en = occEn.get(r.conceptUri);
  const es = occEs.get(r.conceptUri);
  const altEn = list([en?.preferredLabel !== r.preferredLabel ? en?.preferredLabel : '', en?.altLabels, r.altLabels].join('\n'))
    .filter((l) => l !== r.preferredLabel);
  const altEs = list(es?.altLabels).filter((l) => l !== es?.preferredLabel);
  known.add(uuidOf(r.conceptUri));
  escoOccupations.push([uuidOf(r.conceptUri), '1.0', r.iscoGroup, r.preferredLabel, es?.preferredLabel ?? '', join(altEn), join(altEs), r.description || en?.description || '']);
}
for (const r of occ12) {
  const id = uuidOf(r.conceptUri);
  if (known.has(id)) continue;
  known.add(id);
  escoOccupations.push([id, '1.2.0', r.iscoGroup, r.preferredLabel, '', join(list(r.altLabels).filter((l) => l !== r.preferredLabel)), '', r.description || r.definition || '']);
}
escoOccupations.sort((a, b) => a[0].localeCompare(b[0]));
write('esco_occupations.csv.gz', ['id', 'esco_version', 'isco_code', 'label_en', 'label_es', 'alt_labels_en', 'alt_labels_es', 'description_en'], escoOccupations, { gzip: true });

// --- ESCO skills: v1.0 (en-us + es) + the 1.2.0 collection skills the relations name ---
const skEnUs = read('esco-v1.0-en-es/skills_en-us.csv');
const skEs = new Map(read('esco-v1.0-en-es/skills_es.csv').map((r) => [r.conceptUri, r]));
const skillType = (t) => (t === 'knowledge' ? 'knowledge' : 'skill');
const escoSkills = new Map();
for (const r of skEnUs) {
  const es = skEs.get(r.conceptUri);
  const labelEn = r.preferredLabel || '';
  escoSkills.set(uuidOf(r.conceptUri), [uuidOf(r.conceptUri), '1.0', skillType(r.skillType), r.reuseLevel, labelEn, es?.preferredLabel ?? '',
    join(list(r.altLabels).filter((l) => l !== labelEn)), join(list(es?.altLabels).filter((l) => l !== es?.preferredLabel)), r.description]);
}
const collections = ['greenSkillsCollection_en.csv', 'digitalSkillsCollection_en.csv', 'transversalSkillsCollection_en.csv', 'languageSkillsCollection_en.csv',
  'digCompSkillsCollection_en.csv', 'researchSkillsCollection_en.csv'];
const collectionSkills = new Map();
for (const file of collections) for (const r of read(`esco-v1.2.0-en/${file}`)) if (!collectionSkills.has(uuidOf(r.conceptUri))) collectionSkills.set(uuidOf(r.conceptUri), r);

// --- ESCO occupation–skill relations (derived 1.2.0 file): only rows whose skill resolved to one id we ship ---
const rel = read('esco-v1.2.0-en/occupation_skill_relations_derived.csv');
const relations = new Map();
let unresolved = 0, ambiguous = 0, unknownSkill = 0, unknownOccupation = 0;
for (const r of rel) {
  if (!r.skillId) { if (r.skillIdCandidates) ambiguous++; else unresolved++; continue; }
  if (!known.has(r.occupationId)) { unknownOccupation++; continue; }
  if (!escoSkills.has(r.skillId)) {
    const c = collectionSkills.get(r.skillId);
    if (!c) { unknownSkill++; continue; }
    escoSkills.set(r.skillId, [r.skillId, '1.2.0', skillType(c.skillType), c.reuseLevel, c.preferredLabel, '', join(list(c.altLabels).filter((l) => l !== c.preferredLabel)), '', c.description]);
  }
  const key = `${r.occupationId} ${r.skillId}`;
  // The same pair twice (essential and optional): essential wins.
  if (!relations.has(key) || r.relationType === 'essential') relations.set(key, [r.occupationId, r.skillId, r.relationType === 'essential' ? 'e' : 'o']);
}
stats.escoRelations = { rows: rel.length, shipped: relations.size, unresolved, ambiguous, unknownSkill, unknownOccupation };
write('esco_skills.csv.gz', ['id', 'esco_version', 'skill_type', 'reuse_level', 'label_en', 'label_es', 'alt_labels_en', 'alt_labels_es', 'description_en'],
  [...escoSkills.values()].sort((a, b) => a[0].localeCompare(b[0])), { gzip: true });
// Grouped per occupation and relation so the UUIDs of the occupation are not repeated on every row.
const grouped = new Map();
for (const [occ, skill, kind] of relations.values()) {
  const k = `${occ},${kind}`;
  if (!grouped.has(k)) grouped.set(k, []);
  grouped.get(k).push(skill);
}
write('esco_occupation_skills.csv.gz', ['occupation_id', 'relation', 'skill_ids'],
  [...grouped.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, skills]) => [...k.split(','), skills.sort().join(' ')]).map(([o, k, s]) => [o, k === 'e' ? 'essential' : 'optional', s]),
  { gzip: true });

// --- ISCO-08 groups (es + en labels) ---
const iscoEs = new Map(read('esco-v1.0-en-es/ISCOGroups_es.csv').map((r) => [r.code, r.preferredLabel]));
write('isco08_groups.csv', ['code', 'label_en', 'label_es'], read('esco-v1.0-en-es/ISCOGroups_en.csv').map((r) => [r.code, r.preferredLabel, iscoEs.get(r.code) ?? '']));

// --- O*NET 29.2: occupations with alternate titles; Skills/Knowledge importance ≥ cut ---
const altTitles = new Map();
for (const r of read('onet-29.2/Alternate_Titles.csv')) {
  const code = r['O*NET-SOC Code'];
  if (!altTitles.has(code)) altTitles.set(code, new Set());
  altTitles.get(code).add(r['Alternate Title'].trim());
  if (r['Short Title']?.trim()) altTitles.get(code).add(r['Short Title'].trim());
}
const onetOcc = read('onet-29.2/Occupation_Data.csv');
write('onet_occupations.csv.gz', ['code', 'title', 'description', 'alternate_titles'],
  onetOcc.map((r) => [r['O*NET-SOC Code'], r.Title, r.Description, join([...(altTitles.get(r['O*NET-SOC Code']) ?? [])].filter((t) => t !== r.Title))]), { gzip: true });

const cmr = new Map(read('onet-29.2/Content_Model_Reference.csv').map((r) => [r['Element ID'], r]));
const importanceCut = 3.0;
const elements = new Map();
const links = [];
for (const [file, type] of [['Skills.csv', 'skill'], ['Knowledge.csv', 'knowledge']]) {
  for (const r of read(`onet-29.2/${file}`)) {
    const id = r['Element ID'];
    if (!elements.has(id)) elements.set(id, [id, type, r['Element Name'], cmr.get(id)?.Description ?? '']);
    if (r['Scale ID'] !== 'IM' || r['Recommend Suppress'] === 'Y') continue;
    const v = Number(r['Data Value']);
    if (v >= importanceCut) links.push([r['O*NET-SOC Code'], id, r['Data Value']]);
  }
}
write('onet_elements.csv', ['element_id', 'skill_type', 'name', 'description'], [...elements.values()]);
write('onet_occupation_elements.csv', ['code', 'element_id', 'importance'], links);
stats.onetLinks = { cut: importanceCut, rows: links.length };

const related = read('onet-29.2/Related_Occupations.csv').filter((r) => r['Relatedness Tier'].startsWith('Primary'))
  .map((r) => [r['O*NET-SOC Code'], r['Related O*NET-SOC Code'], r['Relatedness Tier'], r.Index]);
write('onet_related_occupations.csv', ['code', 'related_code', 'tier', 'rank'], related);

// --- ESCO ↔ O*NET (Nesta, O*NET 2010-era codes) mapped to O*NET-SOC 2019 ---
const onet2019 = new Set(onetOcc.map((r) => r['O*NET-SOC Code']));
const soc2018Of2010 = new Map();
for (const r of read('soc-onet-isco-crosswalks/onet_soc2010_to_soc2018.csv')) {
  const k = r['O*NET-SOC 2010 Code'];
  if (!soc2018Of2010.has(k)) soc2018Of2010.set(k, new Set());
  soc2018Of2010.get(k).add(r['2018 SOC Code']);
}
const onetOfSoc2018 = new Map();
for (const r of read('soc-onet-isco-crosswalks/onet_soc2019_to_soc2018.csv')) {
  const k = r['2018 SOC Code'];
  if (!onetOfSoc2018.has(k)) onetOfSoc2018.set(k, []);
  onetOfSoc2018.get(k).push(r['O*NET-SOC 2019 Code']);
}
const crosswalk = [];
let unmapped = 0;
for (const r of read('nesta-esco-onet-crosswalk/esco_onet_crosswalk_Nov2020.csv')) {
  const esco = uuidOf(r.concept_uri);
  if (!known.has(esco)) continue;
  const original = r.onet_code;
  let targets = [];
  let via = 'same code';
  if (onet2019.has(original)) targets = [original];
  else {
    via = 'SOC 2010→2018';
    for (const soc of soc2018Of2010.get(original) ?? []) {
      const codes = onetOfSoc2018.get(soc) ?? [];
      const base = codes.filter((c) => c.endsWith('.00'));
      targets.push(...(base.length > 0 ? base : codes));
    }
  }
  if (targets.length === 0) { unmapped++; continue; }
  for (const t of new Set(targets)) crosswalk.push([esco, t, r.confidence, original, via]);
}
stats.crosswalk = { rows: crosswalk.length, unmapped };
write('esco_onet_crosswalk.csv', ['esco_id', 'onet_code', 'confidence', 'onet_code_2010', 'mapping'], crosswalk);

// --- SOC 2018 → ISCO-08 (official BLS concordance chained through SOC 2010) ---
write('soc2018_isco08.csv', ['soc2018', 'isco08', 'part'],
  read('nesta-esco-onet-crosswalk/derived_soc2018_to_isco08_via_bls_soc2010.csv').map((r) => [r.soc2018, r.isco08_code, r.part === '*' ? 'part' : '']));

// --- BLS OEWS May 2024, national, detailed and broad occupations ---
const wage = (v) => (v === '*' || v === '**' || v === '' ? '' : v === '#' ? 'top' : v.replace(/,/g, ''));
write('oews_2024_national.csv', ['soc', 'group', 'title', 'employment', 'hourly_mean', 'annual_mean', 'annual_p10', 'annual_p25', 'annual_median', 'annual_p75', 'annual_p90', 'hourly_median'],
  // A broad group with one detailed occupation has the same code twice: the detailed row is kept.
  read('bls-oews-2024-national/oews_national_M2024.csv').filter((r) => r.O_GROUP === 'detailed' || r.O_GROUP === 'broad')
    .sort((a, b) => a.OCC_CODE.localeCompare(b.OCC_CODE) || (a.O_GROUP === 'detailed' ? -1 : 1))
    .filter((r, i, all) => i === 0 || all[i - 1].OCC_CODE !== r.OCC_CODE)
    .map((r) => [r.OCC_CODE, r.O_GROUP, r.OCC_TITLE, wage(r.TOT_EMP), wage(r.H_MEAN), wage(r.A_MEAN), wage(r.A_PCT10), wage(r.A_PCT25), wage(r.A_MEDIAN),
      wage(r.A_PCT75), wage(r.A_PCT90), wage(r.H_MEDIAN)]));

console.log(JSON.stringify(stats, null, 2));
