/**
 * Runs a 2nd-gen scheduled function the way Cloud Scheduler does in production: an HTTP POST
 * carrying the `X-CloudScheduler-*` headers, whose schedule time firebase-functions hands to the
 * handler as `event.scheduleTime`. The emulators never fire schedules on their own
 * (firebase-tools issue #2034), so `npm start` and the integration tests call this.
 */

/**
 * firebase-tools 15 keeps a scheduled function under an internal key
 * `<region>-<name>-<generation>`, not its plain name, so the plain URL answers 404 with the list of
 * the keys it knows; the key's URL reaches the function (docs/DATA-MODEL.md, "Silent hosts").
 */
function registeredKeyUrl(functionUrl: string, notFoundText: string): string | undefined {
  const url = new URL(functionUrl);
  const [, projectId, region, name] = url.pathname.split('/');
  const key = new RegExp(`^${region}-${name}-\\d+$`);
  const known = notFoundText.slice(notFoundText.indexOf(':') + 1).split(',').map((entry) => entry.trim());
  const match = known.find((entry) => key.test(entry));
  return match === undefined ? undefined : `${url.origin}/${projectId}/${region}/${match.slice(`${region}-`.length)}`;
}

function post(url: string, jobName: string, scheduleTime: Date): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: {
      'X-CloudScheduler': 'true',
      'X-CloudScheduler-JobName': jobName,
      'X-CloudScheduler-ScheduleTime': scheduleTime.toISOString(),
    },
  });
}

/** POSTs to the scheduled function at `functionUrl` (its plain emulator URL); throws unless it succeeded. */
export async function runScheduledFunction(functionUrl: string, scheduleTime = new Date()): Promise<void> {
  const jobName = `emulator-${new URL(functionUrl).pathname.split('/').at(-1)}`;
  let response = await post(functionUrl, jobName, scheduleTime);
  if (response.status === 404) {
    const keyUrl = registeredKeyUrl(functionUrl, await response.text());
    if (keyUrl === undefined) throw new Error(`the Functions emulator has no scheduled function at ${functionUrl}`);
    response = await post(keyUrl, jobName, scheduleTime);
  }
  if (!response.ok) throw new Error(`scheduled function ${functionUrl} answered ${response.status}`);
}
