import type { Migration } from 'kysely/migration';
import * as m0001 from './0001_platform.js';
import * as m0002 from './0002_geo.js';
import * as m0003 from './0003_charging.js';
import * as m0004 from './0004_charging_census.js';
import * as m0005 from './0005_live_status.js';
import * as m0006 from './0006_ocpi.js';
import * as m0007 from './0007_uptime.js';
import * as m0008 from './0008_suppliers.js';
import * as m0009 from './0009_suppliers_matching.js';
import * as m0010 from './0010_suppliers_search.js';
import * as m0011 from './0011_skills_taxonomy.js';
import * as m0012 from './0012_skills_jobs.js';
import * as m0013 from './0013_suppliers_matching_speed.js';
import * as m0014 from './0014_skills_demand_training.js';
import * as m0015 from './0015_skills_jobs_fairs.js';
import * as m0017 from './0017_organisation_university.js';
import * as m0018 from './0018_supplier_match_origin.js';
import * as m0019 from './0019_skills_vacancy_scian.js';
import * as m0020 from './0020_skills_saved_search_industry.js';
import * as m0021 from './0021_suppliers_drop_name_key_index.js';

/** Ordered; a migration, once released, is never edited — add a new one. */
export const migrations: Record<string, Migration> = {
  '0001_platform': m0001,
  '0002_geo': m0002,
  '0003_charging': m0003,
  '0004_charging_census': m0004,
  '0005_live_status': m0005,
  '0006_ocpi': m0006,
  '0007_uptime': m0007,
  '0008_suppliers': m0008,
  '0009_suppliers_matching': m0009,
  '0010_suppliers_search': m0010,
  '0011_skills_taxonomy': m0011,
  '0012_skills_jobs': m0012,
  '0013_suppliers_matching_speed': m0013,
  '0014_skills_demand_training': m0014,
  '0015_skills_jobs_fairs': m0015,
  '0017_organisation_university': m0017,
  '0018_supplier_match_origin': m0018,
  '0019_skills_vacancy_scian': m0019,
  '0020_skills_saved_search_industry': m0020,
  '0021_suppliers_drop_name_key_index': m0021,
};
