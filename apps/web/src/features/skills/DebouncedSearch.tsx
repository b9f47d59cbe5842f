import { useEffect, useRef, useState } from 'react';
import { Field } from '../../ui/Field';
import { useDebouncedValue } from '../../ui/useDebouncedValue';

/** A search box applied a moment after typing stops; follows the address bar (back, clear). */
export function DebouncedSearch({ label, name, hint, value, type = 'search', inputMode, onCommit }: { label: string; name: string; hint?: string; value: string; type?: string; inputMode?: 'numeric' | 'decimal'; onCommit: (value: string) => void }) {
  const [draft, setDraft] = useState(value);
  const debounced = useDebouncedValue(draft, 350);
  const committed = useRef(value);
  const commit = useRef(onCommit);
  commit.current = onCommit;
  useEffect(() => {
    const next = debounced.trim().replace(/\s+/g, ' ');
    if (next === committed.current) return;
    committed.current = next;
    commit.current(next);
  }, [debounced]);
  useEffect(() => {
    if (value === committed.current) return;
    committed.current = value;
    setDraft(value);
  }, [value]);
  return <Field label={label} name={name} type={type} hint={hint} value={draft} maxLength={200} autoComplete="off" inputMode={inputMode} onChange={(e) => setDraft(e.target.value)} />;
}
