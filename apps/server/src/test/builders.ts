/** Test-data builders: small, explicit files made in code (never copied fixtures). */

export interface LocalityFields {
  cvegeo: string;
  nom_localidad: string;
  ambito: string;
  poblacion_total: string | number;
  latitud: string | number;
  longitud: string | number;
  altitud: string | number;
}

/** A locality row shaped like INEGI's ITER export; defaults to a real place (Querétaro city). */
export function aLocality(fields: Partial<LocalityFields> = {}): LocalityFields {
  return {
    cvegeo: '220140001',
    nom_localidad: 'Santiago de Querétaro',
    ambito: 'U',
    poblacion_total: 1049777,
    latitud: 20.5888,
    longitud: -100.3899,
    altitud: 1820,
    ...fields,
  };
}

export function localitiesCsv(rows: LocalityFields[], options: { noteLines?: string[]; separator?: string } = {}): string {
  const sep = options.separator ?? ',';
  const header = ['cvegeo', 'nom_localidad', 'ambito', 'poblacion_total', 'latitud', 'longitud', 'altitud'];
  const quote = (v: unknown) => {
    const t = String(v);
    return /[",;\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
  };
  const lines = [
    ...(options.noteLines ?? []),
    header.join(sep),
    ...rows.map((r) => header.map((h) => quote(r[h as keyof LocalityFields])).join(sep)),
  ];
  return `${lines.join('\n')}\n`;
}

let counter = 0;
/** A unique, valid, synthetic locality code in the given municipality. */
export function syntheticLocalityCode(cvegeoMun = '22014'): string {
  counter += 1;
  return `${cvegeoMun}${String(9000 + (counter % 999)).padStart(4, '0')}`;
}

/** Builds a multipart/form-data body for app.inject (no extra dependency needed). */
export function multipart(fields: Record<string, string>, file?: { name: string; content: Uint8Array | string; type?: string }) {
  const boundary = `----electrifica${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  if (file) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`));
    parts.push(typeof file.content === 'string' ? Buffer.from(file.content) : Buffer.from(file.content));
    parts.push(Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
