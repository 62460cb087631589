/** Other people's pointers on the canvas, in flow coordinates (inside a ViewportPortal). */
import { memo } from "react";
import type { Awareness } from "y-protocols/awareness";
import { useRemotePeers, type RemotePeer } from "./use-canvas-collab";

const pick = (peers: RemotePeer[]) => peers.filter((p) => p.cursor);
const key = (peers: RemotePeer[]) => peers.map((p) => `${p.clientId}:${p.cursor!.x.toFixed(0)},${p.cursor!.y.toFixed(0)}:${p.user.name}:${p.user.color}`).join("|");

export const RemoteCursors = memo(function RemoteCursors({ awareness }: { awareness: Awareness | null }) {
  const peers = useRemotePeers(awareness, pick, key, [] as RemotePeer[]);
  return (
    <>
      {peers.map((p) => (
        <div
          key={p.clientId}
          className="pointer-events-none absolute left-0 top-0 z-[1000] transition-transform duration-75 ease-linear"
          style={{ transform: `translate(${p.cursor!.x}px, ${p.cursor!.y}px)` }}
          data-testid="remote-cursor"
          data-name={p.user.name}
        >
          <svg width="18" height="18" viewBox="0 0 18 18" aria-hidden style={{ color: p.user.color }}>
            <path d="M1 1l6.5 15 2.2-6.3L16 7.5z" fill="currentColor" stroke="#fff" strokeWidth="1.3" strokeLinejoin="round" />
          </svg>
          <span className="ml-3 -mt-1 inline-block whitespace-nowrap rounded px-1.5 py-0.5 text-[11px] font-semibold text-white shadow" style={{ background: p.user.color }}>
            {p.user.name}
          </span>
        </div>
      ))}
    </>
  );
});
