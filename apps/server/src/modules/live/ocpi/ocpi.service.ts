import { createHash, randomBytes } from 'node:crypto';
import { recordAudit, type Actor } from '../../../platform/audit.js';
import type { Db } from '../../../platform/db/database.js';
import type { Provenance } from '../../../platform/db/schema.js';
import { AppError } from '../../../platform/errors.js';
import type { PointChecker } from '../../../platform/imports/import-kind.js';
import type { Principal } from '../../accounts/accounts.domain.js';
import { actorOf, type RoleGuard } from '../../accounts/accounts.service.js';
import { toOcpiLocation } from '../../charging/charging.export.js';
import { mergeLocations } from '../../charging/import/location-merge.js';
import { validateOcpiLocation } from '../../charging/import/ocpi.importer.js';
import { recordStatusChanges } from '../status.repository.js';
import {
  applyPush, levelOf, locationKey, ocpiVersion, reportedStatusChanges, sameId, schemaProblems, versionEndpoints, withLiveStatus,
  type PageQuery, type PushTarget,
} from './ocpi.domain.js';
import type { OcpiPeerClient } from './ocpi.client.js';
import type { OcpiRepository, PartyRow, SenderRow } from './ocpi.repository.js';
import { validators, type OcpiCredentials, type OcpiLocation } from './ocpi.schemas.js';
import { isoTimestamp as iso } from '../../../platform/time.js';

/** Who calls an OCPI endpoint: a registered (or registering) party, or an Electrifica API token. */
export type OcpiCaller =
  | { kind: 'party'; party: PartyRow; via: 'A' | 'C'; token: string }
  | { kind: 'api'; principal: Principal };

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
/** 43 printable characters: within OCPI's string(64) of U+0021–U+007E. */
const newToken = () => randomBytes(32).toString('base64url');
const partyKey = (p: { country_code: string; party_id: string }) => `${p.country_code.trim()}*${p.party_id}`;
const partyActor = (p: PartyRow): Actor => ({ userId: null, label: `ocpi:${partyKey(p)}` });

export interface OcpiServiceDeps {
  db: Db;
  repository: OcpiRepository;
  peer: OcpiPeerClient;
  guard: RoleGuard;
  resolveApiToken: (token: string) => Promise<Principal | null>;
  checkPoints: PointChecker;
  /** Electrifica's own party, as it presents itself in credentials. */
  self: { countryCode: string; partyId: string };
}

/**
 * OCPI 2.2.1: the credentials handshake with operators' platforms, the Locations receiver
 * (what operators push becomes census records and status history) and the Locations
 * sender (the census' published locations with live status). Every write is authorised
 * here, runs in one transaction and is audited.
 */
