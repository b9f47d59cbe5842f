import { recordAudit, type Actor, type AuditEntry } from '../../platform/audit.js';
import type { Db } from '../../platform/db/database.js';
import {
  foldChanges, isPlausible, planMatches, scorePair, unfoldChanges, type FillState, type FoldChanges, type ScoredPair,
} from './suppliers.matching.domain.js';
import { createMatchingRepository, type MatchingRepository } from './suppliers.matching.repository.js';

const defaultRepository = createMatchingRepository();

/** Establishments compared per candidate statement: bounds the pairs held in memory at once. */
const idsPerRound = 50_000;

/** What a fold did, as the match's audit keeps it (`after.fold`) and `unfoldEstablishment` reads it back. */
export interface FoldRecord {
  kept: string;
  folded: string;
  /** Records that were folded into the folded one and now point at the kept one. */
  followers: string[];
  changes: FoldChanges;
}

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;

/** The fields of a fill state as an audit shows them (column names). */
function auditView(state: FillState, changes: FoldChanges, which: 'before' | 'after'): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [field, change] of Object.entries(changes.scalars)) out[field] = change![which];
  if (changes.companyId) out.company_id = changes.companyId[which];
  return { ...out, ...(which === 'after' ? { gained: { ...changes.arrays, certifications: changes.certifications.map((c) => c.code) } } : {}), provenanceKeys: Object.keys(changes.provenance), id: state.id };
}

/**
 * Folds records into their canonicals, set-based (a few statements per 5,000 folds): each
 * folded record points at its canonical, what was folded into it follows (no chains), and
 * each canonical fills its empty fields from the folded record with provenance from both
 * (see `foldChanges`). A canonical may take several folds; they apply in the order given.
 * Returns, per fold, what it did (for the match's audit and for undo) and the audit of the
 * records it changed.
 */
export async function foldEstablishments(
  db: Db, folds: ReadonlyArray<{ foldedId: string; canonicalId: string }>, repository: MatchingRepository = defaultRepository,
): Promise<{ records: FoldRecord[]; audits: AuditEntry[] }> {
  if (folds.length === 0) return { records: [], audits: [] };
  const states = await repository.fillStates(db, folds.flatMap((f) => [f.foldedId, f.canonicalId]));
  const records: FoldRecord[] = [];
  const audits: AuditEntry[] = [];
  const changed = new Map<string, FillState>();
  for (const f of folds) {
    const canonical = changed.get(f.canonicalId) ?? states.get(f.canonicalId);
    const folded = states.get(f.foldedId);
    if (!canonical || !folded) throw new Error(`Establishment ${canonical ? f.foldedId : f.canonicalId} vanished while folding.`);
    const { state, changes } = foldChanges(canonical, folded);
    changed.set(f.canonicalId, state);
    records.push({ kept: f.canonicalId, folded: f.foldedId, followers: [], changes });
    audits.push(
      { entityType: 'supplier.establishment', entityId: f.foldedId, action: 'update', before: { merged_into: null }, after: { merged_into: f.canonicalId } },
      { entityType: 'supplier.establishment', entityId: f.canonicalId, action: 'update', before: auditView(canonical, changes, 'before'), after: auditView(state, changes, 'after') },
    );
  }
  await repository.writeFillStates(db, [...changed.values()]);
  const followers = await repository.setMergedInto(db, folds);
  const byFolded = new Map(records.map((r) => [r.folded, r]));
  for (const moved of followers) {
    byFolded.get(moved.from)?.followers.push(moved.id);
    audits.push({ entityType: 'supplier.establishment', entityId: moved.id, action: 'update', before: { merged_into: moved.from }, after: { merged_into: moved.to } });
  }
  return { records, audits };
}

/**
 * Undoes one fold: the folded record is shown again, its followers go back to it, and the
 * canonical loses what the fold gave it (see `unfoldChanges`: a field changed since by
 * someone else keeps its new value). Returns the audit of what changed.
 */
export async function unfoldEstablishment(db: Db, fold: FoldRecord, repository: MatchingRepository = defaultRepository): Promise<AuditEntry[]> {
  const current = (await repository.fillStates(db, [fold.kept])).get(fold.kept);
  if (!current) throw new Error(`Establishment ${fold.kept} vanished while unfolding.`);
  const { state, keptFields } = unfoldChanges(current, fold.changes);
  await repository.writeFillStates(db, [state]);
  const back = await repository.clearMergedInto(db, fold.folded, fold.kept, fold.followers);
  return [
    { entityType: 'supplier.establishment', entityId: fold.folded, action: 'update', before: { merged_into: fold.kept }, after: { merged_into: null } },
    ...back.map((id): AuditEntry => ({ entityType: 'supplier.establishment', entityId: id, action: 'update', before: { merged_into: fold.kept }, after: { merged_into: fold.folded } })),
    {
      entityType: 'supplier.establishment', entityId: fold.kept, action: 'update',
      before: auditView(current, fold.changes, 'after'), after: { ...auditView(state, fold.changes, 'before'), keptFields },
    },
  ];
}

