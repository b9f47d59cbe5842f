import { recordAudit, type AuditEntry } from '../../platform/audit.js';
import type { Db } from '../../platform/db/database.js';
import type { Provenance } from '../../platform/db/schema.js';
import { AppError } from '../../platform/errors.js';
import { citeSource } from '../../platform/sources.js';
import { hasRole, type Principal } from '../accounts/accounts.domain.js';
import { actorOf, type RoleGuard } from '../accounts/accounts.service.js';
import { groupByEvse } from './charging.domain.js';
import { foldedProvenanceKey, sourceOfKey, sourceRecordId } from './charging.duplicates.domain.js';
import type { DuplicatesRepository, DuplicateStatus } from './charging.duplicates.repository.js';
import { foldLocation } from './charging.duplicates.js';

const parseJson = <T>(value: T | string): T => (typeof value === 'string' ? (JSON.parse(value) as T) : value);
const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;

/**
 * The moderator's queue of possible duplicates across sources, their decisions (merge
 * keeping either record, distinct, undo a merge), and the public "also reported by".
 * Pairs that involve a private charger are shown only to admins: moderators review
 * public data, and private chargers' details are for analysts and admins.
 */
export function createDuplicatesService(deps: { db: Db; repository: DuplicatesRepository; guard: RoleGuard }) {
  const { db, repository: repo } = deps;
  const guard: RoleGuard = deps.guard;

  /** The pair if this principal may see it; 404 otherwise (a private pair is not confirmed to exist). */
  async function visiblePair(tx: Db, principal: Principal, id: string, forUpdate: boolean) {
    const pair = await repo.findPair(tx, id, forUpdate);
    if (pair) {
      const [a, b] = await Promise.all([repo.locationAccess(tx, pair.location_id), repo.locationAccess(tx, pair.match_id)]);
      if (a && b && (hasRole(principal, 'admin') || (a.access !== 'private' && b.access !== 'private'))) return { pair, a, b };
    }
    throw new AppError('CHARGING.DUPLICATE_NOT_FOUND', `There is no possible duplicate ${id} that you can see.`);
  }

  async function side(tx: Db, id: string) {
    const found = await repo.locationForComparison(tx, id);
    if (!found) throw new AppError('CHARGING.LOCATION_NOT_FOUND', `Charging location ${id} is gone.`);
    const l = found.location;
    const evses = groupByEvse(
      found.connectors,
      (c) => ({ evseUid: c.evse_uid, lifecycleStatus: c.lifecycle_status }),
      (c) => ({
        connectorId: c.connector_id, standard: c.standard, sourceCode: c.source_code, sourceLabel: c.source_label,
        powerType: c.power_type, maxElectricPowerKw: c.max_electric_power_kw,
      }),
    );
    const provenance = parseJson(l.provenance) ?? {};
    return {
      id: l.id, sourceKey: l.source_key, source: provenance.record?.source ?? sourceOfKey(l.source_key), sourceRecordId: sourceRecordId(l.source_key),
      name: l.name, address: l.address, city: l.city, postalCode: l.postal_code, countryCode: l.country_code, lat: l.lat, lon: l.lon,
      cveEnt: l.cve_ent, cvegeo: l.cvegeo, stateName: l.state_name, municipalityName: l.municipality_name,
      access: l.access, lifecycleStatus: l.lifecycle_status, operatorName: l.operator_name, operatorOrganisationId: l.operator_organisation_id,
      operatorOrganisationName: l.operator_organisation_name, ownerName: l.owner_name, origin: l.origin, mergedInto: l.merged_into,
      paymentMethods: l.payment_methods ?? [], ocppSupport: l.ocpp_support, commissionedOn: l.commissioned_on,
      lastVerifiedAt: l.last_verified_at ? new Date(l.last_verified_at).toISOString() : null, createdAt: new Date(l.created_at).toISOString(),
      evses, provenance,
    };
  }

  const pairSummary = (p: { id: string; status: DuplicateStatus; score: number; distance_m: number; reasons: string[] | string; created_at: Date; decided_at: Date | null }) => ({
    id: p.id, status: p.status, score: round(p.score, 4), distanceM: round(p.distance_m, 1), reasons: parseJson(p.reasons),
    createdAt: new Date(p.created_at).toISOString(), decidedAt: p.decided_at ? new Date(p.decided_at).toISOString() : null,
  });

  /** Runs a decision on a pending or merged pair in one transaction, with its audit. */
  async function decide(principal: Principal | null, id: string, action: (tx: Db, ctx: Awaited<ReturnType<typeof visiblePair>>, p: Principal) => Promise<AuditEntry[]>) {
    guard.requireRole(principal, 'moderator');
    await db.transaction().execute(async (tx) => {
      const ctx = await visiblePair(tx, principal, id, true);
      const audits = await action(tx, ctx, principal);
      await recordAudit(tx, actorOf(principal), audits);
    });
    return service.getPair(principal, id);
  }

  const requirePending = (status: DuplicateStatus, id: string) => {
    if (status !== 'pending') throw new AppError('CHARGING.DUPLICATE_ALREADY_DECIDED', `Possible duplicate ${id} was already decided (${status}).`);
  };

  const pairAudit = (id: string, before: DuplicateStatus, after: DuplicateStatus, extra: Record<string, unknown> = {}): AuditEntry => ({
    entityType: 'charging.duplicate', entityId: id, action: 'update', before: { status: before }, after: { status: after, ...extra },
  });

  const service = {
    async listPairs(principal: Principal | null, status: DuplicateStatus, page: { limit: number; offset: number }) {
      guard.requireRole(principal, 'moderator');
      const { rows, total } = await repo.listPairs(db, status, page, hasRole(principal, 'admin'));
      return {
        items: rows.map((r) => ({
          ...pairSummary(r),
          location: { id: r.location_id, sourceKey: r.location_source_key, source: sourceOfKey(r.location_source_key), name: r.location_name, operatorName: r.location_operator },
          match: { id: r.match_id, sourceKey: r.match_source_key, source: sourceOfKey(r.match_source_key), name: r.match_name, operatorName: r.match_operator },
        })),
        total, limit: page.limit, offset: page.offset,
      };
    },

    /** Both records side by side, with everything a moderator needs to decide. */
    async getPair(principal: Principal | null, id: string) {
      guard.requireRole(principal, 'moderator');
      const { pair } = await visiblePair(db, principal, id, false);
      const [location, match] = await Promise.all([side(db, pair.location_id), side(db, pair.match_id)]);
      const sources = await repo.dataSources(db, [...new Set([location.source, match.source])]);
      return { ...pairSummary(pair), decidedBy: pair.decided_by, location, match, sources: sources.map(citeSource) };
    },

    /** Same site: the kept record stays; the other is folded into it. */
    merge(principal: Principal | null, id: string, keep: 'location' | 'match') {
      return decide(principal, id, async (tx, { pair, a, b }, p) => {
        requirePending(pair.status, id);
        if (a.merged_into || b.merged_into) {
          throw new AppError('CHARGING.DUPLICATE_LOCATION_FOLDED', 'One of these locations is already merged into another record; undo that merge first.');
        }
        const [keptId, foldedId] = keep === 'location' ? [pair.location_id, pair.match_id] : [pair.match_id, pair.location_id];
        const folded = await repo.locationForComparison(tx, foldedId);
        if (!folded) throw new AppError('CHARGING.LOCATION_NOT_FOUND', `Charging location ${foldedId} is gone.`);
        const audits = await foldLocation(tx, { id: foldedId, sourceKey: folded.location.source_key, provenance: parseJson(folded.location.provenance) ?? {} }, keptId);
        await repo.setStatus(tx, id, 'merged', p.userId);
        return [pairAudit(id, 'pending', 'merged', { kept: keptId, folded: foldedId }), ...audits];
      });
    },

    /** Different sites: the pair is closed and never proposed again. */
    distinct(principal: Principal | null, id: string) {
      return decide(principal, id, async (tx, { pair }, p) => {
        requirePending(pair.status, id);
        await repo.setStatus(tx, id, 'distinct', p.userId);
        return [pairAudit(id, 'pending', 'distinct')];
      });
    },

    /**
     * Undoes a merge (automatic or by a moderator): the folded record is shown again, the
     * canonical's provenance no longer names it, and the pair goes back to the queue so a
     * moderator can decide it again (keep the other record, or mark them distinct).
     */
    unmerge(principal: Principal | null, id: string) {
      return decide(principal, id, async (tx, { pair, a, b }) => {
        const folded = pair.status !== 'merged' ? null
          : a.merged_into === pair.match_id ? { id: pair.location_id, into: pair.match_id }
          : b.merged_into === pair.location_id ? { id: pair.match_id, into: pair.location_id }
          : null;
        if (!folded) throw new AppError('CHARGING.DUPLICATE_NOT_MERGED', `The locations of possible duplicate ${id} are not merged into each other.`);
        const record = await repo.locationForComparison(tx, folded.id);
        const key = foldedProvenanceKey(record!.location.source_key);
        const canonical = await repo.locationForComparison(tx, folded.into);
        const entry = (parseJson(canonical!.location.provenance) as Record<string, Provenance>)[key] ?? null;
        await repo.unfold(tx, folded.id, folded.into, key);
        await repo.setStatus(tx, id, 'pending', null);
        return [
          pairAudit(id, 'merged', 'pending', { unmerged: folded.id }),
          { entityType: 'charging.location', entityId: folded.id, action: 'update', before: { merged_into: folded.into }, after: { merged_into: null } },
          { entityType: 'charging.location', entityId: folded.into, action: 'update', before: { provenance: { [key]: entry } }, after: { provenance: { [key]: null } } },
        ];
      });
    },

    /**
     * Public: the other sources' records folded into a location ("also reported by AFDC
     * #1234"), each with its source's name and licence. Private records are never listed,
     * and a private location is not found unless the caller may see it.
     */
    async alsoReportedBy(principal: Principal | null, id: string) {
      const location = await repo.locationAccess(db, id);
      if (!location || (location.access === 'private' && !hasRole(principal, 'analyst'))) {
        throw new AppError('CHARGING.LOCATION_NOT_FOUND', `There is no charging location ${id} that you can see.`);
      }
      const folded = await repo.foldedInto(db, id);
      const sourceIds = folded.map((f) => (parseJson(f.provenance) as Record<string, Provenance>).record?.source ?? sourceOfKey(f.source_key));
      const sources = new Map((await repo.dataSources(db, [...new Set(sourceIds)])).map((s) => [s.id, citeSource(s)]));
      return {
        locationId: id,
        items: folded.map((f, i) => ({
          sourceKey: f.source_key, sourceId: sourceIds[i]!, sourceRecordId: sourceRecordId(f.source_key), name: f.name, source: sources.get(sourceIds[i]!) ?? null,
        })),
      };
    },
  };
  return service;
}

export type DuplicatesService = ReturnType<typeof createDuplicatesService>;
