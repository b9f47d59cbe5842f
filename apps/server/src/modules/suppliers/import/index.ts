import type { ImportKind } from '../../../platform/imports/import-kind.js';
import { createDenueImporter } from './denue.importer.js';
import { createEstablishmentMerge, type ImportedEstablishment, type MatchEstablishments } from './establishment-merge.js';
import { createRetcImporter } from './retc.importer.js';
import type { ScianLookup } from './scian.js';
import { createTemplateImporter } from './template.importer.js';

export { loadScian, scianCataloguePath, type ScianLookup } from './scian.js';
export type { ImportedEstablishment, MatchEstablishments } from './establishment-merge.js';

/**
 * The supplier import kinds — `suppliers.denue`, `suppliers.retc`, `suppliers.template` —
 * sharing one merge. `match` (the cross-source matcher) is called with the establishments
 * each import created or changed, inside the import's transaction.
 */
export function createSupplierImportKinds(deps: { scian: ScianLookup; match?: MatchEstablishments }): ImportKind<ImportedEstablishment>[] {
  const merge = createEstablishmentMerge(deps);
  return [
    createDenueImporter({ scian: deps.scian, merge }),
    createRetcImporter({ scian: deps.scian, merge }),
    createTemplateImporter({ scian: deps.scian, merge }),
  ];
}
