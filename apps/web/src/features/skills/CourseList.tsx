import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatInteger } from '../../i18n/format';
import { formatMoney } from './labels';
import type { CourseSummary } from './types';

/** The courses that teach one skill (to gain, or missing for a vacancy): nearest first, as the server orders them. */
export function CourseList({ courses }: { courses: CourseSummary[] }) {
  const { t, i18n } = useTranslation();
  if (courses.length === 0) return null;
  return (
    <ul className="pathway-courses" data-testid="pathway-courses" aria-label={t('skills.courses.coursesFor')}>
      {courses.map((c) => (
        <li key={c.id}>
          <Link to={`/habilidades/cursos/${encodeURIComponent(c.id)}`}>{c.title}</Link>{' '}
          <span className="small muted">
            {[
              c.organisation.name,
              t(`skills.courses.modality.${c.modality}`),
              t('skills.courses.hours', { hours: formatInteger(c.durationHours, i18n.language) }),
              c.modality === 'online' ? null : c.stateName,
              c.isFree ? t('skills.courses.free') : c.cost ? formatMoney(c.cost.amount, c.cost.currency, i18n.language) : null,
            ].filter(Boolean).join(' · ')}
          </span>
        </li>
      ))}
    </ul>
  );
}
