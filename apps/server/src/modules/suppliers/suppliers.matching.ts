import { recordAudit, type Actor, type AuditEntry } from '../../platform/audit.js';
import type { Db } from '../../platform/db/database.js';
import { yieldToEventLoop } from '../../platform/event-loop.js';
import {
  candidateBlock, canonicalOf, withinNearReachOf, emailKey, foldChanges, geodesicDistanceM, isPlausible, mayCount, nearCellDeg, nearNameIndex, phoneKey, planMatches, scorePair,
  sideWords, sourceOfKey, unfoldChanges, foldFills, type FillState, type FoldChanges, type LocatedSide, type MatchSide, type ScalarField, type ScoredPair,
} from './suppliers.matching.domain.js';
import {
  createMatchingRepository, type Box, type GivenRecord, type KeyedProbe, type MatchingRepository, type RegionSide,
} from './suppliers.matching.repository.js';

const defaultRepository = createMatchingRepository();

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
  return writeFolds(db, await planFolds(db, folds, repository), repository);
}

/** Folds decided and computed, not yet written (see `foldEstablishments`). */
interface PlannedFolds {
  folds: ReadonlyArray<{ foldedId: string; canonicalId: string }>;
  records: FoldRecord[];
  audits: AuditEntry[];
  changed: FillState[];
}

/** Reads the records' fill states and computes each fold's changes (the first half of `foldEstablishments`). */
async function planFolds(
  db: Db, folds: ReadonlyArray<{ foldedId: string; canonicalId: string }>, repository: MatchingRepository,
): Promise<PlannedFolds> {
  if (folds.length === 0) return { folds, records: [], audits: [], changed: [] };
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
  return { folds, records, audits, changed: [...changed.values()] };
}

