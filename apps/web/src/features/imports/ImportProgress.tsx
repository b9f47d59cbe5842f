import { useTranslation } from 'react-i18next';
import type { ImportRun } from '../../api/types';
import { formatInteger, formatPercent } from '../../i18n/format';
import { isTerminal, progressFraction } from './progress';

export function ImportProgress({ run }: { run: ImportRun }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const fraction = progressFraction(run);
  const max = run.totalRows > 0 ? run.totalRows : 1;
  const value = run.totalRows > 0 ? Math.min(run.processedRows, run.totalRows) : fraction === 1 ? 1 : undefined;
  return (
    <div className="import-progress">
      <label htmlFor={`import-progress-${run.id}`} className="field__label">
        {t('imports.progressLabel', { filename: run.filename })}
      </label>
      <progress
        id={`import-progress-${run.id}`}
        data-testid="import-progress"
        data-status={run.status}
        max={max}
        value={value}
        aria-valuetext={
          fraction == null
            ? t('imports.progressUnknown')
            : t('imports.progressValue', {
                processed: formatInteger(run.processedRows, lang),
                total: formatInteger(run.totalRows, lang),
              })
        }
      />
      <p className="import-progress__text" role="status" aria-live="polite" data-testid="import-status">
        <span className={`status-pill status-pill--${run.status}`}>{t(`imports.status.${run.status}`)}</span>{' '}
        {run.totalRows > 0
          ? t('imports.rowsProcessed', {
              processed: formatInteger(run.processedRows, lang),
              total: formatInteger(run.totalRows, lang),
              percent: formatPercent(fraction, lang),
            })
          : // A file rejected as a whole ends with no rows read: it is no longer "reading the file".
            isTerminal(run.status)
            ? null
            : t('imports.rowsCounting')}
      </p>
    </div>
  );
}
