import { createBrowserRouter, type RouteObject } from 'react-router';
import { Layout } from './Layout';
import { NotFoundPage } from './NotFoundPage';
import { RouteError } from './RouteError';
import { StartupFallback } from './StartupFallback';

/**
 * Paths are Spanish, the product's default language. Pages load on demand, so the map
 * library is fetched only by the pages that draw maps.
 */
export const routes: RouteObject[] = [
  {
    path: '/',
    element: <Layout />,
    errorElement: <RouteError />,
    // Shown while the first page's code loads.
    hydrateFallbackElement: <StartupFallback />,
    children: [
      {
        index: true,
        lazy: () => import('../features/geo/HomePage').then((m) => ({ Component: m.HomePage })),
      },
      {
        path: 'estados/:cveEnt',
        lazy: () => import('../features/geo/StateProfilePage').then((m) => ({ Component: m.StateProfilePage })),
      },
      {
        path: 'municipios/:cvegeo',
        lazy: () =>
          import('../features/geo/MunicipalityProfilePage').then((m) => ({ Component: m.MunicipalityProfilePage })),
      },
      {
        path: 'cargadores',
        lazy: () => import('../features/charging/ChargingPage').then((m) => ({ Component: m.ChargingPage })),
      },
      {
        path: 'cargadores/estadisticas',
        lazy: () => import('../features/charging/StatsPage').then((m) => ({ Component: m.StatsPage })),
      },
      {
        path: 'cargadores/registrar',
        lazy: () => import('../features/charging/registration/RegisterPage').then((m) => ({ Component: m.RegisterPage })),
      },
      {
        path: 'cargadores/mis-cargadores',
        lazy: () => import('../features/charging/registration/MyChargersPage').then((m) => ({ Component: m.MyChargersPage })),
      },
      {
        path: 'cargadores/mis-cargadores/:id',
        lazy: () => import('../features/charging/registration/EditPage').then((m) => ({ Component: m.EditPage })),
      },
      // live status: charge point provisioning
      {
        path: 'cargadores/puntos-de-carga',
        lazy: () => import('../features/live/ChargePointsPage').then((m) => ({ Component: m.ChargePointsPage })),
      },
      {
        path: 'cargadores/:id',
        lazy: () => import('../features/charging/LocationPage').then((m) => ({ Component: m.LocationPage })),
      },
      // uptime per 23 CFR 680.116(b) and its method
      {
        path: 'disponibilidad',
        lazy: () => import('../features/uptime/UptimePage').then((m) => ({ Component: m.UptimePage })),
      },
      {
        path: 'disponibilidad/metodo',
        lazy: () => import('../features/uptime/MethodPage').then((m) => ({ Component: m.MethodPage })),
      },
      {
        path: 'entrar',
        lazy: () => import('../features/accounts/SignInPage').then((m) => ({ Component: m.SignInPage })),
      },
      {
        path: 'registro',
        lazy: () => import('../features/accounts/SignUpPage').then((m) => ({ Component: m.SignUpPage })),
      },
      {
        path: 'cuenta',
        lazy: () => import('../features/accounts/AccountPage').then((m) => ({ Component: m.AccountPage })),
      },
      {
        path: 'importaciones',
        lazy: () => import('../features/imports/ImportsPage').then((m) => ({ Component: m.ImportsPage })),
      },
      {
        path: 'moderacion/duplicados',
        lazy: () => import('../features/charging/duplicates/DuplicatesQueuePage').then((m) => ({ Component: m.DuplicatesQueuePage })),
      },
      {
        path: 'moderacion/duplicados/:id',
        lazy: () => import('../features/charging/duplicates/DuplicatePage').then((m) => ({ Component: m.DuplicatePage })),
      },
      // suppliers: company self-registration, own plants, and the moderation queues (matches and claims)
      {
        path: 'proveedores/registrar',
        lazy: () => import('../features/suppliers/registration/RegisterPage').then((m) => ({ Component: m.RegisterPage })),
      },
      {
        path: 'proveedores/mis-plantas',
        lazy: () => import('../features/suppliers/registration/MyPlantsPage').then((m) => ({ Component: m.MyPlantsPage })),
      },
      {
        path: 'proveedores/mis-plantas/:id',
        lazy: () => import('../features/suppliers/registration/PlantEditPage').then((m) => ({ Component: m.PlantEditPage })),
      },
      {
        path: 'moderacion/proveedores',
        lazy: () => import('../features/suppliers/moderation/MatchesQueuePage').then((m) => ({ Component: m.MatchesQueuePage })),
      },
      {
        path: 'moderacion/proveedores/:id',
        lazy: () => import('../features/suppliers/moderation/MatchPage').then((m) => ({ Component: m.MatchPage })),
      },
      {
        path: 'moderacion/reclamos',
        lazy: () => import('../features/suppliers/moderation/ClaimsQueuePage').then((m) => ({ Component: m.ClaimsQueuePage })),
      },
      // end suppliers registration and moderation
      // suppliers: directory, establishment and company pages, EV catalogue, coverage
      {
        path: 'proveedores',
        lazy: () => import('../features/suppliers/DirectoryPage').then((m) => ({ Component: m.DirectoryPage })),
      },
      {
        path: 'proveedores/catalogo',
        lazy: () => import('../features/suppliers/CataloguePage').then((m) => ({ Component: m.CataloguePage })),
      },
      {
        path: 'proveedores/catalogo/:code',
        lazy: () => import('../features/suppliers/ComponentPage').then((m) => ({ Component: m.ComponentPage })),
      },
      {
        path: 'proveedores/cobertura',
        lazy: () => import('../features/suppliers/CoveragePage').then((m) => ({ Component: m.CoveragePage })),
      },
      {
        path: 'proveedores/empresas/:id',
        lazy: () => import('../features/suppliers/CompanyPage').then((m) => ({ Component: m.CompanyPage })),
      },
      {
        path: 'proveedores/:id',
        lazy: () => import('../features/suppliers/EstablishmentPage').then((m) => ({ Component: m.EstablishmentPage })),
      },
      // end suppliers directory
      // skills: job board (vacancies, publishing, candidate profile), taxonomy and career pathways
      {
        path: 'empleo',
        lazy: () => import('../features/skills/JobBoardPage').then((m) => ({ Component: m.JobBoardPage })),
      },
      {
        path: 'empleo/vacantes/:id',
        lazy: () => import('../features/skills/VacancyPage').then((m) => ({ Component: m.VacancyPage })),
      },
      {
        path: 'empleo/publicar',
        lazy: () => import('../features/skills/VacancyEditorPage').then((m) => ({ Component: m.PublishVacancyPage })),
      },
      {
        path: 'empleo/mis-vacantes',
        lazy: () => import('../features/skills/MyVacanciesPage').then((m) => ({ Component: m.MyVacanciesPage })),
      },
      {
        path: 'empleo/mis-vacantes/:id',
        lazy: () => import('../features/skills/VacancyEditorPage').then((m) => ({ Component: m.EditVacancyPage })),
      },
      {
        path: 'empleo/perfil',
        lazy: () => import('../features/skills/CandidateProfilePage').then((m) => ({ Component: m.CandidateProfilePage })),
      },
      {
        path: 'habilidades',
        lazy: () => import('../features/skills/TaxonomySearchPage').then((m) => ({ Component: m.TaxonomySearchPage })),
      },
      {
        path: 'habilidades/trayectorias',
        lazy: () => import('../features/skills/PathwayPage').then((m) => ({ Component: m.PathwayPage })),
      },
      {
        path: 'habilidades/ocupaciones/:id',
        lazy: () => import('../features/skills/OccupationPage').then((m) => ({ Component: m.OccupationPage })),
      },
      {
        path: 'habilidades/competencias/:id',
        lazy: () => import('../features/skills/SkillPage').then((m) => ({ Component: m.SkillPage })),
      },
      // skills: industry demand, training catalogue, curriculum gaps, job fairs and inclusion indicators
      {
        path: 'habilidades/demanda',
        lazy: () => import('../features/skills/insights/DemandPage').then((m) => ({ Component: m.DemandPage })),
      },
      {
        path: 'habilidades/cursos',
        lazy: () => import('../features/skills/insights/CoursesPage').then((m) => ({ Component: m.CoursesPage })),
      },
      {
        path: 'habilidades/cursos/mis-cursos',
        lazy: () => import('../features/skills/insights/MyCoursesPage').then((m) => ({ Component: m.MyCoursesPage })),
      },
      {
        path: 'habilidades/cursos/:id',
        lazy: () => import('../features/skills/insights/CoursePage').then((m) => ({ Component: m.CoursePage })),
      },
      {
        path: 'habilidades/brechas',
        lazy: () => import('../features/skills/insights/GapsPage').then((m) => ({ Component: m.GapsPage })),
      },
      {
        path: 'empleo/ferias',
        lazy: () => import('../features/skills/insights/FairsPage').then((m) => ({ Component: m.FairsPage })),
      },
      {
        path: 'empleo/ferias/:id',
        lazy: () => import('../features/skills/insights/FairPage').then((m) => ({ Component: m.FairPage })),
      },
      {
        path: 'empleo/inclusion',
        lazy: () => import('../features/skills/insights/InclusionPage').then((m) => ({ Component: m.InclusionPage })),
      },
      // end skills
      {
        path: 'admin',
        lazy: () => import('../features/admin/AdminPage').then((m) => ({ Component: m.AdminPage })),
      },
      // live status: maintenance (operators) and national status (analysts)
      {
        path: 'mantenimiento',
        lazy: () => import('../features/live/MaintenancePage').then((m) => ({ Component: m.MaintenancePage })),
      },
      {
        path: 'estado-en-vivo',
        lazy: () => import('../features/live/NationalStatusPage').then((m) => ({ Component: m.NationalStatusPage })),
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];

export function createAppRouter() {
  return createBrowserRouter(routes);
}
