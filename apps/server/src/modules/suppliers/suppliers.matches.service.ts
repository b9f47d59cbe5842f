import { recordAudit, type AuditEntry } from '../../platform/audit.js';
import type { Db } from '../../platform/db/database.js';
import type { Provenance, SupplierCertification } from '../../platform/db/schema.js';
import { AppError } from '../../platform/errors.js';
import { citeSource } from '../../platform/sources.js';
import type { Principal } from '../accounts/accounts.domain.js';
import { actorOf, type RoleGuard } from '../accounts/accounts.service.js';
import { sourceOfKey, sourceRecordId } from './suppliers.matching.domain.js';
import type { MatchingRepository, MatchStatus } from './suppliers.matching.repository.js';
import { foldEstablishments, unfoldEstablishment, type FoldRecord } from './suppliers.matching.js';
import { isoTimestamp as iso } from '../../platform/time.js';

const parseJson = <T>(value: T | string): T => (typeof value === 'string' ? (JSON.parse(value) as T) : value);
const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;

export type Keep = 'establishment' | 'match';

/**
 * The moderator's queue of possible matches between sources of the supplier census and
 * its decisions: merge keeping either record, distinct, and undo a merge (automatic or by
 * a moderator). Suppliers' records are public data, so moderators and admins see all.
 */
