import { SafeHtml, html } from '../html-template';

/**
 * Charts as inline SVG, drawn on the server: each has a title (its accessible name) and is
 * paired by the caller with a data table, which is the text alternative. Colours are told
 * apart by dash patterns as well, for readers who do not see the colours.
 */

/** Line colours with at least 4.5:1 contrast on white, and a dash pattern each. */
export const SERIES_STYLES: readonly { readonly color: string; readonly dash: string }[] = [
  { color: '#1f4fb5', dash: '' },
  { color: '#a3261e', dash: '6 3' },
  { color: '#1b6b3c', dash: '2 3' },
  { color: '#7a4a00', dash: '8 3 2 3' },
  { color: '#5d3896', dash: '4 4' },
  { color: '#00676b', dash: '1 2' },
  { color: '#4b5563', dash: '10 4' },
  { color: '#a0144f', dash: '3 6' },
];

export interface BarDatum {
  readonly label: string;
  /** shown under the first and last bar, and in each bar's tooltip */
  readonly shortLabel: string;
  readonly value: number;
}

/** Vertical bars (sessions per month). */
export function barChart(id: string, title: string, data: readonly BarDatum[]): SafeHtml {
  const W = 480;
  const H = 160;
  const bottom = 22;
  const top = 10;
  const left = 28;
  const max = Math.max(1, ...data.map((d) => d.value));
  const w = (W - left - 6) / Math.max(1, data.length);
  const y = (v: number) => H - bottom - (v / max) * (H - bottom - top);
  const ticks = niceTicks(max);
  return html`<svg
    class="chart"
    viewBox="0 0 ${W} ${H}"
    role="img"
    aria-labelledby="${id}-title"
    focusable="false"
  >
    <title id="${id}-title">${title}</title>
    ${ticks.map(
      (v) =>
        html`<line
            class="grid"
            x1="${left}"
            x2="${W - 4}"
            y1="${fixed(y(v))}"
            y2="${fixed(y(v))}"
          ></line
          ><text class="axis" x="${left - 4}" y="${fixed(y(v) + 4)}" text-anchor="end">${v}</text>`,
    )}
    ${data.map(
      (d, i) =>
        html`<rect
          class="bar"
          x="${fixed(left + i * w + 0.5)}"
          y="${fixed(y(d.value))}"
          width="${fixed(Math.max(1, w - 1))}"
          height="${fixed(H - bottom - y(d.value))}"
          ><title>${d.label}: ${d.value}</title></rect
        >`,
    )}
    ${
      data.length > 0
        ? html`<text class="axis" x="${left}" y="${H - 6}">${data[0].shortLabel}</text
            ><text class="axis" x="${W - 4}" y="${H - 6}" text-anchor="end"
              >${data[data.length - 1].shortLabel}</text
            >`
        : ''
    }
  </svg>`;
}

export interface HorizontalBarDatum {
  readonly label: string;
  /** a share, 0 to 1 */
  readonly share: number;
  /** the share as text, drawn after the bar and in its tooltip */
  readonly text: string;
}

/** Horizontal bars of shares (0–100 %), one row per datum, its label above the bar. */
export function horizontalBarChart(
  id: string,
  title: string,
  data: readonly HorizontalBarDatum[],
): SafeHtml {
  const W = 480;
  const row = 36;
  const left = 4;
  const right = 64;
  const H = Math.max(1, data.length) * row + 4;
  const width = (share: number) => Math.max(0, Math.min(1, share)) * (W - left - right);
  return html`<svg
    class="chart"
    viewBox="0 0 ${W} ${H}"
    role="img"
    aria-labelledby="${id}-title"
    focusable="false"
  >
    <title id="${id}-title">${title}</title>
    ${data.map(
      (d, i) =>
        html`<text class="axis" x="${left}" y="${fixed(i * row + 12)}">${d.label}</text
          ><rect
            class="bar"
            x="${left}"
            y="${fixed(i * row + 16)}"
            width="${fixed(Math.max(1, width(d.share)))}"
            height="14"
            ><title>${d.label}: ${d.text}</title></rect
          ><text class="axis" x="${fixed(left + width(d.share) + 6)}" y="${fixed(i * row + 27)}"
            >${d.text}</text
          >`,
    )}
  </svg>`;
}

