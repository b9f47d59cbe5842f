export const registerPath = '/proveedores/registrar';
export const myPlantsPath = '/proveedores/mis-plantas';
export const myPlantPath = (id: string) => `${myPlantsPath}/${encodeURIComponent(id)}`;
