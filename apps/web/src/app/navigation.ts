import type { ParseKeys } from 'i18next';
import type { SessionUser } from '../api/types';

/**
 * The site header's links, grouped in a few sections so that it fits one line even for an
 * admin. Which links a person sees follows what the server lets them do; the server still
 * checks every request, so this only avoids offering pages that would answer 403.
 */
export type NavGroupId = 'charging' | 'suppliers' | 'skills' | 'operations' | 'admin';

export interface NavItem {
  to: string;
  /** i18next key of the link's text. */
  labelKey: ParseKeys;
  testId: string;
  /** Current only on this exact path (not on the paths below it). */
  end?: boolean;
}

export interface NavGroup {
  id: NavGroupId;
  labelKey: ParseKeys;
  items: NavItem[];
}

/** A link on its own, or a section shown as a disclosure menu. */
export type NavEntry = { kind: 'link'; item: NavItem } | { kind: 'group'; group: NavGroup };

const isEditor = (user: SessionUser) => user.memberships.some((m) => m.role === 'editor');

export function navigationFor(user: SessionUser | null): NavEntry[] {
  const role = user?.role;
  const admin = role === 'admin';
  const analyst = role === 'analyst';
  const moderator = role === 'moderator';

  const charging: NavItem[] = [
    { to: '/cargadores', labelKey: 'nav.chargingMap', testId: 'nav-charging', end: true },
    { to: '/cargadores/estadisticas', labelKey: 'nav.chargingStats', testId: 'nav-charging-stats' },
    // uptime by state is public; by operator and by port the page itself asks to sign in
    { to: '/disponibilidad', labelKey: 'uptime.nav', testId: 'nav-uptime' },
  ];
  if (user) {
    charging.push(
      { to: '/cargadores/registrar', labelKey: 'chargingRegistration.nav.register', testId: 'nav-register-charger' },
      { to: '/cargadores/mis-cargadores', labelKey: 'chargingRegistration.nav.mine', testId: 'nav-my-chargers' },
    );
  }

  // Suppliers: the directory, the EV catalogue and coverage are public; registration
  // and moderation links join this group.
  const suppliers: NavItem[] = [
    { to: '/proveedores', labelKey: 'suppliers.nav.directory', testId: 'nav-suppliers', end: true },
    { to: '/proveedores/catalogo', labelKey: 'suppliers.nav.catalogue', testId: 'nav-suppliers-catalogue' },
    { to: '/proveedores/cobertura', labelKey: 'suppliers.nav.coverage', testId: 'nav-suppliers-coverage' },
  ];
  // suppliers: any signed-in person may register a company and manage its plants;
  // moderators and admins decide possible duplicates and claims.
  if (user) {
    suppliers.push(
      { to: '/proveedores/registrar', labelKey: 'suppliersRegistration.nav.register', testId: 'nav-register-supplier' },
      { to: '/proveedores/mis-plantas', labelKey: 'suppliersRegistration.nav.mine', testId: 'nav-my-plants' },
    );
  }
  if (admin || moderator) {
    suppliers.push(
      { to: '/moderacion/proveedores', labelKey: 'suppliersModeration.nav.matches', testId: 'nav-supplier-matches' },
      { to: '/moderacion/reclamos', labelKey: 'suppliersModeration.nav.claims', testId: 'nav-supplier-claims' },
    );
  }
  // --- end suppliers

  // Jobs and skills: the job board, the taxonomy and pathways are public; a signed-in person
  // keeps a candidate profile; organisation editors post vacancies (for their organisations).
  const skills: NavItem[] = [
    { to: '/empleo', labelKey: 'skills.nav.board', testId: 'nav-jobs', end: true },
    { to: '/habilidades', labelKey: 'skills.nav.taxonomy', testId: 'nav-skills-taxonomy', end: true },
    { to: '/habilidades/trayectorias', labelKey: 'skills.nav.pathways', testId: 'nav-skills-pathways' },
    // industry demand, training catalogue, curriculum gaps, job fairs and inclusion indicators (public)
    { to: '/habilidades/demanda', labelKey: 'skillsInsights.nav.demand', testId: 'nav-skills-demand' },
    { to: '/habilidades/cursos', labelKey: 'skillsInsights.nav.courses', testId: 'nav-skills-courses' },
    { to: '/habilidades/brechas', labelKey: 'skillsInsights.nav.gaps', testId: 'nav-skills-gaps' },
    { to: '/empleo/ferias', labelKey: 'skillsInsights.nav.fairs', testId: 'nav-job-fairs' },
    { to: '/empleo/inclusion', labelKey: 'skillsInsights.nav.inclusion', testId: 'nav-job-inclusion' },
  ];
  if (user) skills.push({ to: '/empleo/perfil', labelKey: 'skills.nav.profile', testId: 'nav-candidate-profile' });
  if (user && isEditor(user)) {
    skills.push(
      { to: '/empleo/publicar', labelKey: 'skills.nav.publish', testId: 'nav-publish-vacancy' },
      { to: '/empleo/mis-vacantes', labelKey: 'skills.nav.mine', testId: 'nav-my-vacancies' },
    );
  }
  // --- end skills

  // Live status: the national view for analysts; maintenance for them and for operators'
  // editors; OCPP charge point provisioning for operators' editors.
  const operations: NavItem[] = [];
  if (admin || analyst) operations.push({ to: '/estado-en-vivo', labelKey: 'live.nav.national', testId: 'nav-live-national' });
  if (user && (admin || analyst || isEditor(user))) operations.push({ to: '/mantenimiento', labelKey: 'live.nav.maintenance', testId: 'nav-maintenance' });
  if (user && (admin || isEditor(user))) operations.push({ to: '/cargadores/puntos-de-carga', labelKey: 'live.nav.chargePoints', testId: 'nav-charge-points' });

  const administration: NavItem[] = [];
  // any signed-in account may import; each import kind checks its own permission
  if (user) administration.push({ to: '/importaciones', labelKey: 'nav.imports', testId: 'nav-imports' });
  if (admin || moderator) administration.push({ to: '/moderacion/duplicados', labelKey: 'chargingDuplicates.nav', testId: 'nav-duplicates' });
  if (admin) administration.push({ to: '/admin', labelKey: 'nav.adminPanel', testId: 'nav-admin' });

  const entries: NavEntry[] = [{ kind: 'link', item: { to: '/', labelKey: 'nav.map', testId: 'nav-map', end: true } }];
  for (const group of [
    { id: 'charging', labelKey: 'nav.groups.charging', items: charging },
    { id: 'suppliers', labelKey: 'suppliers.nav.group', items: suppliers },
    { id: 'skills', labelKey: 'skills.nav.group', items: skills },
    { id: 'operations', labelKey: 'nav.groups.operations', items: operations },
    { id: 'admin', labelKey: 'nav.groups.admin', items: administration },
  ] satisfies NavGroup[]) {
    // A menu of one is a detour: show its only link directly.
    if (group.items.length === 1) entries.push({ kind: 'link', item: group.items[0]! });
    else if (group.items.length > 1) entries.push({ kind: 'group', group });
  }
  return entries;
}

const within = (pathname: string, to: string) => pathname === to || (to !== '/' && pathname.startsWith(`${to}/`));

/**
 * The section holding the current page, marked on its closed menu button. The longest
 * matching link wins, so `/cargadores/puntos-de-carga` belongs to operations, not to the
 * chargers' section of `/cargadores`.
 */
export function currentGroup(entries: NavEntry[], pathname: string): NavGroupId | null {
  let best: { id: NavGroupId | null; length: number } = { id: null, length: -1 };
  for (const entry of entries) {
    const items = entry.kind === 'link' ? [entry.item] : entry.group.items;
    for (const item of items) {
      if (within(pathname, item.to) && item.to.length > best.length) {
        best = { id: entry.kind === 'group' ? entry.group.id : null, length: item.to.length };
      }
    }
  }
  return best.id;
}
