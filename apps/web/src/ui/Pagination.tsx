import { useTranslation } from 'react-i18next';
import { formatInteger } from '../i18n/format';
import { pageInfo } from './pagination';

interface Props {
  total: number;
  limit: number;
  offset: number;
  onChange: (offset: number) => void;
  /** Names what is paged, for screen readers ("Municipalities pages"). */
  label: string;
}

export function Pagination({ total, limit, offset, onChange, label }: Props) {
  const { t, i18n } = useTranslation();
  const info = pageInfo(total, limit, offset);
  const lang = i18n.language;
  return (
    <nav className="pagination" aria-label={label}>
      <button
        type="button"
        className="button button--secondary"
        disabled={!info.hasPrevious}
        onClick={() => onChange(Math.max(0, offset - limit))}
      >
        {t('pagination.previous')}
      </button>
      <p className="pagination__info" aria-live="polite">
        {t('pagination.summary', {
          from: formatInteger(info.from, lang),
          to: formatInteger(info.to, lang),
          total: formatInteger(total, lang),
          page: formatInteger(info.page, lang),
          pages: formatInteger(info.pageCount, lang),
        })}
      </p>
      <button
        type="button"
        className="button button--secondary"
        disabled={!info.hasNext}
        onClick={() => onChange(offset + limit)}
      >
        {t('pagination.next')}
      </button>
    </nav>
  );
}
