import chardet from 'chardet';
import iconv from 'iconv-lite';
import { ImportFileError } from './types.js';

/** What the first bytes say the file is, when they say anything. */
export type Container =
  | 'zip'
  | 'ole2'
  | 'pdf'
  | 'png'
  | 'jpeg'
  | 'gif'
  | 'gzip'
  | '7z'
  | 'rar'
  | 'utf-32le'
  | 'utf-32be'
  | 'utf-16le'
  | 'utf-16be';

const containerDescriptions: Record<Container, string> = {
  zip: 'a ZIP archive',
  ole2: 'a legacy Office document (Excel 97-2003 .xls, or a password-protected workbook)',
  pdf: 'a PDF document',
  png: 'a PNG image',
  jpeg: 'a JPEG image',
  gif: 'a GIF image',
  gzip: 'a gzip-compressed file',
  '7z': 'a 7-Zip archive',
  rar: 'a RAR archive',
  'utf-32le': 'UTF-32 text',
  'utf-32be': 'UTF-32 text',
  'utf-16le': 'UTF-16 text (what Excel calls "Unicode Text")',
  'utf-16be': 'UTF-16 text',
};

export function describeContainer(container: Container): string {
  return containerDescriptions[container];
}

function startsWith(buf: Uint8Array, ...bytes: number[]): boolean {
  if (buf.length < bytes.length) return false;
  return bytes.every((b, i) => buf[i] === b);
}

/** Identifies binary containers and UTF-16/32 text from their signature (or, for BOM-less UTF-16, NUL layout). */
export function sniffContainer(buf: Uint8Array): Container | null {
  if (startsWith(buf, 0x50, 0x4b, 0x03, 0x04) || startsWith(buf, 0x50, 0x4b, 0x05, 0x06)) return 'zip';
  if (startsWith(buf, 0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1)) return 'ole2';
  if (startsWith(buf, 0x25, 0x50, 0x44, 0x46)) return 'pdf';
  if (startsWith(buf, 0x89, 0x50, 0x4e, 0x47)) return 'png';
  if (startsWith(buf, 0xff, 0xd8, 0xff)) return 'jpeg';
  if (startsWith(buf, 0x47, 0x49, 0x46, 0x38)) return 'gif';
  if (startsWith(buf, 0x1f, 0x8b)) return 'gzip';
  if (startsWith(buf, 0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c)) return '7z';
  if (startsWith(buf, 0x52, 0x61, 0x72, 0x21)) return 'rar';
  if (startsWith(buf, 0xff, 0xfe, 0x00, 0x00)) return 'utf-32le';
  if (startsWith(buf, 0x00, 0x00, 0xfe, 0xff)) return 'utf-32be';
  if (startsWith(buf, 0xff, 0xfe)) return 'utf-16le';
  if (startsWith(buf, 0xfe, 0xff)) return 'utf-16be';
  return sniffBomlessUtf16(buf);
}

