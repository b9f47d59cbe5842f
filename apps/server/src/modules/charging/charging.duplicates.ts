import { recordAudit, type Actor, type AuditEntry } from '../../platform/audit.js';
import type { Db } from '../../platform/db/database.js';
import type { Provenance } from '../../platform/db/schema.js';
import {
  canonicalOf, foldedProvenanceKey, isPlausible, scorePair, sourceOfKey, type PairScore,
} from './charging.duplicates.domain.js';
import { createDuplicatesRepository, type CandidatePair, type CandidateSide } from './charging.duplicates.repository.js';

const repository = createDuplicatesRepository();

/** What the canonical record's provenance says about a record folded into it. */
function foldedProvenance(folded: { sourceKey: string; provenance: Record<string, Provenance> }): Provenance {
  const record = folded.provenance.record;
  const entry: Provenance = { source: record?.source ?? sourceOfKey(folded.sourceKey), method: 'derived' };
  if (record?.vintage) entry.vintage = record.vintage;
  if (record?.importId) entry.importId = record.importId;
  if (record?.rowNumber !== undefined) entry.rowNumber = record.rowNumber;
  return entry;
}

/**
 * Folds one record into another with the audit of every record it changes: the folded
 * one (now pointing at the canonical), the ones that were folded into it (they follow,
 * so there are no chains), and the canonical (its provenance names the folded record).
 * Shared by the automatic merge and the moderator's decision.
 */
export async function foldLocation(
  db: Db,
  folded: { id: string; sourceKey: string; provenance: Record<string, Provenance> },
  canonicalId: string,
): Promise<AuditEntry[]> {
  const key = foldedProvenanceKey(folded.sourceKey);
  const entry = foldedProvenance(folded);
  const followers = await repository.fold(db, folded.id, canonicalId, key, entry);
  return [
    { entityType: 'charging.location', entityId: folded.id, action: 'update', before: { merged_into: null }, after: { merged_into: canonicalId } },
    ...followers.map((id): AuditEntry => ({ entityType: 'charging.location', entityId: id, action: 'update', before: { merged_into: folded.id }, after: { merged_into: canonicalId } })),
    { entityType: 'charging.location', entityId: canonicalId, action: 'update', before: { provenance: { [key]: null } }, after: { provenance: { [key]: entry } } },
  ];
}

type Scored = CandidatePair & PairScore;

/**
 * Looks for records of the same site from other sources near the given locations, merges
 * the confident matches and queues the doubtful ones for a moderator. Called by every
 * charging merge with the locations it created or moved, inside the import's transaction.
 *
 * One candidate query per call whatever the number of locations. Each location takes
 * part in at most one automatic merge per call (the best-scoring confident pair), and a
 * record folded here is neither a canonical for another nor queued: the queue only holds
 * records the census still shows.
 */
export async function matchDuplicates(db: Db, locationIds: string[], actor: Actor): Promise<void> {
  const candidates = await repository.candidatePairs(db, locationIds);
  if (candidates.length === 0) return;

  // The same two records can come back in both orders when both were given.
  const seen = new Set<string>();
  const scored: Scored[] = [];
  for (const c of candidates) {
    const key = c.a.id < c.b.id ? `${c.a.id}|${c.b.id}` : `${c.b.id}|${c.a.id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    scored.push({ ...c, ...scorePair(c.a, c.b, c.distanceM) });
  }
  scored.sort((x, y) => y.score - x.score || x.distanceM - y.distanceM || (x.a.id + x.b.id).localeCompare(y.a.id + y.b.id));

  const foldedIds = new Set<string>();
  const canonicalIds = new Set<string>();
  const merges: Array<{ pair: Scored; canonical: CandidateSide; folded: CandidateSide }> = [];
  const pending: Scored[] = [];
  for (const pair of scored) {
    if (pair.confident) {
      const { canonical, folded } = canonicalOf(pair.a, pair.b);
      if (!foldedIds.has(canonical.id) && !foldedIds.has(folded.id) && !canonicalIds.has(folded.id)) {
        foldedIds.add(folded.id);
        canonicalIds.add(canonical.id);
        merges.push({ pair, canonical, folded });
        continue;
      }
    }
    if (isPlausible(pair)) pending.push(pair);
  }
  const queued = pending.filter((p) => !foldedIds.has(p.a.id) && !foldedIds.has(p.b.id));

  const toStore = [...merges.map((m) => ({ p: m.pair, status: 'merged' as const })), ...queued.map((p) => ({ p, status: 'pending' as const }))];
  const inserted = await repository.insertPairs(db, toStore.map(({ p, status }) => ({ locationId: p.a.id, matchId: p.b.id, score: p.score, distanceM: p.distanceM, reasons: p.reasons, status })));
  const pairId = new Map(inserted.map((r) => [`${r.location_id}|${r.match_id}`, r.id]));

  const audits: AuditEntry[] = [];
  for (const { p, status } of toStore) {
    const id = pairId.get(`${p.a.id}|${p.b.id}`);
    if (!id) continue;
    audits.push({
      entityType: 'charging.duplicate', entityId: id, action: 'create', before: null,
      after: { locationId: p.a.id, matchId: p.b.id, score: p.score, distanceM: Math.round(p.distanceM * 10) / 10, reasons: p.reasons, status },
    });
  }
  for (const m of merges) audits.push(...(await foldLocation(db, m.folded, m.canonical.id)));
  await recordAudit(db, actor, audits);
}
