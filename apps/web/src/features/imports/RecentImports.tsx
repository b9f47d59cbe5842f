import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { localized } from '../../i18n/languages';
import type { ImportKind } from '../../api/types';
import { formatDateTime, formatInteger } from '../../i18n/format';
import { AsyncContent } from '../../ui/AsyncContent';
import { DataTable } from '../../ui/DataTable';
import { Pagination } from '../../ui/Pagination';
import { useAsyncData } from '../../ui/useAsyncData';
import { listImports } from './api';

interface Props {
  kinds: ImportKind[];
  /** Changing it reloads the list. */
  refreshKey: unknown;
  currentId: string | null;
  onOpen: (id: string) => void;
}

const pageSize = 10;

export function RecentImports({ kinds, refreshKey, currentId, onOpen }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [offset, setOffset] = useState(0);
  const list = useAsyncData((signal) => listImports({ limit: pageSize, offset }, signal), [offset, refreshKey]);
  const titleOf = (kind: string) => {
    const found = kinds.find((k) => k.kind === kind);
    return found ? localized(found.title, lang) : kind;
  };

  return (
    <section className="card" aria-labelledby="recent-imports-heading">
      <h2 id="recent-imports-heading">{t('imports.recent.title')}</h2>
      <AsyncContent state={list} isEmpty={(data) => data.items.length === 0} emptyText={t('imports.recent.empty')}>
        {(data) => (
          <>
            <DataTable
              caption={t('imports.recent.title')}
              testId="recent-imports"
              columns={[
                t('imports.recent.file'),
                t('imports.kind'),
                t('imports.recent.status'),
                t('imports.recent.created'),
                t('imports.recent.by'),
                { label: t('imports.report.new'), numeric: true },
                { label: t('imports.report.updated'), numeric: true },
                { label: t('imports.report.rejected'), numeric: true },
                { label: t('common.actions'), labelHidden: true },
              ]}
            >
              {data.items.map((run) => (
                <tr key={run.id} aria-current={run.id === currentId ? 'true' : undefined}>
                  <th scope="row" className="break">
                    {run.filename}
                  </th>
                  <td>{titleOf(run.kind)}</td>
                  <td>
                    <span className={`status-pill status-pill--${run.status}`}>{t(`imports.status.${run.status}`)}</span>
                  </td>
                  <td>{formatDateTime(run.createdAt, lang)}</td>
                  <td className="break">{run.createdByLabel ?? '—'}</td>
                  <td className="num">{formatInteger(run.newRows, lang)}</td>
                  <td className="num">{formatInteger(run.updatedRows, lang)}</td>
                  <td className="num">{formatInteger(run.rejectedRows, lang)}</td>
                  <td>
                    <button
                      type="button"
                      className="button button--secondary"
                      onClick={() => onOpen(run.id)}
                      aria-label={t('imports.recent.openNamed', { filename: run.filename })}
                    >
                      {t('imports.recent.open')}
                    </button>
                  </td>
                </tr>
              ))}
            </DataTable>
            <Pagination total={data.total} limit={pageSize} offset={offset} onChange={setOffset} label={t('imports.recent.pages')} />
          </>
        )}
      </AsyncContent>
    </section>
  );
}