export function createMatchesService(deps: { db: Db; repository: MatchingRepository; guard: RoleGuard }) {
  const { db, repository: repo } = deps;
  // Typed explicitly: TypeScript only applies an assertion signature through a declared type.
  const guard: RoleGuard = deps.guard;

  async function pairOrThrow(tx: Db, id: string, forUpdate: boolean) {
    const pair = await repo.findPair(tx, id, forUpdate);
    if (!pair) throw new AppError('SUPPLIERS.MATCH_NOT_FOUND', `There is no possible match ${id}.`);
    return pair;
  }

  async function side(tx: Db, id: string) {
    const e = await repo.establishmentForComparison(tx, id);
    if (!e) throw new AppError('SUPPLIERS.ESTABLISHMENT_NOT_FOUND', `Establishment ${id} is gone.`);
    const provenance = parseJson<Record<string, Provenance>>(e.provenance) ?? {};
    return {
      id: e.id as string, sourceKey: e.source_key as string, source: provenance.record?.source ?? sourceOfKey(e.source_key),
      sourceRecordId: sourceRecordId(e.source_key), origin: e.origin as string, name: e.name as string, legalName: e.legal_name as string | null,
      rfc: e.rfc as string | null,
      company: e.company_id
        ? {
          id: e.company_id as string, legalName: e.company_legal_name as string, rfc: e.company_rfc as string | null, tradeNames: (e.company_trade_names ?? []) as string[],
          sizeClass: e.company_size_class as string | null, ownershipCountry: e.company_ownership_country as string | null,
          website: e.company_website as string | null, organisationId: e.company_organisation_id as string | null,
        }
        : null,
      address: {
        street: e.street, exteriorNumber: e.exterior_number, neighbourhood: e.neighbourhood, postalCode: e.postal_code, locality: e.locality,
        industrialPark: e.industrial_park, municipalityAsGiven: e.municipality_as_given, stateAsGiven: e.state_as_given, cvegeoAsGiven: e.cvegeo_as_given,
      } as Record<string, string | null>,
      lat: Number(e.lat), lon: Number(e.lon), cveEnt: e.cve_ent as string | null, cvegeo: e.cvegeo as string | null,
      stateName: e.state_name as string | null, municipalityName: e.municipality_name as string | null, locationFlags: (e.location_flags ?? []) as string[],
      scian: e.scian as string | null, employeesStratum: e.employees_stratum as string | null, sizeClass: e.size_class as string | null,
      tiers: (e.tiers ?? []) as string[], processes: (e.processes ?? []) as string[], components: (e.components ?? []) as string[],
      certifications: parseJson<SupplierCertification[]>(e.certifications) ?? [],
      oemCustomers: (e.oem_customers ?? []) as string[], exportMarkets: (e.export_markets ?? []) as string[], evReadiness: e.ev_readiness as string | null,
      // Moderators see contacts to tell two records apart; the public directory applies consent.
      phone: e.phone as string | null, email: e.email as string | null, website: e.website as string | null, contactConsent: !!e.contact_consent,
      registeredOn: e.registered_on as string | null, mergedInto: e.merged_into as string | null,
      createdAt: iso(e.created_at)!, updatedAt: iso(e.updated_at)!, provenance,
    };
  }

  const pairSummary = (p: { id: string; status: MatchStatus; score: number; distance_m: number | null; reasons: string[] | string; created_at: Date; decided_at: Date | null }) => ({
    id: p.id, status: p.status, score: round(Number(p.score), 4), distanceM: p.distance_m === null ? null : round(Number(p.distance_m), 1),
    reasons: parseJson(p.reasons), createdAt: iso(p.created_at)!, decidedAt: iso(p.decided_at),
  });

  const listedSide = (r: Record<string, any>, alias: 'a' | 'b') => ({
    id: r[`${alias}_id`] as string, sourceKey: r[`${alias}_source_key`] as string, source: sourceOfKey(r[`${alias}_source_key`]),
    name: r[`${alias}_name`] as string, legalName: r[`${alias}_legal_name`] as string | null, rfc: r[`${alias}_rfc`] as string | null,
    cvegeo: r[`${alias}_cvegeo`] as string | null, municipalityName: r[`${alias}_municipality_name`] as string | null,
    stateName: r[`${alias}_state_name`] as string | null, mergedInto: r[`${alias}_merged_into`] as string | null,
  });

  const pairAudit = (id: string, before: MatchStatus, after: MatchStatus, extra: Record<string, unknown> = {}): AuditEntry => ({
    entityType: 'supplier.match', entityId: id, action: 'update', before: { status: before }, after: { status: after, ...extra },
  });

  /** A decision in one transaction with its audit; the pair is locked so two moderators cannot decide it twice. */
  async function decide(principal: Principal | null, id: string, action: (tx: Db, pair: Awaited<ReturnType<typeof pairOrThrow>>, p: Principal) => Promise<AuditEntry[]>) {
    guard.requireRole(principal, 'moderator');
    await db.transaction().execute(async (tx) => {
      const pair = await pairOrThrow(tx, id, true);
      const audits = await action(tx, pair, principal);
      await recordAudit(tx, actorOf(principal), audits);
    });
    return service.getPair(principal, id);
  }

  /** Pending, and undone merges (a moderator may still decide those), can be decided. */
  const requireOpen = (status: MatchStatus, id: string) => {
    if (status !== 'pending' && status !== 'unmerged') {
      throw new AppError('SUPPLIERS.MATCH_ALREADY_DECIDED', `Possible match ${id} was already decided (${status}).`);
    }
  };

  const service = {
    async listPairs(principal: Principal | null, status: MatchStatus, page: { limit: number; offset: number }) {
      guard.requireRole(principal, 'moderator');
      const { rows, total } = await repo.listPairs(db, status, page);
      return {
        items: rows.map((r) => ({ ...pairSummary(r as never), establishment: listedSide(r, 'a'), match: listedSide(r, 'b') })),
        total, limit: page.limit, offset: page.offset,
      };
    },

    /** Both records side by side, in full, with their sources cited. */
    async getPair(principal: Principal | null, id: string) {
      guard.requireRole(principal, 'moderator');
      const pair = await pairOrThrow(db, id, false);
      const [establishment, match] = await Promise.all([side(db, pair.establishment_id), side(db, pair.match_id)]);
      const sources = await repo.dataSources(db, [...new Set([establishment.source, match.source])]);
      return { ...pairSummary(pair), decidedBy: pair.decided_by, establishment, match, sources: sources.map(citeSource) };
    },

    /** Same plant: the kept record stays and takes what it lacks from the other, which is folded into it. */
    merge(principal: Principal | null, id: string, keep: Keep) {
      return decide(principal, id, async (tx, pair, p) => {
        requireOpen(pair.status, id);
        const locked = await repo.lockEstablishments(tx, [pair.establishment_id, pair.match_id]);
        if (locked.length < 2) throw new AppError('SUPPLIERS.ESTABLISHMENT_NOT_FOUND', 'One of these establishments is gone.');
        if (locked.some((e) => e.merged_into !== null)) {
          throw new AppError('SUPPLIERS.ESTABLISHMENT_FOLDED', 'One of these establishments is already merged into another record; undo that merge first.');
        }
        const [keptId, foldedId] = keep === 'establishment' ? [pair.establishment_id, pair.match_id] : [pair.match_id, pair.establishment_id];
        const { records, audits } = await foldEstablishments(tx, [{ foldedId, canonicalId: keptId }], repo);
        await repo.setStatus(tx, id, 'merged', p.userId);
        return [pairAudit(id, pair.status, 'merged', { kept: keptId, folded: foldedId, fold: records[0] }), ...audits];
      });
    },

    /** Different plants: the pair is closed and never proposed again. */
    distinct(principal: Principal | null, id: string) {
      return decide(principal, id, async (tx, pair, p) => {
        requireOpen(pair.status, id);
        await repo.setStatus(tx, id, 'distinct', p.userId);
        return [pairAudit(id, pair.status, 'distinct')];
      });
    },

    /**
     * Undoes a merge, automatic or by a moderator: the folded record is shown again (with
     * the records that had been folded into it), the kept one loses exactly what the merge
     * gave it, and the pair is marked `unmerged` — never merged again automatically; a
     * moderator may still merge it keeping the other record, or mark it distinct.
     */
    unmerge(principal: Principal | null, id: string) {
      return decide(principal, id, async (tx, pair, p) => {
        const locked = pair.status === 'merged' ? await repo.lockEstablishments(tx, [pair.establishment_id, pair.match_id]) : [];
        const byId = new Map(locked.map((e) => [e.id, e]));
        const folded = byId.get(pair.establishment_id)?.merged_into === pair.match_id ? pair.establishment_id
          : byId.get(pair.match_id)?.merged_into === pair.establishment_id ? pair.match_id : null;
        const fold = folded ? ((await repo.lastFold(tx, id)) as FoldRecord | null) : null;
        if (!folded || !fold || fold.folded !== folded) {
          throw new AppError('SUPPLIERS.MATCH_NOT_MERGED', `The establishments of possible match ${id} are not merged into each other.`);
        }
        const audits = await unfoldEstablishment(tx, fold, repo);
        await repo.setStatus(tx, id, 'unmerged', p.userId);
        return [pairAudit(id, 'merged', 'unmerged', { unmerged: fold.folded }), ...audits];
      });
    },
  };
  return service;
}

export type MatchesService = ReturnType<typeof createMatchesService>;
