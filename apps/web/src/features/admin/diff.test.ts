import { describe, expect, it } from 'vitest';
import { diffRecords, displayValue, stableStringify } from './diff';

describe('diffRecords', () => {
  it('classifies each field', () => {
    const changes = diffRecords(
      { name: 'A', role: 'member', gone: 1, meta: { a: 1, b: 2 } },
      { name: 'A', role: 'admin', meta: { b: 2, a: 1 }, added: true },
    );
    expect(changes).toEqual([
      { field: 'name', before: 'A', after: 'A', kind: 'unchanged' },
      { field: 'role', before: 'member', after: 'admin', kind: 'changed' },
      { field: 'gone', before: 1, after: undefined, kind: 'removed' },
      { field: 'meta', before: { a: 1, b: 2 }, after: { b: 2, a: 1 }, kind: 'unchanged' },
      { field: 'added', before: undefined, after: true, kind: 'added' },
    ]);
  });

  it('handles creation and deletion', () => {
    expect(diffRecords(null, { id: '1' })).toEqual([{ field: 'id', before: undefined, after: '1', kind: 'added' }]);
    expect(diffRecords({ id: '1' }, null)).toEqual([{ field: 'id', before: '1', after: undefined, kind: 'removed' }]);
    expect(diffRecords(null, null)).toEqual([]);
  });

  it('wraps scalar snapshots', () => {
    expect(diffRecords(1, 2)).toEqual([{ field: 'value', before: 1, after: 2, kind: 'changed' }]);
  });

  it('compares and shows values stably', () => {
    expect(stableStringify({ b: 1, a: [1, { d: 1, c: 2 }] })).toBe('{"a":[1,{"c":2,"d":1}],"b":1}');
    expect(displayValue('text')).toBe('text');
    expect(displayValue(null)).toBe('null');
    expect(displayValue(undefined)).toBe('');
  });
});
