import { useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SearchResult } from '../../api/types';
import { formatInteger } from '../../i18n/format';
import { ErrorMessage } from '../../ui/Status';
import { useAsyncData } from '../../ui/useAsyncData';
import { useDebouncedValue } from '../../ui/useDebouncedValue';
import { searchPlaces } from './api';
import { minSearchLength, normaliseQuery } from './paths';

interface Props {
  onChoose: (result: SearchResult) => void;
  limit?: number;
}

export function SearchBox({ onChoose, limit = 8 }: Props) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [query, setQuery] = useState('');
  const debounced = normaliseQuery(useDebouncedValue(query, 250));
  const listRef = useRef<HTMLUListElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const active = debounced.length >= minSearchLength;

  const results = useAsyncData((signal) => (active ? searchPlaces(debounced, limit, signal) : null), [debounced, active, limit]);
  const items = active ? (results.data?.items ?? []) : [];

  const choose = (result: SearchResult) => {
    onChoose(result);
  };

  const buttons = () => Array.from(listRef.current?.querySelectorAll<HTMLButtonElement>('button') ?? []);

  const onInputKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      buttons()[0]?.focus();
    } else if (e.key === 'Escape') {
      setQuery('');
    }
  };

  const onListKey = (e: KeyboardEvent<HTMLUListElement>) => {
    const all = buttons();
    const index = all.indexOf(document.activeElement as HTMLButtonElement);
    if (index < 0) return;
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      all[Math.min(index + 1, all.length - 1)]?.focus();
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      if (index === 0) inputRef.current?.focus();
      else all[index - 1]?.focus();
    } else if (e.key === 'Escape') {
      inputRef.current?.focus();
    }
  };

  let status = '';
  if (active && results.loading) status = t('search.searching');
  else if (active && results.data) {
    status = items.length === 0 ? t('search.noResults') : t('search.resultCount', { count: items.length });
  } else if (query && !active) status = t('search.tooShort', { min: minSearchLength });

  return (
    <div className="search" role="search">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          const first = items[0];
          if (first) choose(first);
        }}
      >
        <label htmlFor={`${id}-q`} className="field__label">
          {t('search.label')}
        </label>
        <input
          ref={inputRef}
          id={`${id}-q`}
          className="input"
          type="search"
          autoComplete="off"
          spellCheck={false}
          placeholder={t('search.placeholder')}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={onInputKey}
          aria-describedby={`${id}-status ${id}-hint`}
          aria-controls={`${id}-results`}
          data-testid="search-input"
        />
        <p id={`${id}-hint`} className="field__hint">
          {t('search.hint')}
        </p>
      </form>
      <p id={`${id}-status`} className="search__status" role="status" aria-live="polite">
        {status}
      </p>
      {results.error && active ? <ErrorMessage error={results.error} onRetry={results.reload} /> : null}
      <ul
        ref={listRef}
        id={`${id}-results`}
        className="search__results"
        aria-label={t('search.resultsLabel')}
        onKeyDown={onListKey}
        data-testid="search-results"
        hidden={items.length === 0}
      >
        {items.map((item) => (
          <li key={`${item.type}-${item.code}`}>
            <button type="button" className="search__result" onClick={() => choose(item)}>
              <span className="search__result-name">{item.name}</span>
              <span className="search__result-meta">
                {t(`geo.types.${item.type}`)}
                {item.stateName && item.type !== 'state' ? ` · ${item.stateName}` : ''}
                {item.population2020 != null
                  ? ` · ${t('geo.inhabitants', { value: formatInteger(item.population2020, i18n.language) })}`
                  : ''}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
