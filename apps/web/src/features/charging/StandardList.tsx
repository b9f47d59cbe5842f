import { useTranslation } from 'react-i18next';
import { standardLabel } from './labels';
import { unknownStandard } from './types';

/** Connector standards as short tags; an unrecognised one is marked as such. */
export function StandardList({ standards }: { standards: string[] }) {
  const { t } = useTranslation();
  if (standards.length === 0) return <span className="muted">{t('charging.notGiven')}</span>;
  return (
    <ul className="tags">
      {standards.map((s) => (
        <li key={s} className={s === unknownStandard ? 'tag tag--warning' : 'tag'}>
          {standardLabel(t, s)}
        </li>
      ))}
    </ul>
  );
}
