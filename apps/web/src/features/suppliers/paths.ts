export const directoryPath = '/proveedores';
export const cataloguePath = '/proveedores/catalogo';
export const coveragePath = '/proveedores/cobertura';
export const establishmentPath = (id: string) => `/proveedores/${encodeURIComponent(id)}`;
export const companyPath = (id: string) => `/proveedores/empresas/${encodeURIComponent(id)}`;
export const componentPath = (code: string) => `/proveedores/catalogo/${encodeURIComponent(code)}`;

/** The directory filtered on one facet value (links from the catalogue and the coverage tables). */
export const directoryFilteredPath = (key: string, value: string) =>
  `${directoryPath}?${new URLSearchParams({ [key]: value }).toString()}`;

/** Establishment and company ids are UUIDs; anything else cannot be one. */
export function isUuid(id: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);
}
