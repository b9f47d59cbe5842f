import { describe, expect, it } from 'vitest';
import type { Membership, SessionUser } from '../api/types';
import { currentGroup, navigationFor, type NavEntry } from './navigation';

const user = (role: SessionUser['role'], memberships: Membership[] = []): SessionUser => ({
  id: 'u1',
  email: 'persona@example.mx',
  displayName: 'Persona',
  role,
  memberships,
});
const editor = user('member', [{ organisationId: 'o1', organisationName: 'Operador', role: 'editor' }]);

/** Top-level entries as `label` or `group: item, item`, by test id, to compare whole menus at a glance. */
const outline = (entries: NavEntry[]) =>
  entries.map((e) => (e.kind === 'link' ? e.item.testId : `${e.group.id}: ${e.group.items.map((i) => i.testId).join(', ')}`));

describe('navigationFor', () => {
  it('offers the public pages to anonymous visitors, uptime among them', () => {
    expect(outline(navigationFor(null))).toEqual([
      'nav-map',
      'charging: nav-charging, nav-charging-stats, nav-uptime',
      'suppliers: nav-suppliers, nav-suppliers-catalogue, nav-suppliers-coverage',
      'skills: nav-jobs, nav-skills-taxonomy, nav-skills-pathways, nav-skills-demand, nav-skills-courses, nav-skills-gaps, nav-job-fairs, nav-job-inclusion',
    ]);
  });

  it('adds registering chargers and a direct imports link (a menu of one is a link) for members', () => {
    expect(outline(navigationFor(user('member')))).toEqual([
      'nav-map',
      'charging: nav-charging, nav-charging-stats, nav-uptime, nav-register-charger, nav-my-chargers',
      'suppliers: nav-suppliers, nav-suppliers-catalogue, nav-suppliers-coverage, nav-register-supplier, nav-my-plants',
      'skills: nav-jobs, nav-skills-taxonomy, nav-skills-pathways, nav-skills-demand, nav-skills-courses, nav-skills-gaps, nav-job-fairs, nav-job-inclusion, nav-candidate-profile',
      'nav-imports',
    ]);
  });

  it("gives operators' editors maintenance and OCPP charge points", () => {
    expect(outline(navigationFor(editor))).toContain('operations: nav-maintenance, nav-charge-points');
  });

  it("gives organisations' editors posting and managing vacancies, next to their own candidate profile", () => {
    expect(outline(navigationFor(editor))).toContain('skills: nav-jobs, nav-skills-taxonomy, nav-skills-pathways, nav-skills-demand, nav-skills-courses, nav-skills-gaps, nav-job-fairs, nav-job-inclusion, nav-candidate-profile, nav-publish-vacancy, nav-my-vacancies');
  });

  it('gives analysts the national live status and maintenance, not provisioning', () => {
    expect(outline(navigationFor(user('analyst')))).toContain('operations: nav-live-national, nav-maintenance');
  });

  it('gives moderators the duplicates queue', () => {
    expect(outline(navigationFor(user('moderator')))).toContain('admin: nav-imports, nav-duplicates');
  });

  it('gives moderators the suppliers matches and claims queues, next to registering a company', () => {
    expect(outline(navigationFor(user('moderator')))).toContain(
      'suppliers: nav-suppliers, nav-suppliers-catalogue, nav-suppliers-coverage, nav-register-supplier, nav-my-plants, nav-supplier-matches, nav-supplier-claims',
    );
  });

  it('fits everything an admin sees in the map link and five sections', () => {
    expect(outline(navigationFor(user('admin')))).toEqual([
      'nav-map',
      'charging: nav-charging, nav-charging-stats, nav-uptime, nav-register-charger, nav-my-chargers',
      'suppliers: nav-suppliers, nav-suppliers-catalogue, nav-suppliers-coverage, nav-register-supplier, nav-my-plants, nav-supplier-matches, nav-supplier-claims',
      'skills: nav-jobs, nav-skills-taxonomy, nav-skills-pathways, nav-skills-demand, nav-skills-courses, nav-skills-gaps, nav-job-fairs, nav-job-inclusion, nav-candidate-profile',
      'operations: nav-live-national, nav-maintenance, nav-charge-points',
      'admin: nav-imports, nav-duplicates, nav-admin',
    ]);
  });

  it('keeps test ids unique', () => {
    const ids = navigationFor(user('admin')).flatMap((e) => (e.kind === 'link' ? [e.item.testId] : e.group.items.map((i) => i.testId)));
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('currentGroup', () => {
  const admin = navigationFor(user('admin'));

  it('marks the section of the current page, also on pages below a link', () => {
    expect(currentGroup(admin, '/cargadores')).toBe('charging');
    expect(currentGroup(admin, '/cargadores/0b7e1c1e-location')).toBe('charging');
    expect(currentGroup(admin, '/disponibilidad/metodo')).toBe('charging');
    expect(currentGroup(admin, '/moderacion/duplicados/42')).toBe('admin');
    expect(currentGroup(admin, '/proveedores/0b7e1c1e-plant')).toBe('suppliers');
    expect(currentGroup(admin, '/proveedores/catalogo/battery_cell')).toBe('suppliers');
    expect(currentGroup(admin, '/proveedores/mis-plantas/0b7e1c1e-plant')).toBe('suppliers');
    expect(currentGroup(admin, '/moderacion/proveedores/0b7e1c1e-pair')).toBe('suppliers');
    expect(currentGroup(admin, '/empleo/vacantes/0b7e1c1e-vacancy')).toBe('skills');
    expect(currentGroup(admin, '/habilidades/ocupaciones/esco%3Aabc')).toBe('skills');
    expect(currentGroup(admin, '/habilidades/trayectorias')).toBe('skills');
    expect(currentGroup(admin, '/empleo/ferias/0b7e1c1e-fair')).toBe('skills');
    expect(currentGroup(admin, '/habilidades/cursos/mis-cursos')).toBe('skills');
  });

  it('prefers the longest matching link', () => {
    expect(currentGroup(admin, '/cargadores/puntos-de-carga')).toBe('operations');
  });

  it('marks no section on the map, on pages outside the menus, or on look-alike paths', () => {
    expect(currentGroup(admin, '/')).toBeNull();
    expect(currentGroup(admin, '/estados/19')).toBeNull();
    expect(currentGroup(admin, '/cuenta')).toBeNull();
    expect(currentGroup(admin, '/administracion')).toBeNull();
  });
});