/**
 * Looks for the same plant in other sources for the given establishments, merges the
 * confident matches and queues the doubtful ones for a moderator. Called by the supplier
 * imports with the establishments they created or changed, inside the import's transaction.
 *
 * One candidate statement per 50,000 establishments, whatever the table's size; folds,
 * match rows and audit are written in bulk. Each record takes part in at most one
 * automatic merge as the folded side per round, and a record folded is neither a
 * canonical for another nor queued (see `planMatches`). Automatic merges are stored as
 * `merged` matches, so a moderator can find and undo them.
 *
 * When a folded record also matched others (one plant reported by three sources), its
 * canonical is matched again in a follow-up round, so those others are compared with the
 * record the directory now shows instead of being dropped with the folded one.
 */
export async function matchEstablishments(
  db: Db, establishmentIds: readonly string[], actor: Actor, repository: MatchingRepository = defaultRepository,
): Promise<{ merged: number; queued: number }> {
  const total = { merged: 0, queued: 0 };
  let ids = [...new Set(establishmentIds)];
  for (let pass = 0; pass < maxRounds && ids.length > 0; pass += 1) {
    const revisit = new Set<string>();
    for (let i = 0; i < ids.length; i += idsPerRound) {
      const outcome = await matchRound(db, ids.slice(i, i + idsPerRound), actor, repository);
      total.merged += outcome.merged;
      total.queued += outcome.queued;
      for (const id of outcome.revisit) revisit.add(id);
    }
    ids = [...revisit];
  }
  return total;
}

/** Follow-up rounds after the first (see `matchEstablishments`): a plant is rarely in more than three sources. */
const maxRounds = 3;

async function matchRound(
  db: Db, ids: readonly string[], actor: Actor, repository: MatchingRepository,
): Promise<{ merged: number; queued: number; revisit: string[] }> {
  const candidates = await repository.candidatePairs(db, ids);
  if (candidates.length === 0) return { merged: 0, queued: 0, revisit: [] };

  // The same two records come back in both orders when both were given.
  const seen = new Set<string>();
  const scored: ScoredPair[] = [];
  for (const c of candidates) {
    const key = c.a.id < c.b.id ? `${c.a.id}|${c.b.id}` : `${c.b.id}|${c.a.id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    scored.push({ ...c, ...scorePair(c.a, c.b, c.distanceM) });
  }
  const plan = planMatches(scored);

  const toStore = [
    ...plan.merges.map((m) => ({ p: m.pair, status: 'merged' as const })),
    ...plan.queued.map((p) => ({ p, status: 'pending' as const })),
  ];
  const inserted = await repository.insertPairs(db, toStore.map(({ p, status }) => ({
    establishmentId: p.a.id, matchId: p.b.id, score: p.score, distanceM: round(p.distanceM, 1), reasons: p.reasons, status,
  })));
  const pairId = new Map(inserted.map((r) => [`${r.establishment_id}|${r.match_id}`, r.id]));

  const { records, audits } = await foldEstablishments(db, plan.merges.map((m) => ({ foldedId: m.folded.id, canonicalId: m.canonical.id })), repository);
  const foldOf = new Map(records.map((r) => [r.folded, r]));
  for (const { p, status } of toStore) {
    const id = pairId.get(`${p.a.id}|${p.b.id}`);
    if (!id) continue;
    const fold = status === 'merged' ? foldOf.get(foldOf.has(p.a.id) ? p.a.id : p.b.id) : undefined;
    audits.push({
      entityType: 'supplier.match', entityId: id, action: 'create', before: null,
      after: {
        establishmentId: p.a.id, matchId: p.b.id, score: p.score, distanceM: round(p.distanceM, 1), reasons: p.reasons, status,
        ...(fold ? { fold } : {}),
      },
    });
  }
  await recordAudit(db, actor, audits);

  // Canonicals whose folded record had other pairs, dropped with it: compare them again.
  const merges = new Set(plan.merges.map((m) => m.pair));
  const revisit = new Set<string>();
  for (const pair of scored) {
    if (merges.has(pair) || !isPlausible(pair)) continue;
    for (const sideId of [pair.a.id, pair.b.id]) {
      const fold = foldOf.get(sideId);
      if (fold) revisit.add(fold.kept);
    }
  }
  return { merged: plan.merges.length, queued: plan.queued.length, revisit: [...revisit] };
}
