import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { translateDynamic } from '../../i18n/dynamic';
import { formatInteger } from '../../i18n/format';
import { Pagination } from '../../ui/Pagination';
import { ErrorMessage, Loading } from '../../ui/Status';
import { useAsyncData } from '../../ui/useAsyncData';
import { listRejections } from './api';
import { rawEntries } from './progress';

const pageSize = 20;

export function RejectionsTable({ importId }: { importId: string }) {
  const { t, i18n } = useTranslation();
  const [offset, setOffset] = useState(0);
  const page = useAsyncData((signal) => listRejections(importId, { limit: pageSize, offset }, signal), [importId, offset]);

  return (
    <section aria-labelledby={`rejections-${importId}`}>
      <h3 id={`rejections-${importId}`}>{t('imports.report.rejectedRows')}</h3>
      {page.error ? <ErrorMessage error={page.error} onRetry={page.reload} /> : null}
      {page.loading && !page.data ? <Loading /> : null}
      {page.data ? (
        page.data.total === 0 ? (
          <p className="muted">{t('imports.report.noRejections')}</p>
        ) : (
          <>
            <div className="table-wrap" aria-busy={page.loading}>
              <table className="table" data-testid="import-rejections">
                <caption className="visually-hidden">{t('imports.report.rejectedRows')}</caption>
                <thead>
                  <tr>
                    <th scope="col" className="num">
                      {t('imports.report.rowNumber')}
                    </th>
                    <th scope="col">{t('imports.report.code')}</th>
                    <th scope="col">{t('imports.report.message')}</th>
                    <th scope="col">{t('imports.report.raw')}</th>
                  </tr>
                </thead>
                <tbody>
                  {page.data.items.map((r, index) => (
                    <tr key={`${r.rowNumber}-${r.code}-${index}`}>
                      <th scope="row" className="num">
                        {formatInteger(r.rowNumber, i18n.language)}
                      </th>
                      <td>
                        <code>{r.code}</code>
                        <div className="muted small">{translateDynamic(t, `errors.${r.code}`, '')}</div>
                      </td>
                      <td>{r.message}</td>
                      <td>
                        <dl className="raw">
                          {rawEntries(r.raw).map(([key, value], i) => (
                            <div key={`${key}-${i}`}>
                              {key ? <dt>{key}</dt> : null}
                              <dd>{value === '' ? <span className="muted">{t('imports.report.empty')}</span> : value}</dd>
                            </div>
                          ))}
                        </dl>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <Pagination
              total={page.data.total}
              limit={pageSize}
              offset={offset}
              onChange={setOffset}
              label={t('imports.report.rejectionPages')}
            />
          </>
        )
      ) : null}
    </section>
  );
}
