import { useTranslation } from 'react-i18next';
import type { ImportRun } from '../../api/types';
import { translateDynamic } from '../../i18n/dynamic';
import { formatBytes, formatDateTime, formatInteger } from '../../i18n/format';
import { Fact, FactList } from '../../ui/Facts';
import { RejectionsTable } from './RejectionsTable';

export function ImportReport({ run, kindTitle }: { run: ImportRun; kindTitle?: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const counts: Array<[string, number, string]> = [
    [t('imports.report.new'), run.newRows, 'new'],
    [t('imports.report.updated'), run.updatedRows, 'updated'],
    [t('imports.report.unchanged'), run.unchangedRows, 'unchanged'],
    [t('imports.report.rejected'), run.rejectedRows, 'rejected'],
  ];
  return (
    <section className="report" data-testid="import-report" data-status={run.status} aria-labelledby={`report-${run.id}`}>
      <h2 id={`report-${run.id}`} tabIndex={-1}>
        {t('imports.report.title')}: {run.filename}
      </h2>
      <p className={`status-pill status-pill--${run.status}`}>{t(`imports.status.${run.status}`)}</p>
      <FactList compact>
        <Fact label={t('imports.kind')}>{kindTitle ?? run.kind}</Fact>
        <Fact label={t('imports.form.strict')}>{run.strict ? t('common.yes') : t('common.no')}</Fact>
        <Fact label={t('imports.report.size')}>{formatBytes(run.sizeBytes, lang)}</Fact>
        <Fact label={t('imports.report.started')}>{formatDateTime(run.createdAt, lang)}</Fact>
        <Fact label={t('imports.report.finished')}>{formatDateTime(run.finishedAt, lang)}</Fact>
        <Fact label={t('imports.report.totalRows')}>{formatInteger(run.totalRows, lang)}</Fact>
        <Fact label="SHA-256">
          <code className="break">{run.sha256}</code>
        </Fact>
      </FactList>

      <ul className="counts" aria-label={t('imports.report.countsLabel')}>
        {counts.map(([label, value, key]) => (
          <li key={key} className={`count count--${key}`} data-testid={`import-count-${key}`}>
            <span className="count__value">{formatInteger(value, lang)}</span>
            <span className="count__label">{label}</span>
          </li>
        ))}
      </ul>

      {run.fileError ? (
        <div className="alert alert--error" role="alert" data-testid="import-file-error">
          <p className="alert__title">
            {t('imports.report.fileRejected')}: {translateDynamic(t, `errors.${run.fileError.code}`, run.fileError.code)}
          </p>
          <p>{run.fileError.message}</p>
          <p className="alert__code">
            {t('errors.codeLabel')}: <code>{run.fileError.code}</code>
          </p>
        </div>
      ) : null}

      {run.status === 'failed' && !run.fileError ? (
        <div className="alert alert--error" role="alert">
          <p className="alert__title">{t('imports.report.failed')}</p>
        </div>
      ) : null}

      {run.warnings.length > 0 ? (
        <div className="alert alert--warning" data-testid="import-warnings">
          <p className="alert__title">{t('imports.report.warnings')}</p>
          <ul>
            {run.warnings.map((w, i) => (
              <li key={i}>{w}</li>
            ))}
          </ul>
        </div>
      ) : null}

      {run.rejectedRows > 0 || run.status === 'rejected' ? <RejectionsTable importId={run.id} /> : null}
    </section>
  );
}
