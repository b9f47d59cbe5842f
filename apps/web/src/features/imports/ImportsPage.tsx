import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { localized } from '../../i18n/languages';
import { useSearchParams } from 'react-router';
import type { ImportRun } from '../../api/types';
import { AsyncContent } from '../../ui/AsyncContent';
import { ErrorMessage, Loading } from '../../ui/Status';
import { useAsyncData } from '../../ui/useAsyncData';
import { usePageTitle } from '../../ui/usePageTitle';
import { RequireSignIn } from '../accounts/RequireSignIn';
import { listImportKinds } from './api';
import { ImportProgress } from './ImportProgress';
import { ImportReport } from './ImportReport';
import { NewImportForm } from './NewImportForm';
import { RecentImports } from './RecentImports';
import { useImportRun } from './useImportRun';

function ImportsContent() {
  const { t, i18n } = useTranslation();
  const kinds = useAsyncData((signal) => listImportKinds(signal), []);
  const [params, setParams] = useSearchParams();
  const currentId = params.get('id');
  const [started, setStarted] = useState<ImportRun | null>(null);
  const { run, error, done } = useImportRun(currentId, started);
  const statusRef = useRef<HTMLElement>(null);
  const focusStatus = useRef(false);
  const kindList = kinds.data?.items ?? [];
  const [refreshKey, setRefreshKey] = useState(0);

  const open = (id: string) => {
    focusStatus.current = true;
    setParams({ id });
  };

  const onStarted = (next: ImportRun) => {
    setStarted(next);
    setRefreshKey((k) => k + 1);
    open(next.id);
  };

  // Move focus to the status of the run the user just opened or started.
  useEffect(() => {
    if (currentId && focusStatus.current) {
      focusStatus.current = false;
      statusRef.current?.focus();
    }
  }, [currentId]);

  // Let the recent list pick up the finished run.
  useEffect(() => {
    if (done) setRefreshKey((k) => k + 1);
  }, [done, run?.id]);

  return (
    <div className="page">
      <h1>{t('imports.title')}</h1>
      <p className="lead">{t('imports.intro')}</p>
      <div className="imports-grid">
        <section className="card" aria-labelledby="new-import-heading">
          <h2 id="new-import-heading">{t('imports.form.title')}</h2>
          <AsyncContent state={kinds}>{(data) => <NewImportForm kinds={data.items} onStarted={onStarted} />}</AsyncContent>
        </section>

        {currentId ? (
          <section className="card" aria-labelledby="import-status-heading" ref={statusRef} tabIndex={-1}>
            <h2 id="import-status-heading">{t('imports.statusTitle')}</h2>
            {error ? <ErrorMessage error={error} /> : null}
            {!run && !error ? <Loading /> : null}
            {run ? <ImportProgress run={run} /> : null}
            {run && done ? (
              <ImportReport run={run} kindTitle={(() => {
                  const kind = kindList.find((k) => k.kind === run.kind);
                  return kind ? localized(kind.title, i18n.language) : undefined;
                })()} />
            ) : null}
          </section>
        ) : null}
      </div>
      <RecentImports kinds={kindList} refreshKey={refreshKey} currentId={currentId} onOpen={open} />
    </div>
  );
}

export function ImportsPage() {
  const { t } = useTranslation();
  usePageTitle(t('imports.title'));
  return (
    <RequireSignIn>
      <ImportsContent />
    </RequireSignIn>
  );
}
