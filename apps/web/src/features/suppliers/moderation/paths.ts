export const matchesPath = '/moderacion/proveedores';
export const matchPath = (id: string) => `${matchesPath}/${encodeURIComponent(id)}`;
export const claimsPath = '/moderacion/reclamos';
