import { TestBed } from '@angular/core/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type uPlot from 'uplot';
import { MetricChart } from './metric-chart';

/** Records what the component asks of uPlot: jsdom has no canvas to draw on. */
const plots = vi.hoisted(() => {
  class RecordingPlot {
    static readonly instances: RecordingPlot[] = [];
    readonly setData = vi.fn();
    readonly setSize = vi.fn();
    readonly destroy = vi.fn();
    constructor(
      readonly options: unknown,
      readonly data: unknown,
    ) {
      RecordingPlot.instances.push(this);
    }
  }
  return RecordingPlot;
});
vi.mock('uplot', () => ({ default: plots }));

/** The next animation frame, where the chart redraws. */
const nextFrame = () => new Promise((resolve) => requestAnimationFrame(resolve));

describe('MetricChart', () => {
  beforeEach(() => {
    plots.instances.length = 0;
    vi.stubGlobal(
      'ResizeObserver',
      class {
        observe(): void {}
        disconnect(): void {}
      },
    );
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  async function render() {
    const fixture = TestBed.createComponent(MetricChart);
    fixture.componentRef.setInput('label', 'CPU %');
    fixture.componentRef.setInput('series', { xs: [10, 20], ys: [1, 2] });
    fixture.componentRef.setInput('span', { from: 0, to: 900 });
    await fixture.whenStable();
    return fixture;
  }

  /** What the chart's x scale says it spans when uPlot asks it, given the data's extent. */
  const xRangeOf = (min: number, max: number) => {
    const range = (plots.instances[0]?.options as uPlot.Options).scales?.['x']?.range;
    return typeof range === 'function' ? range({} as uPlot, min, max, 'x') : range;
  };

  it('builds one chart with the first data', async () => {
    await render();
    expect(plots.instances).toHaveLength(1);
    expect(plots.instances[0]?.data).toEqual([[10, 20], [1, 2]]);
  });

  it('updates the same chart with setData when the series changes, never rebuilding it', async () => {
    const fixture = await render();
    fixture.componentRef.setInput('series', { xs: [10, 20, 30], ys: [1, 2, 3] });
    await fixture.whenStable();
    await nextFrame();
    expect(plots.instances).toHaveLength(1);
    expect(plots.instances[0]?.setData).toHaveBeenLastCalledWith([[10, 20, 30], [1, 2, 3]]);
  });

  it('writes the newest figure before it redraws the canvas, which waits for the next frame and draws once for changes in that frame', async () => {
    // Frames only when the test says: a real one could pass between two changes on a slow machine.
    vi.useFakeTimers({ toFake: ['requestAnimationFrame', 'cancelAnimationFrame'] });
    const fixture = await render();
    vi.advanceTimersToNextFrame();
    const plot = plots.instances[0];
    const calls = plot?.setData.mock.calls.length ?? 0;
    fixture.componentRef.setInput('series', { xs: [10, 20, 30], ys: [1, 2, 3] });
    await fixture.whenStable();
    fixture.componentRef.setInput('series', { xs: [10, 20, 30, 40], ys: [1, 2, 3, 4] });
    await fixture.whenStable();
    const latest = (fixture.nativeElement as HTMLElement).querySelector('[data-testid="chart-latest"]')?.textContent?.trim();
    expect([latest, plot?.setData.mock.calls.length]).toEqual(['4', calls]);
    vi.advanceTimersToNextFrame();
    expect(plot?.setData.mock.calls.length).toBe(calls + 1);
    expect(plot?.setData).toHaveBeenLastCalledWith([[10, 20, 30, 40], [1, 2, 3, 4]]);
  });

  it.each([
    ['the threshold levels change, so the lines follow', 'thresholds', { warning: 80, critical: 95 }],
    ['its span moves, so the axis follows the clock', 'span', { from: 10, to: 910 }],
  ] as const)('asks for new data when %s', async (_when, name, value) => {
    const fixture = await render();
    await nextFrame();
    const calls = plots.instances[0]?.setData.mock.calls.length ?? 0;
    fixture.componentRef.setInput(name, value);
    await fixture.whenStable();
    await nextFrame();
    expect(plots.instances[0]?.setData.mock.calls.length).toBe(calls + 1);
  });

  it('spans the time range it is given, not the data: one window is not an axis of years', async () => {
    const fixture = await render();
    fixture.componentRef.setInput('series', { xs: [600], ys: [5] });
    await fixture.whenStable();
    expect(xRangeOf(600, 600)).toEqual([0, 900]);
    fixture.componentRef.setInput('span', { from: 10, to: 910 });
    await fixture.whenStable();
    expect(xRangeOf(600, 600)).toEqual([10, 910]);
  });

  it("writes the newest window's figure beside its caption, in the digits it is given, and nothing when that window lacks it", async () => {
    const fixture = await render();
    const latest = () => (fixture.nativeElement as HTMLElement).querySelector('[data-testid="chart-latest"]')?.textContent?.trim() ?? null;
    expect(latest()).toBe('2');
    fixture.componentRef.setInput('digits', '1.1-1');
    fixture.componentRef.setInput('series', { xs: [10, 20, 30], ys: [1, 2, 0] });
    await fixture.whenStable();
    expect(latest()).toBe('0.0');
    fixture.componentRef.setInput('series', { xs: [10, 20, 30, 40], ys: [1, 2, 0, null] });
    await fixture.whenStable();
    expect(latest()).toBeNull();
  });

  it('destroys the chart with the component', async () => {
    const fixture = await render();
    fixture.destroy();
    expect(plots.instances[0]?.destroy).toHaveBeenCalledOnce();
  });
});
