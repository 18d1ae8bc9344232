// chart.js on a canvas: one small, well-kept library, only the parts the reports use registered.
import { useEffect, useRef } from 'react';
import {
  BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip,
  type ChartConfiguration,
} from 'chart.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, Legend, Tooltip);

export interface Series {
  label: string;
  data: (number | null)[];
  /** Plot on the right-hand percentage axis (satisfaction). */
  percent?: boolean;
  type?: 'bar' | 'line';
}

const COLORS = ['#1d5fa8', '#2e9d5b', '#d08a1c', '#b8322f', '#6b4fa8', '#3a8fa0'];

export function BarChart({ labels, series, title, height = 240, testId }: { labels: string[]; series: Series[]; title: string; height?: number; testId?: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return;
    const hasPercent = series.some((s) => s.percent);
    const config: ChartConfiguration<'bar' | 'line', (number | null)[], string> = {
      type: 'bar',
      data: {
        labels,
        datasets: series.map((s, i) => ({
          type: s.type ?? 'bar', label: s.label, data: s.data, yAxisID: s.percent ? 'pct' : 'y',
          backgroundColor: COLORS[i % COLORS.length], borderColor: COLORS[i % COLORS.length], tension: 0.2,
        })),
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        plugins: { legend: { position: 'bottom' }, title: { display: false } },
        scales: {
          y: { beginAtZero: true, ticks: { precision: 0 } },
          ...(hasPercent ? { pct: { position: 'right' as const, min: 0, max: 100, grid: { drawOnChartArea: false }, ticks: { callback: (v: string | number) => `${v}%` } } } : {}),
        },
      },
    };
    const chart = new Chart(canvas.current, config);
    return () => chart.destroy();
  }, [labels, series]);
  return (
    <figure className="chart" style={{ height }} data-testid={testId}>
      <canvas ref={canvas} role="img" aria-label={title} />
    </figure>
  );
}
