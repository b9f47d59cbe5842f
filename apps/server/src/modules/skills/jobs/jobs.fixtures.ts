/**
 * Test builders for the job board: a few SYNTHETIC taxonomy entries (ids under
 * `local:test-…`, labels made up for tests) inserted through the taxonomy's tables, so that
 * the job board's tests do not depend on which reference taxonomy is loaded.
 */
import { sql } from 'kysely';
import type { Db } from '../../../platform/db/database.js';

const provenance = JSON.stringify({ record: { source: 'test', method: 'manual', note: 'synthetic test entry' } });

export interface TestTaxonomy {
  skills: Record<string, { id: string; seq: number }>;
  occupations: Record<string, string>;
}

/** Skills by short name → `local:test-<name>`, occupations likewise, and essential/optional links. */
export async function insertTestTaxonomy(db: Db, spec: {
  skills: string[];
  occupations: Record<string, { essential: string[]; optional?: string[] }>;
}): Promise<TestTaxonomy> {
  for (const name of spec.skills) {
    await sql`insert into skills_skill (id, scheme, skill_type, label_es, label_en, provenance)
      values (${`local:test-${name}`}, 'local', 'skill', ${`Competencia sintética ${name}`}, ${`Synthetic skill ${name}`}, ${provenance}::jsonb)
      on conflict (id) do nothing`.execute(db);
  }
  for (const [name, links] of Object.entries(spec.occupations)) {
    const id = `local:test-${name}`;
    await sql`insert into skills_occupation (id, scheme, label_es, label_en, provenance)
      values (${id}, 'local', ${`Ocupación sintética ${name}`}, ${`Synthetic occupation ${name}`}, ${provenance}::jsonb)
      on conflict (id) do nothing`.execute(db);
    for (const [relation, list] of [['essential', links.essential], ['optional', links.optional ?? []]] as const) {
      for (const skill of list) {
        await sql`insert into skills_occupation_skill (occupation_id, skill_id, relation, provenance)
          values (${id}, ${`local:test-${skill}`}, ${relation}, ${provenance}::jsonb) on conflict do nothing`.execute(db);
      }
    }
  }
  const { rows } = await sql<{ id: string; seq: number }>`select id, seq from skills_skill where id like 'local:test-%'`.execute(db);
  return {
    skills: Object.fromEntries(rows.map((r) => [r.id.slice('local:test-'.length), { id: r.id, seq: Number(r.seq) }])),
    occupations: Object.fromEntries(Object.keys(spec.occupations).map((n) => [n, `local:test-${n}`])),
  };
}

/** A minimal valid PDF and DOCX (a ZIP naming word/document.xml), made in code. */
export const tinyPdf = () => Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');
export function tinyDocx(): Buffer {
  // Stored (uncompressed) ZIP entries: local headers then the central directory, names as written.
  const entries = ['[Content_Types].xml', 'word/document.xml'].map((name) => ({ name: Buffer.from(name), data: Buffer.from('<x/>') }));
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(20, 4); local.writeUInt32LE(e.data.length, 18); local.writeUInt32LE(e.data.length, 22); local.writeUInt16LE(e.name.length, 26);
    parts.push(local, e.name, e.data);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0); dir.writeUInt16LE(20, 4); dir.writeUInt16LE(20, 6); dir.writeUInt32LE(e.data.length, 20); dir.writeUInt32LE(e.data.length, 24);
    dir.writeUInt16LE(e.name.length, 28); dir.writeUInt32LE(offset, 42);
    central.push(dir, e.name);
    offset += 30 + e.name.length + e.data.length;
  }
  const dirSize = central.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(entries.length, 8); end.writeUInt16LE(entries.length, 10); end.writeUInt32LE(dirSize, 12); end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, ...central, end]);
}
