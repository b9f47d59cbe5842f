import type { ReactNode } from 'react';

export interface Column {
  label: string;
  /** Right-aligned figures. */
  numeric?: boolean;
  /** The header is there for screen readers only (e.g. a column of buttons). */
  labelHidden?: boolean;
}

interface Props {
  /** Names the table; read by screen readers, shown only with `captionVisible`. */
  caption: string;
  captionVisible?: boolean;
  /** A plain string is a column with nothing special about it. */
  columns: Array<string | Column>;
  /** Extra classes of the table, besides `table`. */
  className?: string;
  testId?: string;
  /** Marks the table busy while a new page loads. */
  busy?: boolean;
  /** The rows of the body. */
  children: ReactNode;
}

/** A scrollable table with a caption and a row of column headers. */
export function DataTable({ caption, captionVisible = false, columns, className, testId, busy, children }: Props) {
  return (
    <div className="table-wrap" aria-busy={busy}>
      <table className={className ? `table ${className}` : 'table'} data-testid={testId}>
        <caption className={captionVisible ? undefined : 'visually-hidden'}>{caption}</caption>
        <thead>
          <tr>
            {columns.map((column, index) => {
              const { label, numeric, labelHidden }: Column = typeof column === 'string' ? { label: column } : column;
              return (
                <th key={index} scope="col" className={numeric ? 'num' : undefined}>
                  {labelHidden ? <span className="visually-hidden">{label}</span> : label}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
