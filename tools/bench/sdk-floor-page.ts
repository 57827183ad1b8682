/**
 * The page of `npm run bench:sdk-floor`: the bare Firebase Web SDK against the Firestore emulator,
 * no app around it. The query string picks the cache and whether a query listens to the collection
 * it writes to.
 */
import { initializeApp } from 'firebase/app';
import {
  collection,
  connectFirestoreEmulator,
  doc,
  initializeFirestore,
  limit,
  memoryLocalCache,
  onSnapshot,
  orderBy,
  persistentLocalCache,
  persistentMultipleTabManager,
  persistentSingleTabManager,
  query,
  serverTimestamp,
  setDoc,
} from 'firebase/firestore';

export interface SdkFloorProbe {
  /** Milliseconds from setDoc to its acknowledgement, one write after another. */
  acknowledge(writes: number): Promise<number[]>;
  /** Milliseconds from each `sentAt` stamped into `floor/watched` by Node to this page's listener. */
  readonly arrivals: number[];
}

declare global {
  interface Window {
    sdkFloor?: SdkFloorProbe;
  }
}

const options = new URLSearchParams(location.search);
const app = initializeApp({ projectId: options.get('project') ?? '', apiKey: 'bench', appId: 'bench' });
const LOCAL_CACHES = {
  memory: () => memoryLocalCache(),
  persistent: () => persistentLocalCache({ tabManager: persistentMultipleTabManager() }),
  'persistent-single-tab': () => persistentLocalCache({ tabManager: persistentSingleTabManager(undefined) }),
};
const makeCache = Object.entries(LOCAL_CACHES).find(([name]) => name === options.get('cache'))?.[1] ?? LOCAL_CACHES.memory;
const db = initializeFirestore(app, { localCache: makeCache() });
const [host = '127.0.0.1', port = '8080'] = (options.get('firestore') ?? '').split(':');
connectFirestoreEmulator(db, host, Number(port));

const written = options.get('collection') ?? 'floor-writes';
// The shape of the app's command history listener: newest first by a server timestamp, capped.
if (options.get('listener') === 'yes') onSnapshot(query(collection(db, written), orderBy('requestedAt', 'desc'), limit(300)), () => undefined);

const arrivals: number[] = [];
onSnapshot(doc(db, 'floor/watched'), (snapshot) => {
  const sentAt: unknown = snapshot.get('sentAt');
  if (typeof sentAt === 'number') arrivals.push(Date.now() - sentAt);
});

window.sdkFloor = {
  arrivals,
  async acknowledge(writes) {
    const times: number[] = [];
    for (let i = 0; i < writes; i++) {
      const started = performance.now();
      await setDoc(doc(db, written, `w${i}`), { i, requestedAt: serverTimestamp(), status: 'pending' });
      times.push(performance.now() - started);
    }
    return times;
  },
};
