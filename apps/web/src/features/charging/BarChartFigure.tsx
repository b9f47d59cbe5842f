import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import { DataTable } from '../../ui/DataTable';
import { FigureSource } from './FigureSource';
import type { ChargingSource } from './types';

export interface BarDatum {
  key: string;
  label: string;
  value: number;
  /** The value as shown to people (locale, unit). */
  text: string;
}

interface Props {
  id: string;
  title: string;
  /** Header of the label and value columns of the table. */
  labelHeader: string;
  valueHeader: string;
  data: BarDatum[];
  sources: ChargingSource[];
  asOf: string | null;
  /** A CSV of the same figures, when there is one. */
  csvHref?: string;
  children?: ReactNode;
}

const barColour = '#2b6c8f';

/**
 * A horizontal bar chart with its text alternative: the chart is a picture for sighted
 * readers (hidden from assistive technology); the same figures are a table right below.
 */
export function BarChartFigure({ id, title, labelHeader, valueHeader, data, sources, asOf, csvHref, children }: Props) {
  const { t } = useTranslation();
  const height = Math.max(120, data.length * 22 + 40);
  return (
    <figure className="card chart-figure" aria-labelledby={`${id}-title`} data-testid={id}>
      <figcaption>
        <h3 id={`${id}-title`}>{title}</h3>
      </figcaption>
      {children}
      <div className="chart-figure__chart" aria-hidden="true" style={{ height }}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} layout="vertical" margin={{ top: 4, right: 24, bottom: 4, left: 8 }} accessibilityLayer={false}>
            <CartesianGrid horizontal={false} strokeDasharray="3 3" />
            <XAxis type="number" tick={{ fontSize: 12 }} />
            <YAxis type="category" dataKey="label" width={150} interval={0} tick={{ fontSize: 12 }} />
            <Bar dataKey="value" fill={barColour} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <details className="chart-figure__table">
        <summary>{t('chargingDashboard.showTable')}</summary>
        <DataTable caption={title} testId={`${id}-table`} columns={[labelHeader, { label: valueHeader, numeric: true }]}>
          {data.map((d) => (
            <tr key={d.key}>
              <th scope="row">{d.label}</th>
              <td className="num">{d.text}</td>
            </tr>
          ))}
        </DataTable>
      </details>
      <FigureSource sources={sources} asOf={asOf} />
      {csvHref ? (
        <a className="small" href={csvHref} download>
          {t('chargingDashboard.downloadTableCsv')}
        </a>
      ) : null}
    </figure>
  );
}
