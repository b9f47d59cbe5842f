import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { FactList } from '../../ui/Facts';
import { ErrorMessage, Loading } from '../../ui/Status';

/** What a profile page shows until its record is there: a spinner, or the error and a way back. */
export function ProfilePending({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useTranslation();
  if (!error) {
    return (
      <div className="page">
        <Loading />
      </div>
    );
  }
  return (
    <div className="page">
      <p>
        <Link to="/">{t('geo.backToMap')}</Link>
      </p>
      <ErrorMessage error={error} onRetry={onRetry} />
    </div>
  );
}

interface HeadingProps {
  kind: 'state' | 'municipality';
  name: string;
  /** The places between the map and this one in the breadcrumb. */
  trail?: Array<{ label: string; to: string }>;
}

/** Breadcrumb from the map, the kind of place and its name as the page heading. */
export function ProfileHeading({ kind, name, trail = [] }: HeadingProps) {
  const { t } = useTranslation();
  return (
    <>
      <nav aria-label={t('common.breadcrumb')} className="breadcrumb">
        <ol>
          <li>
            <Link to="/">{t('nav.map')}</Link>
          </li>
          {trail.map((step) => (
            <li key={step.to}>
              <Link to={step.to}>{step.label}</Link>
            </li>
          ))}
          <li aria-current="page">{name}</li>
        </ol>
      </nav>
      <p className="eyebrow">{t(`geo.types.${kind}`)}</p>
      <h1>{name}</h1>
    </>
  );
}

/** The card of a profile's key figures; its children are `Fact`s. */
export function KeyFacts({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="facts-heading">
      <h2 id="facts-heading">{t('geo.keyFacts')}</h2>
      <FactList>{children}</FactList>
    </section>
  );
}