/** Writes planned folds: the canonicals' new fill states, then who points where; fills in the followers moved. */
async function writeFolds(db: Db, planned: PlannedFolds, repository: MatchingRepository): Promise<{ records: FoldRecord[]; audits: AuditEntry[] }> {
  if (planned.folds.length === 0) return { records: [], audits: [] };
  await repository.writeFillStates(db, planned.changed);
  const followers = await repository.setMergedInto(db, planned.folds);
  const byFolded = new Map(planned.records.map((r) => [r.folded, r]));
  for (const moved of followers) {
    byFolded.get(moved.from)?.followers.push(moved.id);
    planned.audits.push({ entityType: 'supplier.establishment', entityId: moved.id, action: 'update', before: { merged_into: moved.from }, after: { merged_into: moved.to } });
  }
  return { records: planned.records, audits: planned.audits };
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

/** Given establishments per batch: bounds what a batch holds in memory (its region is a few times larger). */
const givenPerBatch = 20_000;
/** Side of the squares given records are ordered by before batching (0.1°, ~11 km): a batch is a compact area, so its region is small. */
const batchOrderDeg = 0.1;

/** Seconds spent per phase of a matching run, added up over its batches (for benchmarks). */
export type MatchTimings = Record<string, number>;

export interface MatchOptions {
  /** Receives the seconds per phase; read-side phases overlap with scoring (later batches are read while one is scored). */
  timings?: MatchTimings;
  /** Given records per batch (default 20,000); tests make it small to cross batch boundaries. */
  givenPerBatch?: number;
}

/** What a run has done so far, so that batches read ahead of earlier writes still see them. */
interface RunState {
  /** Folded in this run: neither a candidate nor a canonical any more. */
  folded: Set<string>;
  /** Given records of earlier batches: their pairs were all looked at there. */
  done: Set<string>;
  /** Sources folded into a record in this run. */
  absorbed: Map<string, Set<string>>;
  /** Fields a fold filled on a canonical in this run, as scoring reads them (see `foldFills`). */
  filled: Map<string, Partial<MatchSide>>;
  /** Settles when the latest batch's folds are written: the next batch's folds read fill states after that. */
  foldsWritten: Promise<void>;
}

/** Columns a fold may fill that scoring reads, and the side field each one is. */
const scoredFields = {
  legal_name: 'legalName', rfc: 'rfc', phone: 'phone', email: 'email', scian: 'scian', postal_code: 'postalCode', street: 'street',
  exterior_number: 'exteriorNumber',
} as const satisfies Partial<Record<ScalarField, keyof MatchSide>>;
const scoredFieldEntries = Object.entries(scoredFields) as Array<[keyof typeof scoredFields, (typeof scoredFields)[keyof typeof scoredFields]]>;

/**
 * Looks for the same plant in other sources for the given establishments, merges the
 * confident matches and queues the doubtful ones for a moderator. Called by the supplier
 * imports with the establishments they created or changed, inside the import's transaction.
 *
 * Which pairs are compared at all is the domain's blocking rule (`candidateBlock`): a
 * shared RFC, name key, phone or email, or near with alike names. The given records are
 * ordered by place and taken 20,000 at a time; for each batch, the records around it are
 * read once (the grid cells of the near block, on the GiST index) and joined in memory by
 * cell and name word (`nearNamePairs`), and the keyed blocks run as equality joins on
 * partial indexes; later batches are read while this one is scored. Folds, match rows and
 * audit are written in bulk per batch. Each record takes part in at most one automatic
 * merge as the folded side per round, and a record folded is neither a canonical for
 * another nor queued (see `planMatches`). Automatic merges are stored as `merged` matches,
 * so a moderator can find and undo them.
 *
 * When a folded record also matched others (one plant reported by three sources), its
 * canonical is matched again in a follow-up round, so those others are compared with the
 * record the directory now shows instead of being dropped with the folded one.
 */
export async function matchEstablishments(
  db: Db, establishmentIds: readonly string[], actor: Actor, repository: MatchingRepository = defaultRepository, options: MatchOptions = {},
): Promise<{ merged: number; queued: number }> {
  const total = { merged: 0, queued: 0 };
  let ids = [...new Set(establishmentIds)];
  if (ids.length === 0) return total;
  const timer = phaseTimer(options.timings);
  const previous = await repository.tuneSession(db);
  for (let pass = 0; pass < maxRounds && ids.length > 0; pass += 1) {
    const outcome = await matchPass(db, ids, actor, repository, timer, options.givenPerBatch ?? givenPerBatch);
    total.merged += outcome.merged;
    total.queued += outcome.queued;
    ids = outcome.revisit;
  }
  // Not in a `finally`: after a failed statement the transaction only takes a rollback.
  await repository.restoreSession(db, previous);
  return total;
}

/** Follow-up rounds after the first (see `matchEstablishments`): a plant is rarely in more than three sources. */
const maxRounds = 3;

type PhaseTimer = <T>(phase: string, work: () => Promise<T> | T) => Promise<T>;
function phaseTimer(timings: MatchTimings | undefined): PhaseTimer {
  return async (phase, work) => {
    if (!timings) return work();
    const t0 = performance.now();
    try {
      return await work();
    } finally {
      timings[phase] = (timings[phase] ?? 0) + (performance.now() - t0) / 1000;
    }
  };
}

/** The boxes covering the near-block cells around the given points (each cell with its 8 neighbours), merged into runs along each row of cells. */
function regionBoxes(points: ReadonlyArray<{ lat: number; lon: number }>): Box[] {
  const rows = new Map<number, Set<number>>();
  for (const p of points) {
    const cx = Math.floor(p.lon / nearCellDeg);
    const cy = Math.floor(p.lat / nearCellDeg);
    for (let dy = -1; dy <= 1; dy += 1) {
      let row = rows.get(cy + dy);
      if (!row) rows.set(cy + dy, (row = new Set()));
      row.add(cx - 1).add(cx).add(cx + 1);
    }
  }
  const boxes: Box[] = [];
  for (const [cy, row] of rows) {
    const xs = [...row].sort((x, y) => x - y);
    let start = xs[0]!;
    for (let i = 1; i <= xs.length; i += 1) {
      if (i < xs.length && xs[i] === xs[i - 1]! + 1) continue;
      boxes.push([start * nearCellDeg, cy * nearCellDeg, (xs[i - 1]! + 1) * nearCellDeg, (cy + 1) * nearCellDeg]);
      if (i < xs.length) start = xs[i]!;
    }
  }
  return boxes;
}

interface BatchRead {
  ids: string[];
  /** The source of every given record, when they share one: then the region holds no other record of it. */
  onlySource: string | null;
  region: Map<string, RegionSide>;
  keyed: Array<{ aId: string; bId: string }>;
  /** Pairs stored before the pass that involve its given records (see `matchPass`). */
  stored: Set<string>;
  /** Sources already folded into the region's records before this run (this run's folds are in `RunState.absorbed`). */
  absorbed: Map<string, string[]>;
}

/**
 * Reads what a batch needs: the region's records, the keyed pairs and their far sides. The
 * two reads go out at once (the keyed probes are the given records' keys as the pass read
 * them), so they queue on the connection together instead of each waiting for Node to take
 * the previous result between other statements.
 */
async function readBatch(
  db: Db, batch: readonly GivenRecord[], repository: MatchingRepository, timer: PhaseTimer,
  /** Sources folded into each canonical of the census when the pass began; null when each batch reads its region's. */
  passAbsorbed: Map<string, string[]> | null,
  /** The pairs stored before the pass (read once for all its batches). */
  passStored: Promise<Set<string>>,
  givenReads: GivenReads,
): Promise<BatchRead> {
  const ids = batch.map((p) => p.id);
  const probes = batch.map((g): KeyedProbe => ({
    id: g.id, source: g.source, lat: g.lat, rfc: g.rfc, nameKey: g.nameKey, phoneKey: phoneKey(g.phone), emailKey: emailKey(g.email),
  }));
  // Two records of one source are never compared (`candidateBlock`). When a batch's given
  // records all come from one source, as an import's do, the region's records of that source
  // are not read (most of the region, when the source is as large as the rest), and the given
  // records are read by id: all at once with the region, or, where other sources are sparse,
  // only those another source's record can meet, once the region is read — those within the
  // near block's reach of one, and those a keyed block paired.
  const onlySource = batch.every((g) => g.source === batch[0]!.source) ? batch[0]!.source : null;
  const readsAllGiven = onlySource !== null && givenReads === 'all';
  const [regionSides, givenSides, keyed, stored] = await Promise.all([
    timer('read region', () => repository.sidesInBoxes(db, regionBoxes(batch), onlySource)),
    readsAllGiven ? timer('read region', () => repository.sidesByIds(db, ids)) : [],
    timer('read keyed pairs', () => repository.keyedPairs(db, probes)),
    passStored,
  ]);
  const region = new Map<string, RegionSide>();
  for (const side of regionSides) region.set(side.id, side);
  for (const side of givenSides) region.set(side.id, side);
  const wanted = keyed.map((k) => k.bId);
  if (onlySource !== null && !readsAllGiven) {
    const reachable = withinNearReachOf(regionSides);
    for (const g of batch) if (reachable(g)) wanted.push(g.id);
    for (const k of keyed) wanted.push(k.aId);
  }
  const missing = [...new Set(wanted.filter((id) => !region.has(id)))];
  if (missing.length > 0) for (const side of await timer('read keyed pairs', () => repository.sidesByIds(db, missing))) region.set(side.id, side);
  const absorbed = passAbsorbed ?? await timer('read absorbed', () => repository.absorbedSources(db, [...region.keys()]));
  return { ids, onlySource, region, keyed, stored, absorbed };
}

/**
 * How far the pipeline of a pass runs ahead. Statements queue on the transaction's single
 * connection, and Node and the database each spend about as long on a batch, so each must
 * find work queued whenever it turns to the other's: the database reads this many batches
 * ahead of the one being scored, and Node goes on to the next batch while this many batches'
 * writes are still queued. One of each left both idle a quarter of a million-row run.
 */
const batchesReadAhead = 2;
const batchesWritingBehind = 2;

/** What a pass reads first and holds for all its batches (see `matchPass`). */
interface PassPlan {
  /** The given records in batches by place; a batch's slot is emptied once its read is sent. */
  batches: Array<GivenRecord[] | null>;
  passAbsorbed: Map<string, string[]> | null;
  passStored: Promise<Set<string>>;
  /** Which given records a batch of one source reads back (see `planPass`). */
  givenReads: GivenReads;
}

type GivenReads = 'all' | 'reachable';

/**
 * Reads the given records and cuts them into batches by place, or returns null when there is
 * nothing to compare. Its own function so that the pass-wide list of given records is not
 * kept for the whole pass (a million records, marked by every collection while they live).
 */
async function planPass(
  db: Db, ids: readonly string[], repository: MatchingRepository, timer: PhaseTimer, batchSize: number,
): Promise<PassPlan | null> {
  const points = await timer('read given', () => repository.givenRecords(db, ids));
  if (points.length === 0) return null;
  // The first load of a source into a census where no other source has records yet: nothing to compare.
  const others = await repository.otherSourceRecords(db, [...new Set(points.map((p) => p.source))], Math.ceil(points.length / 4));
  if (others === 0) return null;
  // Other sources far sparser than what is given (a source's import into a census where the
  // others are few): most given records have none of them near, and a batch reads back only
  // those that can meet one, once its region is read. Otherwise every given record can, and
  // all are read back at once with the region (see `readBatch`).
  const givenReads = others * 4 < points.length ? 'reachable' : 'all';

  // Ordered by square (row, then column), then id: a batch is a compact area, whatever the order given.
  const keyed = points.map((p) => ({ p, square: (Math.floor(p.lat / batchOrderDeg) + 1_000) * 10_000 + Math.floor(p.lon / batchOrderDeg) + 2_000 }));
  keyed.sort((x, y) => x.square - y.square || (x.p.id < y.p.id ? -1 : x.p.id > y.p.id ? 1 : 0));
  const batches: GivenRecord[][] = [];
  for (let i = 0; i < keyed.length; i += batchSize) batches.push(keyed.slice(i, i + batchSize).map((k) => k.p));

  // A pass of several batches reads which sources every canonical holds at once; a single
  // batch (an import of a few rows into a large census) reads only its region's.
  const passAbsorbed = batches.length > 1 ? await timer('read absorbed', () => repository.allAbsorbedSources(db)) : null;
  // The pairs already stored, read once for the whole pass: a pair this pass stores has a
  // given record of its batch on one side, and later batches skip the records of earlier
  // ones (`RunState.done`), so no batch needs to look again. One statement over all the
  // given records lets the database hash-join the match table instead of probing its
  // indexes twice per record while this run's own rows pile up in them.
  const passStored = timer('read stored pairs', () => repository.storedPairs(db, points.map((p) => p.id)));
  passStored.catch(() => {}); // awaited by the first batch's read; an early failure must not be unhandled meanwhile
  return { batches, passAbsorbed, passStored, givenReads };
}

/** One round over the given records, batch by batch (see `matchEstablishments`). */
async function matchPass(
  db: Db, ids: readonly string[], actor: Actor, repository: MatchingRepository, timer: PhaseTimer, batchSize: number,
): Promise<{ merged: number; queued: number; revisit: string[] }> {
  const plan = await planPass(db, ids, repository, timer, batchSize);
  if (!plan) return { merged: 0, queued: 0, revisit: [] };
  const { batches, passAbsorbed, passStored, givenReads } = plan;
  const state: RunState = { folded: new Set(), done: new Set(), absorbed: new Map(), filled: new Map(), foldsWritten: Promise.resolve() };
  const total = { merged: 0, queued: 0 };
  const revisit = new Set<string>();
  const reads = new Map<number, Promise<BatchRead>>();
  const sendRead = (k: number) => {
    const batch = batches[k];
    if (!batch) return;
    batches[k] = null;
    const read = readBatch(db, batch, repository, timer, passAbsorbed, passStored, givenReads);
    read.catch(() => {}); // awaited on its batch's turn; an early failure must not be unhandled meanwhile
    reads.set(k, read);
  };
  const writes: Array<Promise<void>> = [];
  for (let b = 0; b < batches.length; b += 1) {
    // Statements queue on the transaction's connection in the order they are sent: later
    // batches are read while this one is scored, and this one is scored while earlier ones
    // are written (see `batchesReadAhead`). What a batch changes is carried in `state`, so
    // nothing is decided on a row read before an earlier batch changed it.
    let outcome: Awaited<ReturnType<typeof matchBatch>>;
    try {
      for (let k = b; k <= b + batchesReadAhead && k < batches.length; k += 1) sendRead(k);
      const read: BatchRead = await timer('wait for reads', () => reads.get(b)!);
      reads.delete(b);
      outcome = await matchBatch(db, read, state, actor, repository, timer);
      for (const id of read.ids) state.done.add(id);
    } catch (error) {
      // A failed write aborts the transaction: report that failure, not what followed from it.
      for (const written of writes) await written;
      throw error;
    }
    writes.push(outcome.writing);
    while (writes.length > batchesWritingBehind) await timer('wait for writes', () => writes.shift()!);
    total.merged += outcome.merged;
    total.queued += outcome.queued;
    for (const id of outcome.revisit) revisit.add(id);
  }
  for (const written of writes) await timer('wait for writes', () => written);
  return { ...total, revisit: [...revisit] };
}

/**
 * A batch's work is done in slices with a turn of the event loop between them. The
 * transaction's connection delivers later batches' regions (tens of thousands of rows) while
 * this batch is blocked and scored; rows left unread fill the socket, and the database then
 * waits for Node instead of running the statements queued behind them. Slices of ~10–50 ms
 * keep both busy.
 */
const wordsPerSlice = 2_000;
const givenPerSlice = 1_000;
const pairsPerSlice = 5_000;
function* slices<T>(items: readonly T[], size: number): Generator<readonly T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

async function matchBatch(
  db: Db, read: BatchRead, state: RunState, actor: Actor, repository: MatchingRepository, timer: PhaseTimer,
): Promise<{ merged: number; queued: number; revisit: string[]; writing: Promise<void> }> {
  // The region as this run has left it: folded records gone, filled fields in.
  const region = new Map<string, RegionSide>();
  for (const [id, side] of read.region) {
    if (state.folded.has(id)) continue;
    const filled = state.filled.get(id);
    region.set(id, filled ? { ...side, ...filled } : side);
  }
  const given = read.ids.map((id) => region.get(id)).filter((s): s is RegionSide => s !== undefined);
  const pairKey = (x: string, y: string) => (x < y ? `${x}|${y}` : `${y}|${x}`);
  const skip = (g: LocatedSide, o: LocatedSide) => state.done.has(o.id) || (read.stored.size > 0 && read.stored.has(pairKey(g.id, o.id)));

  const candidates = await timer('block', async () => {
    const out: Array<{ a: LocatedSide; b: LocatedSide; distanceM: number }> = [];
    const seen = new Set<string>();
    const add = (pair: { a: LocatedSide; b: LocatedSide; distanceM: number }) => {
      const key = pairKey(pair.a.id, pair.b.id);
      if (seen.has(key)) return;
      seen.add(key);
      out.push(pair);
    };
    // A batch of one source meets only the other sources' records (see `readBatch`): they alone are indexed.
    const givenIds = read.onlySource === null ? null : new Set(read.ids);
    const regionSides = givenIds === null ? [...region.values()] : [...region.values()].filter((side) => !givenIds.has(side.id));
    for (const slice of slices(regionSides, wordsPerSlice)) {
      for (const side of slice) sideWords(side); // the index's costliest part, computed here a slice at a time
      await yieldToEventLoop();
    }
    const near = nearNameIndex(regionSides);
    for (const slice of slices(given, givenPerSlice)) {
      for (const pair of near.pairsOf(slice, skip)) add(pair);
      await yieldToEventLoop();
    }
    for (const { aId, bId } of read.keyed) {
      const a = region.get(aId);
      const b = region.get(bId);
      if (!a || !b || skip(a, b)) continue;
      const distanceM = geodesicDistanceM(a, b);
      if (candidateBlock(a, b, distanceM) !== null) add({ a, b, distanceM });
    }
    return out;
  });
  if (candidates.length === 0) return { merged: 0, queued: 0, revisit: [], writing: Promise.resolve() };

  const scored = await timer('score', async () => {
    const out: ScoredPair[] = [];
    for (const slice of slices(candidates, pairsPerSlice)) {
      for (const { a, b, distanceM } of slice) {
        const { score, reasons, confident } = scorePair(a, b, distanceM);
        // A pair that cannot count is no reason to look again either (see `revisit` below).
        // Fields named, not spread: spreading was a tenth of a bulk run's scoring time.
        if (mayCount({ score, confident })) out.push({ a, b, distanceM, score, reasons, confident });
      }
      await yieldToEventLoop();
    }
    return out;
  });
  // A canonical takes one record per source: what each record already holds (read with the region, and folded in this run).
  for (const pair of scored) {
    for (const side of [pair.a, pair.b]) {
      const before = read.absorbed.get(side.id);
      const during = state.absorbed.get(side.id);
      if (before || during) side.absorbedSources = [...new Set([...(before ?? []), ...(during ?? [])])];
    }
  }
  const plan = await timer('plan', () => planMatches(scored));

  const toStore = [
    ...plan.merges.map((m) => ({ p: m.pair, status: 'merged' as const })),
    ...plan.queued.map((p) => ({ p, status: 'pending' as const })),
  ];
  const folds = plan.merges.map((m) => ({ foldedId: m.folded.id, canonicalId: m.canonical.id }));

  // Written while later batches are scored (see `matchPass`). The folds are planned there too:
  // their fill states are read once the previous batch's folds are written (a canonical may
  // take folds in both), and the main thread goes on meanwhile, with what later batches
  // must know of them taken from the sides (below).
  const previousFoldsWritten = state.foldsWritten;
  let foldsDone!: () => void;
  state.foldsWritten = new Promise((resolve) => (foldsDone = resolve));
  const writing = (async () => {
    try {
      await previousFoldsWritten;
      const planned = await timer('fold', () => planFolds(db, folds, repository));
      const foldOf = new Map(planned.records.map((r) => [r.folded, r]));
      const { audits } = await timer('write folds', () => writeFolds(db, planned, repository));
      foldsDone();
      const inserted = await timer('write pairs', () => repository.insertPairs(db, toStore.map(({ p, status }) => ({
        establishmentId: p.a.id, matchId: p.b.id, score: p.score, distanceM: round(p.distanceM, 1), reasons: p.reasons, status,
      })), { importId: actor.importId ?? null, createdBy: actor.label }));
      const pairId = new Map(inserted.map((r) => [`${r.establishment_id}|${r.match_id}`, r.id]));
      // Automatic merges are audited with their fold (undo reads it back). Pending pairs are
      // not: the row itself records when and by which import and actor it was queued, and a
      // moderator's decision on it is audited then (ADR 0010, "Revised").
      for (const { p, status } of toStore) {
        if (status !== 'merged') continue;
        const id = pairId.get(`${p.a.id}|${p.b.id}`);
        if (!id) continue;
        const fold = foldOf.get(foldOf.has(p.a.id) ? p.a.id : p.b.id);
        audits.push({
          entityType: 'supplier.match', entityId: id, action: 'create', before: null,
          after: {
            establishmentId: p.a.id, matchId: p.b.id, score: p.score, distanceM: round(p.distanceM, 1), reasons: p.reasons, status,
            ...(fold ? { fold } : {}),
          },
        });
      }
      await timer('write audit', () => recordAudit(db, actor, audits));
    } finally {
      foldsDone();
    }
  })();
  writing.catch(() => {}); // awaited by `matchPass`; a failure must not be unhandled meanwhile

  // What later batches (read ahead of these writes) must know: who is folded, which sources
  // each canonical holds, and the scored fields the folds fill, by the rule `foldChanges`
  // applies to the fill states (the sides hold the same columns, as this run left them).
  const canonicalOf = new Map<string, string>();
  for (const m of plan.merges) {
    canonicalOf.set(m.folded.id, m.canonical.id);
    state.folded.add(m.folded.id);
    const held = state.absorbed.get(m.canonical.id) ?? new Set<string>();
    held.add(sourceOfKey(m.folded.sourceKey));
    state.absorbed.set(m.canonical.id, held);
    const canonical = region.get(m.canonical.id);
    const folded = region.get(m.folded.id);
    if (!canonical || !folded) continue;
    const filled: Partial<MatchSide> = { ...state.filled.get(m.canonical.id) };
    let changed = false;
    for (const [column, field] of scoredFieldEntries) {
      const mine = field in filled ? filled[field]! : canonical[field];
      if (foldFills(column, mine, folded[field], canonical.contactConsent, folded.contactConsent)) {
        (filled as Record<string, string>)[field] = folded[field]!;
        changed = true;
      }
    }
    if (changed) state.filled.set(m.canonical.id, filled);
  }

  // Canonicals whose folded record had other pairs, dropped with it: compare them again.
  const merges = new Set(plan.merges.map((m) => m.pair));
  const revisit = new Set<string>();
  for (const pair of scored) {
    if (merges.has(pair) || !isPlausible(pair)) continue;
    for (const sideId of [pair.a.id, pair.b.id]) {
      const kept = canonicalOf.get(sideId);
      if (kept) revisit.add(kept);
    }
  }
  return { merged: plan.merges.length, queued: plan.queued.length, revisit: [...revisit], writing };
}
