/** Platform-wide roles of a user account. Anonymous visitors are `public`. */
export const platformRoles = ['member', 'moderator', 'analyst', 'admin'] as const;
export type PlatformRole = (typeof platformRoles)[number];

/** Roles a user holds inside one organisation. */
export const membershipRoles = ['member', 'editor'] as const;
export type MembershipRole = (typeof membershipRoles)[number];

export const organisationTypes = [
  'company',
  'charge_point_operator',
  'training_centre',
  'university',
  'recycler',
  'government_office',
  'industry_chamber',
] as const;
export type OrganisationType = (typeof organisationTypes)[number];
