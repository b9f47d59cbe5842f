import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { translateDynamic } from '../../i18n/dynamic';
import { formatInteger } from '../../i18n/format';
import { AsyncContent } from '../../ui/AsyncContent';
import { DataTable } from '../../ui/DataTable';
import { Pagination } from '../../ui/Pagination';
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
      <AsyncContent state={page} isEmpty={(data) => data.total === 0} emptyText={t('imports.report.noRejections')}>
        {(data) => (
          <>
            <DataTable
              caption={t('imports.report.rejectedRows')}
              testId="import-rejections"
              busy={page.loading}
              columns={[
                { label: t('imports.report.rowNumber'), numeric: true },
                t('imports.report.code'),
                t('imports.report.message'),
                t('imports.report.raw'),
              ]}
            >
              {data.items.map((r, index) => (
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
            </DataTable>
            <Pagination total={data.total} limit={pageSize} offset={offset} onChange={setOffset} label={t('imports.report.rejectionPages')} />
          </>
        )}
      </AsyncContent>
    </section>
  );
}
