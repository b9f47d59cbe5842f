export const importStatuses = ['queued', 'parsing', 'validating', 'merging', 'completed', 'rejected', 'failed'] as const;
export type ImportStatus = (typeof importStatuses)[number];

export const importFormats = ['csv', 'xlsx', 'json', 'geojson', 'topojson'] as const;
export type ImportFormat = (typeof importFormats)[number];

export interface ImportCounts {
  totalRows: number;
  processedRows: number;
  newRows: number;
  updatedRows: number;
  unchangedRows: number;
  rejectedRows: number;
}

/** Text shown to people in both product languages. */
export interface LocalizedText {
  es: string;
  en: string;
}
