import { useMemo } from 'react';
import { RouterProvider } from 'react-router';
import { SessionProvider } from '../features/accounts/session';
import { createAppRouter } from './router';

export function App() {
  const router = useMemo(() => createAppRouter(), []);
  return (
    <SessionProvider>
      <RouterProvider router={router} />
    </SessionProvider>
  );
}
