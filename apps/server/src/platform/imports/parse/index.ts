export { excelSerialToIsoDate, ImportFileError, openImportFile, parseImportFile } from './parse.js';
export type { ColumnSpec, ImportFileStream, ParsedFile, ParsedRecord, ParseOptions, SkipReason } from './parse.js';
