import type { ReactNode } from 'react';

/** A list of labelled values (`<dl>`), one `Fact` each. */
export function FactList({ compact = false, children }: { compact?: boolean; children: ReactNode }) {
  return <dl className={compact ? 'facts facts--compact' : 'facts'}>{children}</dl>;
}

interface FactProps {
  label: ReactNode;
  /** `data-testid` of the value. */
  testId?: string;
  children: ReactNode;
}

export function Fact({ label, testId, children }: FactProps) {
  return (
    <div>
      <dt>{label}</dt>
      <dd data-testid={testId}>{children}</dd>
    </div>
  );
}