/** ASCII text saved as UTF-16 without a BOM has a NUL in every other byte. */
function sniffBomlessUtf16(buf: Uint8Array): Container | null {
  const n = Math.min(buf.length, 4096) & ~1;
  if (n < 8) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (buf[i] === 0) evenNul++;
    if (buf[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  if (oddNul > pairs * 0.6 && evenNul < pairs * 0.1) return 'utf-16le';
  if (evenNul > pairs * 0.6 && oddNul < pairs * 0.1) return 'utf-16be';
  return null;
}

export type ZipKind = 'xlsx' | 'ods' | 'shapefile' | 'other';

/** Entry names are stored uncompressed in a ZIP, so the archive's kind can be read from them directly. */
export function classifyZip(buf: Buffer): ZipKind {
  if (buf.indexOf('mimetypeapplication/vnd.oasis.opendocument.spreadsheet', 0, 'latin1') !== -1) return 'ods';
  for (const marker of ['xl/workbook.xml', 'xl/worksheets/', 'xl/_rels/', 'xl/sharedStrings.xml']) {
    if (buf.indexOf(marker, 0, 'latin1') !== -1) return 'xlsx';
  }
  if (/\.shp[^a-z]/i.test(buf.subarray(0, Math.min(buf.length, 1 << 20)).toString('latin1'))) return 'shapefile';
  if (buf.length > 1 << 20 && /\.shp[^a-z]/i.test(buf.subarray(buf.length - (1 << 16)).toString('latin1'))) {
    return 'shapefile';
  }
  return 'other';
}

export interface DecodedText {
  text: string;
  encoding: 'utf-8' | 'windows-1252';
  warnings: string[];
}

/** Encodings that show the file is not in a Latin script; a Windows-1252 reading of them is garbage. */
const nonLatinGuess = /^(utf-16|utf-32|shift_jis|euc-|iso-2022|big5|gb|windows-125[013-8]|iso-8859-[5-8]|koi8)/i;

/** 1-based line and column of a character index, for messages that point into a file. */
export function lineAndColumn(text: string, index: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: index - lineStart + 1 };
}

function excerptAround(text: string, index: number): string {
  const start = Math.max(0, index - 20);
  return text.slice(start, index + 20).replace(/\s+/g, ' ').trim();
}

/**
 * Turns bytes into text: strips a UTF-8 BOM, reads strict UTF-8, and otherwise falls back to
 * Windows-1252 (a superset of Latin-1 in practice) with a warning. Anything that still is not
 * plausible text is an IMPORT.BAD_ENCODING error that says what was found.
 * `fixHint` finishes the error messages ("save the file as UTF-8 CSV", …).
 */
export function decodeText(buf: Buffer, fixHint: string): DecodedText {
  const warnings: string[] = [];
  const container = sniffContainer(buf);
  if (container !== null) {
    throw new ImportFileError(
      'IMPORT.BAD_ENCODING',
      `The file is ${describeContainer(container)}, not UTF-8 or Latin-1 text. To fix it, ${fixHint}.`,
      { found: container },
    );
  }

  const hasBom = startsWith(buf, 0xef, 0xbb, 0xbf);
  const body = hasBom ? buf.subarray(3) : buf;

  const nul = body.indexOf(0);
  if (nul !== -1) {
    throw new ImportFileError(
      'IMPORT.BAD_ENCODING',
      `The file contains binary data (a NUL byte at byte ${nul + (hasBom ? 3 : 0)}), so it is not a text file. ` +
        `It may be a spreadsheet, image or archive with the wrong name. To fix it, ${fixHint}.`,
      { found: 'binary', byteOffset: nul + (hasBom ? 3 : 0), guess: chardet.detect(body.subarray(0, 65536)) },
    );
  }

  let text: string;
  let encoding: DecodedText['encoding'];
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body);
    encoding = 'utf-8';
  } catch {
    if (hasBom) {
      const lossy = new TextDecoder('utf-8', { ignoreBOM: true }).decode(body);
      const at = lossy.indexOf('\uFFFD');
      const { line, column } = lineAndColumn(lossy, at);
      throw new ImportFileError(
        'IMPORT.BAD_ENCODING',
        `The file starts with a UTF-8 byte-order mark but has bytes that are not valid UTF-8 at line ${line}, column ${column}` +
          ` (near "${excerptAround(lossy, at)}"): it mixes two encodings, for example data pasted from a Latin-1 file. ` +
          `To fix it, ${fixHint}.`,
        { found: 'mixed-encodings', line, column },
      );
    }
    text = iconv.decode(body, 'windows-1252');
    encoding = 'windows-1252';
    let warning = 'Decoded as Windows-1252 (not valid UTF-8)';
    const guess = chardet.detect(body.subarray(0, 65536));
    if (guess !== null && nonLatinGuess.test(guess)) {
      warning += `; the bytes look more like ${guess}, so check that accented letters came out right`;
    }
    warnings.push(`${warning}.`);
  }

  // Control characters other than tab/newline/carriage return/form feed do not occur in data files.
  const sample = text.slice(0, 65536);
  const controls = sample.match(/[\u0001-\u0008\u000B\u000E-\u001F\u007F]/g)?.length ?? 0;
  if (controls > Math.max(8, sample.length * 0.01)) {
    throw new ImportFileError(
      'IMPORT.BAD_ENCODING',
      `The file looks like binary data, not text (${controls} control characters in its first ${sample.length} characters). ` +
        `To fix it, ${fixHint}.`,
      { found: 'binary', controlCharacters: controls },
    );
  }

  const replacement = text.indexOf('\uFFFD');
  if (replacement !== -1) {
    const { line, column } = lineAndColumn(text, replacement);
    const near = excerptAround(text, replacement);
    throw new ImportFileError(
      'IMPORT.BAD_ENCODING',
      encoding === 'utf-8'
        ? `The file contains the replacement character "\uFFFD" at line ${line}, column ${column} (near "${near}"): ` +
            `characters were already lost when the file was saved or converted with the wrong encoding. ` +
            `Export the data again from its source and ${fixHint}; editing this copy cannot bring the lost letters back.`
        : `The file is neither valid UTF-8 nor Windows-1252/Latin-1 text (undecodable byte at line ${line}, column ${column}, ` +
            `near "${near}"). To fix it, ${fixHint}.`,
      { found: 'replacement-character', line, column },
    );
  }

  return { text, encoding, warnings };
}