export function createOcpiService(deps: OcpiServiceDeps) {
  const { db, repository } = deps;

  function partyView(p: PartyRow) {
    return {
      id: p.id, organisation: { id: p.organisation_id, name: p.organisation_name }, countryCode: p.country_code.trim(), partyId: p.party_id,
      status: p.status, peerVersionsUrl: p.peer_versions_url, version: p.version, endpoints: p.endpoints, roles: p.roles,
      createdAt: iso(p.created_at)!, registeredAt: iso(p.registered_at), endedAt: iso(p.ended_at),
    };
  }

  /** Electrifica's credentials for a party: the token it calls us with, our versions URL, our role. */
  function ourCredentials(token: string, baseUrl: string): OcpiCredentials {
    return {
      token,
      url: `${baseUrl}/ocpi/versions`,
      // NAP: National Access Point, "a national database with all (public) charging locations" (OCPI 2.2.1 roles).
      roles: [{ role: 'NAP', country_code: deps.self.countryCode, party_id: deps.self.partyId, business_details: { name: 'Electrifica', website: baseUrl } }],
    };
  }

  function requireParty(caller: OcpiCaller, what: string): Extract<OcpiCaller, { kind: 'party' }> {
    if (caller.kind !== 'party') throw new AppError('OCPI.UNAUTHENTICATED', `${what} is for registered OCPI parties; an Electrifica API token only reads the Locations sender.`);
    return caller;
  }
  function requireRegistered(caller: OcpiCaller, what: string) {
    const party = requireParty(caller, what);
    // OCPI 2.2.1 (Transport and format, Authorization): token A only opens versions and credentials.
    if (party.via !== 'C') throw new AppError('OCPI.UNAUTHENTICATED', `${what} needs the token Electrifica issued at registration (token C); finish the credentials handshake first.`);
    return party;
  }

  function checkCredentials(party: PartyRow, body: unknown): OcpiCredentials {
    if (!validators.Credentials.Check(body)) throw new AppError('OCPI.INVALID_OBJECT', schemaProblems(validators.Credentials.Errors(body), 'Credentials'));
    const cpo = body.roles.find((r) => r.role === 'CPO' && sameId(r.country_code, party.country_code.trim()) && sameId(r.party_id, party.party_id));
    if (!cpo) {
      throw new AppError('OCPI.INVALID_OBJECT', `The Credentials roles must include role CPO for ${partyKey(party)}, the party Electrifica registered for ${party.organisation_name}.`);
    }
    return body;
  }

  /** Fetches the party's endpoints with its token B, then stores B and a new token C in one transaction. */
  async function exchange(caller: Extract<OcpiCaller, { kind: 'party' }>, body: OcpiCredentials, baseUrl: string, action: 'register' | 'update') {
    const { version, endpoints } = await deps.peer.endpointsOf(body.url, body.token);
    const tokenC = newToken();
    await db.transaction().execute(async (tx) => {
      const current = await repository.findParty(caller.party.id, tx, true);
      const expected = action === 'register' ? 'pending' : 'registered';
      if (!current || current.status !== expected) {
        throw new AppError('OCPI.UNAUTHENTICATED', 'This registration changed while its credentials were exchanged (revoked or already registered); ask Electrifica for a new token A.');
      }
      await repository.register(tx, current.id, { tokenCHash: sha256(tokenC), peerToken: body.token, versionsUrl: body.url, version, endpoints, roles: body.roles });
      await recordAudit(tx, partyActor(current), [{
        entityType: 'ocpi.party', entityId: current.id, action: 'update',
        before: { status: current.status, peerVersionsUrl: current.peer_versions_url, endpoints: current.endpoints.length },
        after: { status: 'registered', peerVersionsUrl: body.url, version, endpoints: endpoints.length, tokenIssued: 'C' },
      }]);
    });
    return ourCredentials(tokenC, baseUrl);
  }

  function censusProvenance(party: PartyRow, at: Date): Provenance {
    return { source: 'ocpi', vintage: `OCPI ${ocpiVersion} Locations module`, method: 'declared by operator', declaredAt: at.toISOString(), ocpiParty: partyKey(party) };
  }

  /** The census location an OCPI Location becomes, or why it cannot be one. */
  function toCensus(location: OcpiLocation) {
    const mapped = validateOcpiLocation({ rowNumber: 1, values: location as unknown as Record<string, unknown>, extra: {} });
    if (!mapped.ok) throw new AppError('OCPI.INVALID_OBJECT', `The Location cannot enter the census: ${mapped.message}`);
    return mapped;
  }

  function senderLocation(row: SenderRow) {
    const live = new Map(row.statuses.map((s) => [s.evse_uid, { status: s.status, receivedAt: new Date(s.received_at) }]));
    return withLiveStatus(toOcpiLocation(row), live);
  }

  return {
    /** Resolves the Authorization header; token A is accepted only where OCPI allows it. */
    async authenticate(candidates: string[], options: { tokenA: boolean; apiToken: boolean }): Promise<OcpiCaller> {
      if (candidates.length === 0) {
        throw new AppError('OCPI.UNAUTHENTICATED', 'Send your credentials token as "Authorization: Token <base64 of the token>".');
      }
      const party = await repository.byTokenHashes(candidates.map(sha256));
      if (party) {
        if (party.via === 'A' && !options.tokenA) {
          throw new AppError('OCPI.UNAUTHENTICATED', 'Token A only opens the versions and credentials modules; finish the credentials handshake and use token C.');
        }
        // The candidate that matched is the token itself (its Base64 reading or the raw header value).
        const token = candidates.find((c) => sha256(c) === party.matched_hash)!;
        return { kind: 'party', party, via: party.via, token };
      }
      if (options.apiToken) {
        for (const candidate of candidates) {
          const principal = await deps.resolveApiToken(candidate);
          if (principal) return { kind: 'api', principal };
        }
      }
      throw new AppError('OCPI.UNAUTHENTICATED', 'The credentials token is unknown, revoked or already replaced by the handshake.');
    },

    versions: (baseUrl: string) => [{ version: ocpiVersion, url: `${baseUrl}/ocpi/${ocpiVersion}` }],
    versionDetails: (baseUrl: string) => ({ version: ocpiVersion, endpoints: versionEndpoints(baseUrl) }),

    // ---- credentials module

    getCredentials(caller: OcpiCaller, baseUrl: string) {
      const party = requireParty(caller, 'The credentials module');
      return ourCredentials(party.token, baseUrl);
    },

    async postCredentials(caller: OcpiCaller, body: unknown, baseUrl: string) {
      const party = requireParty(caller, 'The credentials module');
      // OCPI 2.2.1 (Credentials, POST): 405 once registered.
      if (party.via !== 'A') throw new AppError('OCPI.ALREADY_REGISTERED', 'This party is already registered; use PUT to update its credentials or DELETE to unregister.');
      return exchange(party, checkCredentials(party.party, body), baseUrl, 'register');
    },

    async putCredentials(caller: OcpiCaller, body: unknown, baseUrl: string) {
      const party = requireParty(caller, 'The credentials module');
      if (party.via !== 'C') throw new AppError('OCPI.NOT_REGISTERED', 'This party is not registered yet; POST its credentials with token A first.');
      return exchange(party, checkCredentials(party.party, body), baseUrl, 'update');
    },

    async deleteCredentials(caller: OcpiCaller) {
      const party = requireParty(caller, 'The credentials module');
      if (party.via !== 'C') throw new AppError('OCPI.NOT_REGISTERED', 'This party is not registered; there is nothing to unregister.');
      await db.transaction().execute(async (tx) => {
        await repository.end(tx, party.party.id, 'unregistered');
        await recordAudit(tx, partyActor(party.party), [{ entityType: 'ocpi.party', entityId: party.party.id, action: 'update', before: { status: 'registered' }, after: { status: 'unregistered' } }]);
      });
    },

    // ---- Locations receiver

    /**
     * A Location, EVSE or Connector pushed by its operator (PUT or PATCH). The result
     * becomes the census record keyed as the `charging.ocpi` importer keys it (one
     * location, two ways in, one record); EVSE statuses that changed enter the history.
     */
    async push(caller: OcpiCaller, method: 'PUT' | 'PATCH', params: { countryCode: string; partyId: string; locationId: string } & PushTarget, body: unknown) {
      const { party } = requireRegistered(caller, 'Pushing Locations');
      const countryCode = party.country_code.trim();
      if (!sameId(params.countryCode, countryCode) || !sameId(params.partyId, party.party_id)) {
        throw new AppError('OCPI.WRONG_PARTY', `This token belongs to ${partyKey(party)}; it may push only that party's Locations, not ${params.countryCode}/${params.partyId}.`);
      }
      const level = levelOf(params);
      const kind = `${level === 'location' ? 'Location' : level === 'evse' ? 'Evse' : 'Connector'}${method === 'PATCH' ? 'Patch' : ''}` as const;
      const what = level === 'location' ? 'Location' : level === 'evse' ? 'EVSE' : 'Connector';
      const validator = validators[kind];
      if (!validator.Check(body)) throw new AppError('OCPI.INVALID_OBJECT', schemaProblems(validator.Errors(body), what));
      const object = body as Record<string, unknown>;
      const idField = level === 'location' ? 'id' : level === 'evse' ? 'uid' : 'id';
      const idInUrl = level === 'location' ? params.locationId : level === 'evse' ? params.evseUid : params.connectorId;
      if (object[idField] !== undefined && !sameId(String(object[idField]), idInUrl)) {
        throw new AppError('OCPI.INVALID_OBJECT', `The ${what}'s ${idField} "${String(object[idField])}" differs from "${idInUrl}" in the URL.`);
      }
      if (level === 'location') {
        for (const field of ['country_code', 'party_id'] as const) {
          const inUrl = field === 'country_code' ? params.countryCode : params.partyId;
          if (object[field] !== undefined && !sameId(String(object[field]), inUrl)) {
            throw new AppError('OCPI.INVALID_OBJECT', `The Location's ${field} "${String(object[field])}" differs from "${inUrl}" in the URL.`);
          }
        }
      }
      const key = locationKey(params.locationId);
      const target: PushTarget = { evseUid: params.evseUid, connectorId: params.connectorId };

      // Checked before the transaction: the boundary check reads the database on its own connection.
      const preview = applyPush((await repository.findStoredLocation(db, countryCode, party.party_id, key))?.object ?? null, method, target, object);
      if (!preview.ok) throw new AppError('OCPI.UNKNOWN_LOCATION', preview.message);
      const previewCensus = toCensus(preview.location);
      const [pointProblem] = await deps.checkPoints([{ lat: previewCensus.value.lat, lon: previewCensus.value.lon }], 'mexico-and-us');
      if (pointProblem) throw new AppError('OCPI.INVALID_OBJECT', `The Location cannot enter the census: ${pointProblem.message}`);

      return db.transaction().execute(async (tx) => {
        const stored = await repository.findStoredLocation(tx, countryCode, party.party_id, key, true);
        const outcome = applyPush(stored?.object ?? null, method, target, object);
        if (!outcome.ok) throw new AppError('OCPI.UNKNOWN_LOCATION', outcome.message);
        const statuses = reportedStatusChanges(stored?.object ?? null, target, object);
        let locationId = stored?.location_id ?? null;
        if (!outcome.stale || !stored) {
          const census = toCensus(outcome.location);
          const at = new Date();
          await mergeLocations(tx, [{ rowNumber: 1, key: census.key, value: census.value }], {
            actor: partyActor(party),
            // Not an import run: the push itself is the unit, named by its party.
            importId: `ocpi:${partyKey(party)}`,
            provenance: () => censusProvenance(party, at),
          });
          locationId = await repository.locationIdOf(tx, census.value.sourceKey);
          await repository.saveStoredLocation(tx, {
            countryCode, partyId: party.party_id, key, ocpiId: stored?.ocpi_id ?? outcome.location.id, locationId, object: outcome.location, lastUpdated: outcome.location.last_updated,
          });
          if (Object.keys(outcome.changed.after).length > 0) {
            await recordAudit(tx, partyActor(party), [{
              entityType: 'ocpi.location', entityId: locationId, action: outcome.created && level === 'location' ? 'create' : 'update',
              before: { target: { level, evseUid: params.evseUid ?? null, connectorId: params.connectorId ?? null, method }, ...outcome.changed.before },
              after: { target: { level, evseUid: params.evseUid ?? null, connectorId: params.connectorId ?? null, method }, ...outcome.changed.after },
            }]);
          }
        }
        if (statuses.length > 0 && locationId) {
          await recordStatusChanges(tx, statuses.map((s) => ({
            locationId, evseUid: s.evseUid, status: s.status, protocolStatus: s.status, source: 'ocpi' as const, occurredAt: s.occurredAt,
          })));
        }
        return { created: outcome.created, stale: outcome.stale };
      });
    },

    /** A Location, EVSE or Connector as Electrifica holds it (the CPO checks its pushes arrived). */
    async receiverGet(caller: OcpiCaller, params: { countryCode: string; partyId: string; locationId: string } & PushTarget) {
      const { party } = requireRegistered(caller, 'Reading pushed Locations');
      if (!sameId(params.countryCode, party.country_code.trim()) || !sameId(params.partyId, party.party_id)) {
        throw new AppError('OCPI.WRONG_PARTY', `This token belongs to ${partyKey(party)}; it may read only that party's Locations.`);
      }
      const stored = await repository.findStoredLocation(db, party.country_code.trim(), party.party_id, locationKey(params.locationId));
      if (!stored) throw new AppError('OCPI.UNKNOWN_LOCATION', `Location "${params.locationId}" of ${partyKey(party)} is unknown here.`);
      if (params.evseUid === undefined) return stored.object;
      const evse = stored.object.evses?.find((e) => sameId(e.uid, params.evseUid));
      if (!evse) throw new AppError('OCPI.UNKNOWN_LOCATION', `EVSE "${params.evseUid}" is unknown in Location "${params.locationId}".`);
      if (params.connectorId === undefined) return evse;
      const connector = evse.connectors.find((c) => sameId(c.id, params.connectorId));
      if (!connector) throw new AppError('OCPI.UNKNOWN_LOCATION', `Connector "${params.connectorId}" is unknown in EVSE "${params.evseUid}".`);
      return connector;
    },

    // ---- Locations sender

    async senderList(caller: OcpiCaller, page: PageQuery) {
      if (caller.kind === 'party') requireRegistered(caller, 'The Locations sender');
      const { rows, total } = await repository.senderPage(page);
      return { items: rows.map(senderLocation), total };
    },

    async senderGet(caller: OcpiCaller, params: { locationId: string } & PushTarget) {
      if (caller.kind === 'party') requireRegistered(caller, 'The Locations sender');
      const row = await repository.senderLocation(params.locationId);
      if (!row) throw new AppError('OCPI.UNKNOWN_LOCATION', `Location "${params.locationId}" is not among the published locations.`);
      const location = senderLocation(row);
      if (params.evseUid === undefined) return location;
      const evse = location.evses.find((e) => sameId(e.uid, params.evseUid));
      if (!evse) throw new AppError('OCPI.UNKNOWN_LOCATION', `EVSE "${params.evseUid}" is unknown in Location "${params.locationId}".`);
      if (params.connectorId === undefined) return evse;
      const connector = evse.connectors.find((c) => sameId(c.id, params.connectorId));
      if (!connector) throw new AppError('OCPI.UNKNOWN_LOCATION', `Connector "${params.connectorId}" is unknown in EVSE "${params.evseUid}".`);
      return connector;
    },

    // ---- admin API: registering operators' platforms

    /** Issues token A for an operator organisation: it is shown once, and stored only hashed. */
    async createParty(principal: Principal | null, organisationId: string, baseUrl: string) {
      deps.guard.requireRole(principal, 'admin');
      const org = await repository.findOrganisation(organisationId);
      if (!org) throw new AppError('ACCOUNTS.ORGANISATION_NOT_FOUND', `There is no organisation ${organisationId}.`);
      if (org.type !== 'charge_point_operator' || !org.ocpi_country_code || !org.ocpi_party_id) {
        throw new AppError('OCPI.ORGANISATION_WITHOUT_PARTY', `${org.name} must be a charge point operator with its OCPI country code and party id set (organisation settings) before it can connect over OCPI.`);
      }
      const tokenA = newToken();
      const id = await db.transaction().execute(async (tx) => {
        const live = await repository.liveOfOrganisation(org.id, tx);
        if (live) throw new AppError('OCPI.PARTY_ACTIVE', `${org.name} already has a ${live.status} OCPI connection (${live.id}); revoke it first to issue a new token A.`);
        const { id: newId } = await repository.insertParty(tx, {
          organisationId: org.id, countryCode: org.ocpi_country_code!.trim(), partyId: org.ocpi_party_id!, tokenAHash: sha256(tokenA), createdBy: principal.userId,
        });
        await recordAudit(tx, actorOf(principal), [{
          entityType: 'ocpi.party', entityId: newId, action: 'create', before: null,
          after: { organisationId: org.id, party: `${org.ocpi_country_code!.trim()}*${org.ocpi_party_id}`, status: 'pending', tokenIssued: 'A' },
        }]);
        return newId;
      });
      const party = await repository.findParty(id);
      return { ...partyView(party!), tokenA, versionsUrl: `${baseUrl}/ocpi/versions` };
    },

    async listParties(principal: Principal | null) {
      deps.guard.requireRole(principal, 'admin');
      return (await repository.listParties()).map(partyView);
    },

    /** Ends a registration: its tokens stop working at once and token B is forgotten. */
    async revokeParty(principal: Principal | null, id: string) {
      deps.guard.requireRole(principal, 'admin');
      return db.transaction().execute(async (tx) => {
        const party = await repository.findParty(id, tx, true);
        if (!party) throw new AppError('OCPI.PARTY_NOT_FOUND', `There is no OCPI party registration ${id}.`);
        if (party.status === 'pending' || party.status === 'registered') {
          await repository.end(tx, id, 'revoked');
          await recordAudit(tx, actorOf(principal), [{ entityType: 'ocpi.party', entityId: id, action: 'update', before: { status: party.status }, after: { status: 'revoked' } }]);
        }
        return partyView((await repository.findParty(id, tx))!);
      });
    },
  };
}

export type OcpiService = ReturnType<typeof createOcpiService>;
