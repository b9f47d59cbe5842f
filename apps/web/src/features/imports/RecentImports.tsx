import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { localized } from '../../i18n/languages';
import type { ImportKind } from '../../api/types';
import { formatDateTime, formatInteger } from '../../i18n/format';
import { Pagination } from '../../ui/Pagination';
import { ErrorMessage, Loading } from '../../ui/Status';
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
      {list.error ? <ErrorMessage error={list.error} onRetry={list.reload} /> : null}
      {list.loading && !list.data ? <Loading /> : null}
      {list.data ? (
        list.data.items.length === 0 ? (
          <p className="muted">{t('imports.recent.empty')}</p>
        ) : (
          <>
            <div className="table-wrap">
              <table className="table" data-testid="recent-imports">
                <caption className="visually-hidden">{t('imports.recent.title')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('imports.recent.file')}</th>
                    <th scope="col">{t('imports.kind')}</th>
                    <th scope="col">{t('imports.recent.status')}</th>
                    <th scope="col">{t('imports.recent.created')}</th>
                    <th scope="col">{t('imports.recent.by')}</th>
                    <th scope="col" className="num">
                      {t('imports.report.new')}
                    </th>
                    <th scope="col" className="num">
                      {t('imports.report.updated')}
                    </th>
                    <th scope="col" className="num">
                      {t('imports.report.rejected')}
                    </th>
                    <th scope="col">
                      <span className="visually-hidden">{t('common.actions')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {list.data.items.map((run) => (
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
                </tbody>
              </table>
            </div>
            <Pagination
              total={list.data.total}
              limit={pageSize}
              offset={offset}
              onChange={setOffset}
              label={t('imports.recent.pages')}
            />
          </>
        )
      ) : null}
    </section>
  );
}
