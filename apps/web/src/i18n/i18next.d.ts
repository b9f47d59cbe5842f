import 'i18next';
import type esMX from './locales/es-MX.json';
import type chargingDashboard from './locales/es-MX/chargingDashboard.json';
import type chargingDuplicates from './locales/es-MX/chargingDuplicates.json';
import type chargingRegistration from './locales/es-MX/chargingRegistration.json';
import type chargingTemplate from './locales/es-MX/chargingTemplate.json';
import type live from './locales/es-MX/live.json';
import type uptime from './locales/es-MX/uptime.json';
// suppliers: registration, claims and moderation queues
import type suppliersModeration from './locales/es-MX/suppliersModeration.json';
import type suppliersRegistration from './locales/es-MX/suppliersRegistration.json';
// suppliers: directory, catalogue and coverage
import type suppliers from './locales/es-MX/suppliers.json';
// skills: job board, candidate profile, taxonomy and pathways
import type skills from './locales/es-MX/skills.json';
// skills: industry demand, training catalogue, curriculum gaps, job fairs and inclusion indicators
import type skillsInsights from './locales/es-MX/skillsInsights.json';

/** Keys are typed from the Spanish files: the shared one plus each feature's own file. */
type Translation = typeof esMX & typeof chargingDashboard & typeof chargingDuplicates & typeof chargingRegistration & typeof chargingTemplate & typeof live & typeof uptime & typeof suppliersRegistration & typeof suppliersModeration & typeof suppliers & typeof skills & typeof skillsInsights;

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Translation };
  }
}
