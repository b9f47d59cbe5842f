/**
 * The catalogue curation form's pure rules: reading HS codes typed as text, checking the
 * form, and the body of POST/PATCH components (only what changed, for PATCH).
 */
import type { CatalogueComponent, ComponentInput } from './types';

export interface CurationForm {
  code: string;
  group: string;
  nameEs: string;
  nameEn: string;
  descriptionEs: string;
  descriptionEn: string;
  evSpecific: boolean;
  hsCodes: string;
  retired: boolean;
}

export type CurationErrors = Partial<Record<keyof CurationForm, { key: 'required' | 'codeInvalid' | 'hsInvalid'; codes?: string }>>;

export const emptyCurationForm: CurationForm = {
  code: '', group: '', nameEs: '', nameEn: '', descriptionEs: '', descriptionEn: '', evSpecific: true, hsCodes: '', retired: false,
};

/** HS 2022 heading (4 digits), subheading (6) or a national tariff line, written with dots. */
const hsPattern = /^[0-9]{4}(\.[0-9]{2}(\.[0-9]{2,4})?)?$/;
export const componentCodePattern = /^[a-z][a-z0-9_]{1,59}$/;

/** "8507.60, 8507.90 8544" → codes in order without repeats, and the pieces that are not codes. */
export function parseHsCodes(text: string): { codes: string[]; invalid: string[] } {
  const pieces = text.split(/[\s,;]+/).map((p) => p.trim()).filter(Boolean);
  const codes: string[] = [];
  const invalid: string[] = [];
  for (const piece of pieces) {
    // "850760" is the same subheading as "8507.60".
    const dotted = /^[0-9]{6}$/.test(piece) ? `${piece.slice(0, 4)}.${piece.slice(4)}` : piece;
    if (hsPattern.test(dotted)) {
      if (!codes.includes(dotted)) codes.push(dotted);
    } else invalid.push(piece);
  }
  return { codes, invalid };
}

export function formOf(c: CatalogueComponent): CurationForm {
  return {
    code: c.code,
    group: c.group,
    nameEs: c.nameEs,
    nameEn: c.nameEn,
    descriptionEs: c.descriptionEs ?? '',
    descriptionEn: c.descriptionEn ?? '',
    evSpecific: c.evSpecific,
    hsCodes: c.hsCodes.join(', '),
    retired: c.retired,
  };
}

export function validateCuration(form: CurationForm, creating: boolean): CurationErrors {
  const errors: CurationErrors = {};
  if (creating && !componentCodePattern.test(form.code.trim())) errors.code = { key: form.code.trim() ? 'codeInvalid' : 'required' };
  if (!form.group) errors.group = { key: 'required' };
  if (!form.nameEs.trim()) errors.nameEs = { key: 'required' };
  if (!form.nameEn.trim()) errors.nameEn = { key: 'required' };
  const { invalid } = parseHsCodes(form.hsCodes);
  if (invalid.length > 0) errors.hsCodes = { key: 'hsInvalid', codes: invalid.join(', ') };
  return errors;
}

const orNull = (text: string) => (text.trim() ? text.trim() : null);

/** The body of POST components (everything) or PATCH components/{code} (what changed). */
export function curationBody(form: CurationForm, original: CatalogueComponent | null): ComponentInput {
  const full: ComponentInput = {
    group: form.group,
    nameEs: form.nameEs.trim(),
    nameEn: form.nameEn.trim(),
    descriptionEs: orNull(form.descriptionEs),
    descriptionEn: orNull(form.descriptionEn),
    evSpecific: form.evSpecific,
    hsCodes: parseHsCodes(form.hsCodes).codes,
  };
  if (!original) return { code: form.code.trim(), ...full, retired: form.retired };
  const changed: ComponentInput = {};
  if (full.group !== original.group) changed.group = full.group;
  if (full.nameEs !== original.nameEs) changed.nameEs = full.nameEs;
  if (full.nameEn !== original.nameEn) changed.nameEn = full.nameEn;
  if (full.descriptionEs !== (original.descriptionEs ?? null)) changed.descriptionEs = full.descriptionEs;
  if (full.descriptionEn !== (original.descriptionEn ?? null)) changed.descriptionEn = full.descriptionEn;
  if (full.evSpecific !== original.evSpecific) changed.evSpecific = full.evSpecific;
  if (full.hsCodes!.join() !== original.hsCodes.join()) changed.hsCodes = full.hsCodes;
  if (form.retired !== original.retired) changed.retired = form.retired;
  return changed;
}
