// The door's copy on the device (IndexedDB): each event's check-in list (codes, names, status and
// check-in only) and the queue of check-ins and undos not yet synced, which survives a reload.

export type Ticket = {
  eventId: string;
  code: string;
  name: string;
  status: string;
  checkedInAt: string | null;
  checkedInBy: string | null;
};

export type Queued = { eventId: string; nonce: string; action: 'check-in' | 'undo'; ticketCode: string; at: string };

export type Meta = {
  eventId: string;
  /** The server's time of the last list it sent (changes are asked for from about then). */
  syncedUntil: string;
  /** The states that may pass the door, and why each other one may not (the server's rule). */
  admits: string[];
  refusals: Record<string, string>;
};

const NAME = 'gathering-door';

const done = <T>(request: IDBRequest<T>) =>
  new Promise<T>((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });

const finished = (tx: IDBTransaction) =>
  new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });

/** Every key of one event in a store keyed by [eventId, …]. */
const ofEvent = (eventId: string) => IDBKeyRange.bound([eventId], [eventId, []]);

export class DoorStore {
  private constructor(
    private readonly db: IDBDatabase,
    readonly eventId: string,
  ) {}

  static async open(eventId: string): Promise<DoorStore> {
    const request = indexedDB.open(NAME, 1);
    request.onupgradeneeded = () => {
      const db = request.result;
      db.createObjectStore('tickets', { keyPath: ['eventId', 'code'] });
      db.createObjectStore('queue', { keyPath: ['eventId', 'nonce'] });
      db.createObjectStore('meta', { keyPath: 'eventId' });
    };
    return new DoorStore(await done(request), eventId);
  }

  async tickets(): Promise<Ticket[]> {
    return done(this.db.transaction('tickets').objectStore('tickets').getAll(ofEvent(this.eventId)));
  }

  async queue(): Promise<Queued[]> {
    const all = await done(this.db.transaction('queue').objectStore('queue').getAll(ofEvent(this.eventId)));
    return all.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  }

  async meta(): Promise<Meta | undefined> {
    return done(this.db.transaction('meta').objectStore('meta').get(this.eventId));
  }

  /** Stores tickets from the server (all of the event's when `full`, replacing the old list). */
  async saveList(tickets: Ticket[], meta: Meta, full: boolean): Promise<void> {
    const tx = this.db.transaction(['tickets', 'meta'], 'readwrite');
    const store = tx.objectStore('tickets');
    if (full) store.delete(ofEvent(this.eventId));
    for (const t of tickets) store.put(t);
    tx.objectStore('meta').put(meta);
    await finished(tx);
  }

  /** A check-in or undo made here: the ticket's new state and the queued action, together. */
  async record(ticket: Ticket | undefined, item: Queued): Promise<void> {
    const tx = this.db.transaction(['tickets', 'queue'], 'readwrite');
    if (ticket) tx.objectStore('tickets').put(ticket);
    tx.objectStore('queue').put(item);
    await finished(tx);
  }

  /** After a sync: the tickets as the server has them, and the items it answered, off the queue. */
  async synced(tickets: Ticket[], nonces: string[]): Promise<void> {
    const tx = this.db.transaction(['tickets', 'queue'], 'readwrite');
    for (const t of tickets) tx.objectStore('tickets').put(t);
    for (const n of nonces) tx.objectStore('queue').delete([this.eventId, n]);
    await finished(tx);
  }

  /** Removes this event's list from the device (the queue must be empty, or it would be lost). */
  async forget(): Promise<void> {
    const tx = this.db.transaction(['tickets', 'meta'], 'readwrite');
    tx.objectStore('tickets').delete(ofEvent(this.eventId));
    tx.objectStore('meta').delete(this.eventId);
    await finished(tx);
  }
}
