import { useTranslation } from 'react-i18next';
import type { StateSummary } from '../../api/types';
import { formatInteger } from '../../i18n/format';
import { AsyncContent } from '../../ui/AsyncContent';
import { useAsyncData } from '../../ui/useAsyncData';
import { listStates } from './api';

interface Props {
  onChoose: (state: StateSummary) => void;
}

/** Every state as a button: the keyboard-friendly way into the atlas. */
export function StateList({ onChoose }: Props) {
  const { t, i18n } = useTranslation();
  const states = useAsyncData((signal) => listStates(signal), []);
  return (
    <section className="state-list" aria-labelledby="state-list-heading">
      <h2 id="state-list-heading">{t('map.statesHeading')}</h2>
      <AsyncContent state={states}>
        {(data) => (
          <ul className="state-list__items" data-testid="state-list">
            {data.items.map((s) => (
              <li key={s.cveEnt}>
                <button type="button" className="state-list__button" onClick={() => onChoose(s)}>
                  <span>{s.name}</span>
                  <span className="muted">{formatInteger(s.population2020, i18n.language)}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </AsyncContent>
    </section>
  );
}