export interface StepSeries {
  readonly name: string;
  /** (day, value) steps, value from 1 down; the curve starts at (0, 1) */
  readonly points: readonly { readonly day: number; readonly value: number }[];
}

/** Kaplan–Meier step curves, value 0–1 against days. */
export function stepChart(
  id: string,
  title: string,
  series: readonly StepSeries[],
  axis: { readonly x: string; readonly y: string },
): SafeHtml {
  const W = 480;
  const H = 280;
  const left = 48;
  const bottom = 34;
  const top = 10;
  const right = 12;
  const maxDay = Math.max(30, ...series.flatMap((s) => s.points.map((p) => p.day)));
  const x = (d: number) => left + (d / maxDay) * (W - left - right);
  const y = (v: number) => top + (1 - v) * (H - top - bottom);
  const paths = series.map((s, i) => {
    let d = `M${fixed(x(0))},${fixed(y(1))}`;
    let prev = 1;
    for (const p of s.points) {
      d += ` L${fixed(x(p.day))},${fixed(y(prev))} L${fixed(x(p.day))},${fixed(y(p.value))}`;
      prev = p.value;
    }
    d += ` L${fixed(x(maxDay))},${fixed(y(prev))}`;
    const style = SERIES_STYLES[i % SERIES_STYLES.length];
    return html`<path
      d="${d}"
      fill="none"
      stroke="${style.color}"
      stroke-width="2.5"
      ${style.dash ? html` stroke-dasharray="${style.dash}"` : ''}
      ><title>${s.name}</title></path
    >`;
  });
  const xTicks = niceTicks(maxDay);
  return html`<svg
    class="chart"
    viewBox="0 0 ${W} ${H}"
    role="img"
    aria-labelledby="${id}-title"
    focusable="false"
  >
    <title id="${id}-title">${title}</title>
    ${[0, 0.25, 0.5, 0.75, 1].map(
      (v) =>
        html`<line
            class="grid"
            x1="${left}"
            x2="${W - right}"
            y1="${fixed(y(v))}"
            y2="${fixed(y(v))}"
          ></line
          ><text class="axis" x="${left - 6}" y="${fixed(y(v) + 4)}" text-anchor="end"
            >${Math.round(v * 100)}%</text
          >`,
    )}
    ${xTicks.map(
      (d) =>
        html`<text class="axis" x="${fixed(x(d))}" y="${H - bottom + 16}" text-anchor="middle"
          >${d}</text
        >`,
    )}
    <text class="axis" x="${fixed((W + left) / 2)}" y="${H - 2}" text-anchor="middle">
      ${axis.x}
    </text>
    ${paths}
  </svg>`;
}

/** A legend entry's swatch, matching the series' colour and dash. */
export function swatch(index: number): SafeHtml {
  const style = SERIES_STYLES[index % SERIES_STYLES.length];
  return html`<svg
    class="swatch"
    viewBox="0 0 28 8"
    width="28"
    height="8"
    aria-hidden="true"
    focusable="false"
  >
    <line
      x1="0"
      x2="28"
      y1="4"
      y2="4"
      stroke="${style.color}"
      stroke-width="3"
      ${style.dash ? html` stroke-dasharray="${style.dash}"` : ''}
    ></line>
  </svg>`;
}

function niceTicks(max: number): number[] {
  const raw = max / 4;
  const magnitude = 10 ** Math.floor(Math.log10(Math.max(1, raw)));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? magnitude * 10;
  const ticks: number[] = [];
  for (let v = 0; v <= max + 1e-9; v += step) ticks.push(Math.round(v));
  return ticks;
}

function fixed(n: number): string {
  return n.toFixed(1);
}

/** A visually hidden text (for screen readers only). */
export function visuallyHidden(text: string): SafeHtml {
  return html`<span class="visually-hidden">${text}</span>`;
}
