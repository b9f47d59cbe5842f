/** The skills insights pages (Spanish paths, the product's default language). */
export const demandPath = '/habilidades/demanda';
export const coursesPath = '/habilidades/cursos';
export const myCoursesPath = '/habilidades/cursos/mis-cursos';
export const gapsPath = '/habilidades/brechas';
export const fairsPath = '/empleo/ferias';
export const inclusionPath = '/empleo/inclusion';

export const coursePath = (id: string) => `/habilidades/cursos/${encodeURIComponent(id)}`;
export const fairPath = (id: string) => `/empleo/ferias/${encodeURIComponent(id)}`;
