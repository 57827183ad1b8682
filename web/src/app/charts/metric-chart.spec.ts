import { TestBed } from '@angular/core/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
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
  afterEach(() => vi.unstubAllGlobals());

  async function render() {
    const fixture = TestBed.createComponent(MetricChart);
    fixture.componentRef.setInput('label', 'CPU %');
    fixture.componentRef.setInput('series', { xs: [10, 20], ys: [1, 2] });
    await fixture.whenStable();
    return fixture;
  }

  it('builds one chart with the first data', async () => {
    await render();
    expect(plots.instances).toHaveLength(1);
    expect(plots.instances[0]?.data).toEqual([[10, 20], [1, 2]]);
  });

  it('updates the same chart with setData when the series changes, never rebuilding it', async () => {
    const fixture = await render();
    fixture.componentRef.setInput('series', { xs: [10, 20, 30], ys: [1, 2, 3] });
    await fixture.whenStable();
    expect(plots.instances).toHaveLength(1);
    expect(plots.instances[0]?.setData).toHaveBeenLastCalledWith([[10, 20, 30], [1, 2, 3]]);
  });

  it('asks for new data when the threshold levels change, so the lines follow', async () => {
    const fixture = await render();
    const calls = plots.instances[0]?.setData.mock.calls.length ?? 0;
    fixture.componentRef.setInput('thresholds', { warning: 80, critical: 95 });
    await fixture.whenStable();
    expect(plots.instances[0]?.setData.mock.calls.length).toBe(calls + 1);
  });

  it('destroys the chart with the component', async () => {
    const fixture = await render();
    fixture.destroy();
    expect(plots.instances[0]?.destroy).toHaveBeenCalledOnce();
  });
});
