export { excelSerialToIsoDate, ImportFileError, parseImportFile } from './parse.js';
export type { ColumnSpec, ParsedFile, ParsedRecord, ParseOptions, SkipReason } from './parse.js';
