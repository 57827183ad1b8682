import { DecimalPipe } from '@angular/common';
import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  effect,
  ElementRef,
  inject,
  input,
  viewChild,
  ViewEncapsulation,
} from '@angular/core';
import { OPEN_RANGE, type MetricDescription, type ThresholdLevels } from '@pulseboard/contracts';
import uPlot from 'uplot';
import { chartYRange } from './y-range';

export interface ChartSeries {
  /** Seconds since the epoch. */
  readonly xs: readonly number[];
  readonly ys: readonly (number | null)[];
}

/** The time a chart's x axis covers, in seconds since the epoch. */
export interface ChartSpan {
  readonly from: number;
  readonly to: number;
}

const HEIGHT_PX = 180;
const LINE_COLOUR = '#1e88e5';
const LEVEL_COLOURS: Record<keyof ThresholdLevels, string> = { warning: '#ed8b00', critical: '#c62828' };

/**
 * A streaming time-series chart. The uPlot instance is built once; each change of the series
 * is a setData on it, never a rebuild; threshold lines are drawn by a hook that reads the
 * current levels. The canvas is redrawn in the next animation frame, before that frame's paint:
 * the newest figure in words is written first (the figure bench:ui times, and what a screen reader
 * reads), and changes that come several in a frame draw once.
 */
@Component({
  selector: 'pb-metric-chart',
  // uPlot builds its own DOM, which emulated encapsulation cannot reach: its stylesheet is global.
  encapsulation: ViewEncapsulation.None,
  styleUrl: './metric-chart.css',
  imports: [DecimalPipe],
  template: `
    <figure class="metric-chart">
      <figcaption>
        <span data-testid="chart-name">{{ label() }}</span>
        @if (latest(); as newest) {
          <span class="latest numeric" data-testid="chart-latest">{{ newest.value | number: digits() }}</span>
        }
      </figcaption>
      <div #plot class="plot" role="img" [attr.aria-label]="label() + ' chart'"></div>
    </figure>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MetricChart {
  readonly label = input.required<string>();
  readonly series = input.required<ChartSeries>();
  readonly thresholds = input<ThresholdLevels | null>(null);
  /** The values the metric can take (the registry's range): a bounded one is the y axis. */
  readonly valueRange = input<MetricDescription['range']>(OPEN_RANGE);
  /**
   * The time range shown, whatever the data covers: without it uPlot fits the x axis to the data,
   * and a host with one window so far would get an axis of years.
   */
  readonly span = input.required<ChartSpan>();
  /** How the newest figure is written: a DecimalPipe format (decimalFormat of the metric). */
  readonly digits = input('1.0-1');

  /**
   * The newest window's figure, in words beside the caption: what a canvas says to no screen reader,
   * and the figure bench:ui times from ingest to the host page's DOM. Null when the newest window lacks it.
   */
  protected readonly latest = computed(() => {
    const value = this.series().ys.at(-1);
    return value === undefined || value === null ? null : { value };
  });

  private readonly plotElement = viewChild.required<ElementRef<HTMLDivElement>>('plot');
  private chart: uPlot | null = null;
  /** The data the next frame draws, and that frame's request while one is pending. */
  private nextData: uPlot.AlignedData | null = null;
  private frame: number | null = null;

  constructor() {
    const destroyRef = inject(DestroyRef);
    afterNextRender(() => {
      const element = this.plotElement().nativeElement;
      this.chart = new uPlot(this.options(element.clientWidth), this.alignedData(), element);
      const resize = new ResizeObserver(() => this.chart?.setSize({ width: element.clientWidth, height: HEIGHT_PX }));
      resize.observe(element);
      destroyRef.onDestroy(() => {
        if (this.frame !== null) cancelAnimationFrame(this.frame);
        resize.disconnect();
        this.chart?.destroy();
        this.chart = null;
      });
    });
    effect(() => {
      const data = this.alignedData();
      // Levels feed the y range and the drawn lines, and the span the x range: a change of either
      // also asks for new data, which is when uPlot recomputes its scales.
      this.thresholds();
      this.valueRange();
      this.span();
      this.drawInNextFrame(data);
    });
  }

  private drawInNextFrame(data: uPlot.AlignedData): void {
    this.nextData = data;
    this.frame ??= requestAnimationFrame(() => {
      this.frame = null;
      const next = this.nextData;
      this.nextData = null;
      if (next !== null) this.chart?.setData(next);
    });
  }

  private alignedData(): uPlot.AlignedData {
    const { xs, ys } = this.series();
    return [xs as number[], ys as (number | null)[]];
  }

  private options(width: number): uPlot.Options {
    return {
      width: Math.max(width, 200),
      height: HEIGHT_PX,
      legend: { show: false },
      scales: {
        x: { time: true, range: () => this.xRange() },
        y: { range: (_chart, min, max) => this.yRange(min, max) },
      },
      series: [{}, { label: this.label(), stroke: LINE_COLOUR, width: 1.5, spanGaps: false }],
      hooks: { draw: [(chart) => this.drawThresholds(chart)] },
    };
  }

  private xRange(): uPlot.Range.MinMax {
    const { from, to } = this.span();
    return [from, to];
  }

  private yRange(min: number | null, max: number | null): uPlot.Range.MinMax {
    return chartYRange({ min, max }, this.thresholds()?.critical ?? null, this.valueRange());
  }

  private drawThresholds(chart: uPlot): void {
    const levels = this.thresholds();
    if (!levels) return;
    const { ctx, bbox } = chart;
    ctx.save();
    ctx.setLineDash([6, 4]);
    ctx.lineWidth = 1;
    for (const level of ['warning', 'critical'] as const) {
      const y = chart.valToPos(levels[level], 'y', true);
      if (y < bbox.top || y > bbox.top + bbox.height) continue;
      ctx.strokeStyle = LEVEL_COLOURS[level];
      ctx.beginPath();
      ctx.moveTo(bbox.left, y);
      ctx.lineTo(bbox.left + bbox.width, y);
      ctx.stroke();
    }
    ctx.restore();
  }
}
