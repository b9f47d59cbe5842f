import type { ImportKind } from '../../../platform/imports/import-kind.js';
import { localitiesImporter } from './localities.importer.js';
import { municipalBoundariesImporter, municipalitiesImporter } from './municipalities.importer.js';
import { stateBoundariesImporter, statesImporter } from './states.importer.js';
import { usStatesImporter } from './us-states.importer.js';

export const geoImportKinds: ImportKind<any>[] = [
  statesImporter,
  stateBoundariesImporter,
  municipalitiesImporter,
  municipalBoundariesImporter,
  localitiesImporter,
  usStatesImporter,
];
