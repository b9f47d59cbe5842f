import { useTranslation } from 'react-i18next';

/** Asks the admin page to show a record's history; `label` names the record. */
export type ShowHistory = (entityType: string, entityId: string, label: string) => void;

interface Props {
  entityType: string;
  entityId: string;
  label: string;
  onShowHistory: ShowHistory;
}

/** The "history" button of a record's row. */
export function HistoryButton({ entityType, entityId, label, onShowHistory }: Props) {
  const { t } = useTranslation();
  return (
    <button
      type="button"
      className="button button--link"
      onClick={() => onShowHistory(entityType, entityId, label)}
      aria-label={t('admin.audit.showFor', { label })}
    >
      {t('admin.audit.show')}
    </button>
  );
}
