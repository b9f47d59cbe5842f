import { useTranslation } from 'react-i18next';
import { translateDynamic } from '../../i18n/dynamic';
import { noteCodesToShow } from './notes';

interface Props {
  hasBoundary: boolean;
  notes: string[];
}

/**
 * The caveats of a municipality's geography. A municipality missing from the 2010
 * boundary set always gets the visible warning, whatever codes the API sends.
 */
export function BoundaryNotes({ hasBoundary, notes }: Props) {
  const { t } = useTranslation();
  const codes = noteCodesToShow(hasBoundary, notes);
  if (codes.length === 0) return null;
  return (
    <div className="alert alert--warning" role="note" data-testid="boundary-notes">
      <p className="alert__title">{t('geo.notesTitle')}</p>
      <ul>
        {codes.map((code) => (
          <li key={code} data-note-code={code}>
            {translateDynamic(t, `geo.notes.${code}`, t('geo.noteUnknown', { code }))}
          </li>
        ))}
      </ul>
    </div>
  );
}
