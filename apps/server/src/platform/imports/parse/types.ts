import type { ErrorCode, ImportFormat } from '@electrifica/contracts';
import type { Geometry } from 'geojson';

export interface ColumnSpec {
  /** Accepted header spellings; compared case-, accent-, space/underscore/hyphen-insensitively. */
  aliases: string[];
  required: boolean;
}

export interface ParseOptions {
  /** Used for extension sniffing. */
  filename: string;
  /** If absent, detected from the extension, then from the content. */
  format?: ImportFormat;
  /** Formats the import kind accepts; anything else is IMPORT.UNSUPPORTED_FORMAT. */
  acceptedFormats: readonly ImportFormat[];
  /** Column aliases the kind knows: canonical name → accepted header spellings. */
  columns: Record<string, ColumnSpec>;
  /** Which object of a topology to read (default: the first). */
  topojsonObject?: string;
}

export interface ParsedRecord {
  /**
   * 1-based position in the ORIGINAL file: the CSV line where the row starts, the XLSX row
   * number, the JSON array index + 1, or the feature index + 1.
   */
  rowNumber: number;
  /** Keyed by canonical column name (known columns only). */
  values: Record<string, unknown>;
  /** The other columns, keyed by their header in the file. */
  extra: Record<string, unknown>;
  /** For GeoJSON/TopoJSON features only. */
  geometry?: Geometry | null;
}

export type SkipReason = 'note' | 'blank' | 'footer';

export interface ParsedFile {
  format: ImportFormat;
  encoding: 'utf-8' | 'windows-1252' | 'binary';
  /** Where the header was found (CSV line / XLSX row); null for JSON formats. */
  headerRowNumber: number | null;
  skippedLines: Array<{ rowNumber: number; reason: SkipReason }>;
  /** Headers as found in the file (empty headers become `column_N`, repeated ones get ` (2)`, ` (3)`…). */
  columns: string[];
  /** Canonical column name → header in the file. */
  columnMapping: Record<string, string>;
  records: ParsedRecord[];
  warnings: string[];
}

/** A file whose records are read as they are taken (see `openImportFile`). */
export interface ImportFileStream extends Omit<ParsedFile, 'records'> {
  /** Known before the records are read: at least their number (for progress). */
  expectedRecords: number;
  /**
   * The records in file order, in batches; read once. `skippedLines` and `warnings` are complete
   * when it ends. Throws an ImportFileError when the file turns out unreadable further in.
   */
  batches: AsyncIterable<ParsedRecord[]>;
}

/** A problem with the whole file: nothing in it can be imported until it is fixed. */
export class ImportFileError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'ImportFileError';
    this.code = code;
    this.details = details;
  }
}
