import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAsyncData } from '../../ui/useAsyncData';
import { useDebouncedValue } from '../../ui/useDebouncedValue';
import { searchOccupations, searchSkills } from './api';
import type { OccupationSummary, SkillSummary, TaxonomyPage } from './types';
import { useVocab } from './vocab';
import type { PickedItem } from './vacancyForm';

const minLength = 2;
const optionsShown = 8;

interface Props {
  kind: 'occupation' | 'skill';
  label: string;
  /** The input's name (forms and tests find it by name). */
  name: string;
  hint?: string;
  error?: string;
  required?: boolean;
  /** Called with the item chosen; the input then clears for the next one. */
  onPick: (item: PickedItem) => void;
  /** Ids already chosen, left out of the options. */
  exclude?: readonly string[];
  /** Only EV-related entries. */
  ev?: boolean;
}

/**
 * A type-ahead over the taxonomy (the server's search: accent-insensitive, either
 * language), as the WAI-ARIA combobox pattern with a list box: arrows move, Enter picks,
 * Escape closes; the number of options is announced.
 */
export function TaxonomyPicker({ kind, label, name, hint, error, required, onPick, exclude = [], ev }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const id = useId();
  const listId = `${id}-list`;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const statusId = `${id}-status`;
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const inputRef = useRef<HTMLInputElement>(null);
  const q = useDebouncedValue(text.trim(), 250);
  const vocab = useVocab();
  const search: (...args: Parameters<typeof searchSkills>) => Promise<TaxonomyPage<OccupationSummary | SkillSummary>> = kind === 'occupation' ? searchOccupations : searchSkills;
  const results = useAsyncData<TaxonomyPage<OccupationSummary | SkillSummary>>((signal) => (q.length >= minLength ? search({ q, language: lang, ev, limit: Math.min(50, optionsShown + exclude.length) }, signal) : null), [q, lang, kind, ev]);
  const options = q.length >= minLength ? (results.data?.items ?? []).filter((o) => !exclude.includes(o.id)).slice(0, optionsShown) : [];
  const expanded = open && options.length > 0;

  useEffect(() => setActive(-1), [q]);

  const pick = (index: number) => {
    const option = options[index];
    if (!option) return;
    onPick({ id: option.id, label: option.label });
    setText('');
    setOpen(false);
    setActive(-1);
    inputRef.current?.focus();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setOpen(true);
      setActive((a) => (options.length === 0 ? -1 : (a + 1) % options.length));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => (options.length === 0 ? -1 : a <= 0 ? options.length - 1 : a - 1));
    } else if (e.key === 'Enter') {
      // Enter picks the highlighted option (or the only one) instead of sending the form.
      if (expanded && (active >= 0 || options.length === 1)) {
        e.preventDefault();
        pick(active >= 0 ? active : 0);
      }
    } else if (e.key === 'Escape') {
      if (open) {
        e.preventDefault();
        setOpen(false);
      }
    }
  };

  const status =
    text.trim().length > 0 && text.trim().length < minLength
      ? t('skills.picker.typeMore')
      : q.length >= minLength && results.data && !results.loading
        ? options.length === 0
          ? t('skills.picker.noResults', { q })
          : t('skills.picker.results', { count: options.length })
        : '';
  const describedBy = [hint ? hintId : null, error ? errorId : null, statusId].filter(Boolean).join(' ');

  return (
    <div className={`field taxonomy-picker${error ? ' field--invalid' : ''}`} data-testid={`picker-${name}`}>
      <label htmlFor={id} className="field__label">
        {label}
        {required ? <span className="field__required" aria-hidden="true"> *</span> : null}
      </label>
      {hint ? (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      ) : null}
      <input
        ref={inputRef}
        id={id}
        name={name}
        className="input"
        type="text"
        role="combobox"
        autoComplete="off"
        maxLength={200}
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={expanded && active >= 0 ? `${id}-opt-${active}` : undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => window.setTimeout(() => setOpen(false), 150)}
        onKeyDown={onKeyDown}
      />
      <ul id={listId} role="listbox" className="taxonomy-picker__list" hidden={!expanded} aria-label={label}>
        {options.map((o, i) => (
          <li
            key={o.id}
            id={`${id}-opt-${i}`}
            role="option"
            aria-selected={i === active}
            className={`taxonomy-picker__option${i === active ? ' taxonomy-picker__option--active' : ''}`}
            data-id={o.id}
            // mousedown, not click: it comes before the input's blur closes the list
            onMouseDown={(e) => {
              e.preventDefault();
              pick(i);
            }}
          >
            <span lang={o.labelLang}>{o.label}</span>
            {o.evRelated ? <span className="tag tag--ev">{t('skills.common.evTag')}</span> : null}
            <span className="taxonomy-picker__scheme">{vocab('schemes', o.scheme)}</span>
          </li>
        ))}
      </ul>
      <p id={statusId} className="visually-hidden" role="status" aria-live="polite">
        {status}
      </p>
      {error ? (
        <p id={errorId} className="field__error">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** The items picked so far, each with a button to remove it. */
export function PickedList({ items, onRemove, testId }: { items: readonly PickedItem[]; onRemove: (id: string) => void; testId?: string }) {
  const { t } = useTranslation();
  if (items.length === 0) return null;
  return (
    <ul className="picked-list" data-testid={testId}>
      {items.map((item) => (
        <li key={item.id} className="picked-list__item" data-id={item.id}>
          <span>{item.label}</span>
          <button type="button" className="picked-list__remove" aria-label={t('skills.common.remove', { label: item.label })} onClick={() => onRemove(item.id)}>
            ×
          </button>
        </li>
      ))}
    </ul>
  );
}
