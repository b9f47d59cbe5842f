export const uptimePath = '/disponibilidad';
export const uptimeMethodPath = '/disponibilidad/metodo';
