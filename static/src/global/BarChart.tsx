/** A light horizontal bar chart in SVG that follows the theme (colours are design tokens). */
export function BarChart({ title, data, testId }: { title: string; data: { label: string; value: number; tone?: 'success' | 'warning' | 'danger' | 'neutral' }[]; testId?: string }) {
  const max = Math.max(1, ...data.map((d) => d.value));
  const row = 26;
  const labelW = 150;
  const barW = 220;
  const fill = { success: 'var(--ds-background-success-bold, #1F845A)', warning: 'var(--ds-background-warning-bold, #F5CD47)', danger: 'var(--ds-background-danger-bold, #C9372C)', neutral: 'var(--ds-background-brand-bold, #0C66E4)' };
  return (
    <figure className="chart" data-testid={testId}>
      <figcaption>{title}</figcaption>
      <svg role="img" aria-label={`${title}: ${data.map((d) => `${d.label} ${d.value}`).join(', ')}`} viewBox={`0 0 ${labelW + barW + 50} ${data.length * row}`} width="100%" style={{ maxWidth: labelW + barW + 50 }}>
        {data.map((d, i) => (
          <g key={d.label} transform={`translate(0 ${i * row})`}>
            <text x={labelW - 8} y={row / 2 + 4} textAnchor="end" fill="var(--ds-text-subtle, #44546F)" fontSize="12">
              {d.label}
            </text>
            <rect x={labelW} y={5} height={row - 10} width={Math.max(d.value > 0 ? 2 : 0, (d.value / max) * barW)} rx={3} fill={fill[d.tone ?? 'neutral']} />
            <text x={labelW + (d.value / max) * barW + 6} y={row / 2 + 4} fill="var(--ds-text, #172B4D)" fontSize="12">
              {d.value}
            </text>
          </g>
        ))}
      </svg>
    </figure>
  );
}
