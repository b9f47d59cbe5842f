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
