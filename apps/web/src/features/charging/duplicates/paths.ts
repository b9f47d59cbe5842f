export const duplicatesPath = '/moderacion/duplicados';
export const duplicatePath = (id: string) => `${duplicatesPath}/${encodeURIComponent(id)}`;
