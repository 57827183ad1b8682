import { describe, expect, it } from 'vitest';
import { liveWindowAt } from '../testing/fake-gateways';
import { fleetFigure } from './fleet-summary';

const T0 = 1_795_400_000_000;

describe('fleetFigure', () => {
  const window = liveWindowAt(T0, { cpu: [40, 60], requests: [300, 200], active_users: [10, 30] });

  it('shows CPU as the mean of the samples', () => {
    expect(fleetFigure('cpu', window, T0 + 10_000, 2)).toBe(50);
  });

  it('shows requests per second over a complete window', () => {
    expect(fleetFigure('requests', window, T0 + 60_000, 2)).toBe(50);
  });

  it('shows requests per second over the elapsed part of the current window', () => {
    expect(fleetFigure('requests', window, T0 + 5_000, 2)).toBe(100);
  });

  it('shows active users as the mean per host times the hosts reporting', () => {
    expect(fleetFigure('active_users', window, T0, 3)).toBe(60);
  });

  it('shows nothing for a metric the window lacks', () => {
    expect(fleetFigure('requests', liveWindowAt(T0, { cpu: [1] }), T0, 1)).toBeNull();
  });
});
