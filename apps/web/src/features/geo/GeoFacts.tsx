import { useTranslation } from 'react-i18next';
import { formatArea, formatDecimal } from '../../i18n/format';
import { Fact } from '../../ui/Facts';

/** The INEGI code of a state, municipality or locality. */
export function CodeFact({ code }: { code: string }) {
  const { t } = useTranslation();
  return (
    <Fact label={t('geo.inegiCode')}>
      <code>{code}</code>
    </Fact>
  );
}

export function AreaFact({ areaKm2 }: { areaKm2: number | null }) {
  const { t, i18n } = useTranslation();
  return (
    <Fact label={t('geo.area')}>
      {areaKm2 != null ? t('geo.areaValue', { value: formatArea(areaKm2, i18n.language) }) : t('common.notAvailable')}
    </Fact>
  );
}

/** Inhabitants per km²; `null` when it cannot be given. */
export function DensityFact({ perKm2 }: { perKm2: number | null }) {
  const { t, i18n } = useTranslation();
  return (
    <Fact label={t('geo.density')}>
      {perKm2 != null ? t('geo.densityValue', { value: formatDecimal(perKm2, i18n.language, 1) }) : t('common.notAvailable')}
    </Fact>
  );
}
