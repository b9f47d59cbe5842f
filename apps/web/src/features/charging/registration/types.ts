/** Shapes of the registration API (`/api/v1/charging/registrations`). */

export const connectorStandards = ['J1772', 'TYPE_2', 'CCS1', 'CCS2', 'CHADEMO', 'NACS', 'GBT_AC', 'GBT_DC', 'TESLA_LEGACY', 'DOMESTIC', 'OTHER'] as const;
export type ConnectorStandard = (typeof connectorStandards)[number];
export const chargingUses = ['light_duty', 'heavy_duty', 'bus_depot', 'fleet'] as const;
export type ChargingUse = (typeof chargingUses)[number];
export const paymentMethods = ['free', 'cash', 'bank_card', 'contactless', 'app', 'rfid', 'plug_and_charge', 'membership'] as const;
export type PaymentMethod = (typeof paymentMethods)[number];
export const lifecycleStatuses = ['planned', 'operational', 'out_of_service', 'decommissioned'] as const;
export type LifecycleStatus = (typeof lifecycleStatuses)[number];
export type Access = 'public' | 'restricted' | 'private';
export type PowerType = 'AC_1_PHASE' | 'AC_3_PHASE' | 'DC';
export type ConnectorFormat = 'SOCKET' | 'CABLE';
export type RegistrantRole = 'operator' | 'owner';

export interface OpeningHours {
  twentyfourseven: boolean;
  regular_hours?: Array<{ weekday: number; period_begin: string; period_end: string }>;
}

export interface RegisteredConnector {
  standard: ConnectorStandard | null;
  format: ConnectorFormat | null;
  powerType: PowerType | null;
  maxVoltageV: number | null;
  maxAmperageA: number | null;
  maxPowerKw: number | null;
}

export interface RegistrationBody {
  name: string;
  address: string | null;
  postalCode: string | null;
  lat: number;
  lon: number;
  access: Access;
  uses: ChargingUse[];
  paymentMethods: PaymentMethod[];
  ocppSupport: boolean | null;
  openingHours: OpeningHours | null;
  commissionedOn: string | null;
  lifecycleStatus: LifecycleStatus;
  evses: Array<{ evseUid: string | null; connectors: RegisteredConnector[] }>;
}

export interface CreateBody extends RegistrationBody {
  actingAs: RegistrantRole;
  organisationId: string | null;
}

export interface OrgRef {
  id: string;
  name: string;
}

export interface RegistrationDetail extends Omit<RegistrationBody, 'access' | 'lifecycleStatus' | 'evses'> {
  id: string;
  sourceKey: string;
  origin: 'import' | 'registered';
  registeredAs: RegistrantRole | null;
  editable: boolean;
  readOnlyReason: 'imported' | 'not_yours' | null;
  access: Access | null;
  lifecycleStatus: LifecycleStatus | null;
  evses: Array<{ evseUid: string; connectors: RegisteredConnector[] }>;
  operatorName: string | null;
  operatorOrganisation: OrgRef | null;
  ownerOrganisation: OrgRef | null;
  ownedByYou: boolean;
  cveEnt: string | null;
  stateName: string | null;
  cvegeo: string | null;
  municipalityName: string | null;
  updatedAt: string;
}

export interface RegistrationListItem {
  id: string;
  name: string;
  origin: 'import' | 'registered';
  registeredAs: RegistrantRole | null;
  editable: boolean;
  readOnlyReason: 'imported' | 'not_yours' | null;
  access: Access | null;
  lifecycleStatus: LifecycleStatus | null;
  operatorName: string | null;
  organisation: OrgRef | null;
  ownedByYou: boolean;
  stateName: string | null;
  municipalityName: string | null;
  evseCount: number;
  connectorStandards: string[];
  maxPowerKw: number | null;
  updatedAt: string;
}

export interface RegistrationOptions {
  operatorOrganisations: OrgRef[];
  ownerOrganisations: Array<OrgRef & { type: string }>;
}
