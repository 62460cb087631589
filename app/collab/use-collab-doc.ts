/**
 * useCollabDoc(docName): the live Y.Doc of a document, synced with the server over the stock
 * y-websocket provider at /collab/<docName>, cached in IndexedDB (y-indexeddb) so edits made
 * offline survive a reload and merge on reconnect; with its status and presence.
 * Browser only: on the server (SSR) it returns no doc and status "connecting".
 */
import { useEffect, useState } from "react";
import * as Y from "yjs";
import { WebsocketProvider } from "y-websocket";
import { IndexeddbPersistence } from "y-indexeddb";
import type { Awareness } from "y-protocols/awareness";
import * as decoding from "lib0/decoding";
import { readPeers, type Peer, type PresenceUser } from "./presence";
import { UnsyncedTracker } from "./unsynced-tracker";

const MESSAGE_SYNC = 0;

export type CollabStatus = "connecting" | "synced" | "offline";

export interface CollabDoc {
  doc: Y.Doc | null;
  awareness: Awareness | null;
  status: CollabStatus;
  /** Local changes the server has not confirmed yet. */
  unsynced: number;
  peers: Peer[];
}

function socketBase(): string {
  const proto = window.location.protocol === "https:" ? "wss:" : "ws:";
  return `${proto}//${window.location.host}/collab`;
}

export function useCollabDoc(docName: string, user: PresenceUser): CollabDoc {
  const [state, setState] = useState<CollabDoc>({ doc: null, awareness: null, status: "connecting", unsynced: 0, peers: [] });

  useEffect(() => {
    const doc = new Y.Doc();
    const cache = new IndexeddbPersistence(`cx:${user.id}:${docName}`, doc);
    const provider = new WebsocketProvider(socketBase(), docName, doc, { disableBc: true });
    const tracker = new UnsyncedTracker(doc);
    const awareness = provider.awareness;
    awareness.setLocalStateField("user", user);

    let connected = false;
    const refresh = () =>
      setState({
        doc,
        awareness,
        status: !connected ? (provider.wsconnecting ? "connecting" : "offline") : provider.synced ? "synced" : "connecting",
        unsynced: tracker.count,
        peers: readPeers(awareness, doc),
      });

    let clockBefore = 0;
    const onBefore = (tr: Y.Transaction) => {
      if (tr.origin !== provider && tr.origin !== cache) clockBefore = Y.getState(doc.store, doc.clientID);
    };
    const onUpdate = (update: Uint8Array, origin: unknown) => {
      if (origin !== provider && origin !== cache) tracker.local(clockBefore, update);
      refresh();
    };
    // The server echoes our own changes once it has logged them; they change nothing locally, so
    // no doc event fires: peek at every incoming sync message instead (messageHandlers is public).
    const syncHandler = provider.messageHandlers[MESSAGE_SYNC];
    provider.messageHandlers[MESSAGE_SYNC] = (encoder, decoder, p, emitSynced, messageType) => {
      const peek = decoding.clone(decoder);
      const step = decoding.readVarUint(peek);
      if (step === 1 || step === 2) {
        tracker.remote(decoding.readVarUint8Array(peek));
        refresh();
      }
      syncHandler(encoder, decoder, p, emitSynced, messageType);
    };
    const onStatus = ({ status }: { status: string }) => {
      connected = status === "connected";
      refresh();
    };
    const onSync = (synced: boolean) => {
      if (synced) tracker.synced();
      refresh();
    };
    doc.on("beforeTransaction", onBefore);
    doc.on("update", onUpdate);
    provider.on("status", onStatus);
    provider.on("sync", onSync);
    provider.on("connection-close", () => {
      connected = false;
      refresh();
    });
    awareness.on("change", refresh);
    refresh();

    return () => {
      doc.off("beforeTransaction", onBefore);
      doc.off("update", onUpdate);
      awareness.off("change", refresh);
      provider.destroy();
      void cache.destroy();
      doc.destroy();
    };
  }, [docName, user.id, user.name, user.color]);

  return state;
}
