import { computed, inject } from '@angular/core';
import { patchState, signalStore, withComputed, withHooks, withMethods, withState } from '@ngrx/signals';
import {
  COMMAND_DEADLINE_MS,
  type AlertDoc,
  type CommandPayload,
  type MaintenanceWindows,
  type PayloadOf,
  type TenantSettings,
  type ThresholdLevels,
} from '@pulseboard/contracts';
import { errorMessage } from '../firebase/error-message';
import { withListeners } from '../stores/with-listeners';
import { COMMANDS_GATEWAY } from './commands-gateway';
import { overlaidAlertState } from './kinds/alert-state';
import { overlaidMaintenance, type ShownWindow } from './kinds/maintenance';
import { overlaidSilence } from './kinds/silence-host';
import { overlaidThreshold } from './kinds/set-threshold';
import { overlaidTenantSettings } from './kinds/set-tenant-settings';
import {
  settleAnswered,
  settleFailedWrite,
  settleTimedOut,
  withAccepted,
  withQueuedWrites,
  type CommandNotice,
  type Overlaid,
  type OwnCommand,
  type PendingCommand,
  type Settlement,
} from './pending-commands';

/**
 * The client gives up a little after the server would: the function rejects anything older than
 * the deadline as expired, so once this passes nothing can still be applied behind the
 * operator's back; the margin covers the trip of the answer.
 */
export const COMMAND_CLIENT_TIMEOUT_MS = COMMAND_DEADLINE_MS + 2_000;
const NOTICES_KEPT = 20;

type CommandsState = {
  tenantId: string | null;
  /** In submission order: the overlay logic depends on it. */
  pending: readonly PendingCommand[];
  /** Newest first. */
  notices: readonly CommandNotice[];
};

const initialState: CommandsState = { tenantId: null, pending: [], notices: [] };

export const CommandsStore = signalStore(
  { providedIn: 'root' },
  withState(initialState),
  withListeners(),
  withComputed(({ pending, notices }) => ({
    /** Some change waits for the connection: the SDK holds the write locally. */
    hasQueuedWrites: computed(() => pending().some((command) => command.acceptedAt === null)),
    latestNotice: computed(() => notices()[0] ?? null),
  })),
  withMethods((store, gateway = inject(COMMANDS_GATEWAY)) => {
    const timers = new Set<ReturnType<typeof setTimeout>>();

    function applySettlement({ remaining, notices }: Settlement): void {
      patchState(store, {
        pending: remaining,
        notices: notices.length ? [...notices, ...store.notices()].slice(0, NOTICES_KEPT) : store.notices(),
      });
    }

    function startTimeout(): void {
      const timer = setTimeout(() => {
        timers.delete(timer);
        applySettlement(settleTimedOut(store.pending(), Date.now(), COMMAND_CLIENT_TIMEOUT_MS));
      }, COMMAND_CLIENT_TIMEOUT_MS);
      timers.add(timer);
    }

    function clearTimers(): void {
      timers.forEach(clearTimeout);
      timers.clear();
    }

    /** Shows the change at once, writes it, and returns its correlation id. */
    async function submit(payload: CommandPayload): Promise<string> {
      const tenantId = store.tenantId();
      if (tenantId === null) throw new Error('No tenant is selected.');
      const id = gateway.newCommandId(tenantId);
      const clickedAt = Date.now();
      patchState(store, { pending: [...store.pending(), { id, payload, clickedAt, acceptedAt: null, restored: false }] });
      try {
        await gateway.create(tenantId, id, payload, clickedAt);
      } catch (error) {
        applySettlement(settleFailedWrite(store.pending(), id, errorMessage(error)));
        return id;
      }
      if (store.tenantId() === tenantId) {
        patchState(store, { pending: withAccepted(store.pending(), id, Date.now()) });
        startTimeout();
      }
      return id;
    }

    /** The listener's view of the operator's commands: the SDK's queue followed, then the answers settled. */
    function followOwn(own: readonly OwnCommand[]): void {
      const { accepted, ...settlement } = withQueuedWrites(store.pending(), own, Date.now());
      applySettlement(settlement);
      if (accepted.length > 0) startTimeout();
      applySettlement(settleAnswered(store.pending(), own));
    }

    return {
      submitThreshold: (host: string, metric: string, levels: ThresholdLevels | null) =>
        submit({ kind: 'set-threshold', host, metric, levels }),
      ackAlert: (alertId: string) => submit({ kind: 'ack-alert', alertId }),
      resolveAlert: (alertId: string) => submit({ kind: 'resolve-alert', alertId }),
      silenceHost: (host: string, until: number | null) => submit({ kind: 'silence-host', host, until }),
      submitTenantSettings: (settings: TenantSettings) => submit({ kind: 'set-tenant-settings', settings }),
      scheduleMaintenance: (window: Omit<PayloadOf<'schedule-maintenance'>, 'kind'>) => submit({ kind: 'schedule-maintenance', ...window }),
      cancelMaintenance: (windowId: string) => submit({ kind: 'cancel-maintenance', windowId }),

      dismissNotice(commandId: string): void {
        patchState(store, { notices: store.notices().filter((notice) => notice.commandId !== commandId) });
      },

      thresholdOf(host: string, metric: string, server: ThresholdLevels | null): Overlaid<ThresholdLevels | null> {
        return overlaidThreshold(server, store.pending(), host, metric);
      },
      silenceOf(host: string, server: number | null): Overlaid<number | null> {
        return overlaidSilence(server, store.pending(), host);
      },
      alertStateOf(alertId: string, server: AlertDoc['state']): Overlaid<AlertDoc['state']> {
        return overlaidAlertState(server, store.pending(), alertId);
      },
      tenantSettingsOf(server: TenantSettings | null): Overlaid<TenantSettings | null> {
        return overlaidTenantSettings(server, store.pending());
      },
      maintenanceOf(server: MaintenanceWindows | undefined): ShownWindow[] {
        return overlaidMaintenance(server, store.pending());
      },
      /** True while the SDK still holds the command's write locally (offline, or not yet acknowledged). */
      isQueued(commandId: string): boolean {
        return store.pending().some((command) => command.id === commandId && command.acceptedAt === null);
      },
      /** When the operator clicked a pending command (epoch ms), or null when it is not pending. */
      clickedAt(commandId: string): number | null {
        return store.pending().find((command) => command.id === commandId)?.clickedAt ?? null;
      },
      /** The newest rollback notice about one threshold, for an inline message on its row. */
      thresholdNotice(host: string, metric: string): CommandNotice | null {
        return (
          store
            .notices()
            .find((n) => n.payload.kind === 'set-threshold' && n.payload.host === host && n.payload.metric === metric) ??
          null
        );
      },

      /** The newest rollback notice about the tenant settings, for the settings page. */
      tenantSettingsNotice(): CommandNotice | null {
        return store.notices().find((n) => n.payload.kind === 'set-tenant-settings') ?? null;
      },

      /**
       * The operator's commands in the selected tenant: a switch drops everything of the previous
       * one. If the listener fails, commands in flight settle by the client timeout.
       */
      _followOwn(own: readonly OwnCommand[] | null, tenantId: string | null): void {
        if (own !== null) {
          followOwn(own);
          return;
        }
        clearTimers();
        patchState(store, { ...initialState, tenantId });
      },
      _clearTimers: clearTimers,
    };
  }),
  withHooks((store, gateway = inject(COMMANDS_GATEWAY)) => ({
    onInit: () => store._listenToTenant('own', (tenantId) => gateway.watchOwn(tenantId), store._followOwn),
    onDestroy: () => store._clearTimers(),
  })),
);
