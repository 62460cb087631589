/**
 * Other people's carets and selections drawn over a textarea: a transparent copy of the text with
 * the same box and typography, a coloured bar at each caret (with the person's name) and a tinted
 * selection. Purely visual (aria-hidden, no pointer events).
 */
import type { Peer } from "~/collab/presence";
import { cn } from "~/components/ui";

export function RemoteCarets({ value, peers, className }: { value: string; peers: Peer[]; className: string }) {
  return (
    <>
      {peers.map((peer) => {
        if (!peer.selection) return null;
        const head = Math.min(peer.selection.head, value.length);
        const anchor = Math.min(peer.selection.anchor, value.length);
        const start = Math.min(head, anchor);
        const end = Math.max(head, anchor);
        const caret = (
          <span className="relative inline-block h-6 w-0 align-top">
            <span className="absolute -left-px top-0.5 h-5 w-0.5 rounded" style={{ background: peer.user.color }} />
            <span
              className="absolute -top-4 left-0 whitespace-nowrap rounded px-1 py-px text-[10px] font-medium leading-3 text-white shadow-sm"
              style={{ background: peer.user.color }}
            >
              {peer.user.name}
            </span>
          </span>
        );
        return (
          <div
            key={peer.clientId}
            aria-hidden
            data-testid="remote-caret"
            data-name={peer.user.name}
            className={cn(className, "pointer-events-none absolute inset-0 border-transparent bg-transparent text-transparent")}
          >
            {value.slice(0, start)}
            {head === start ? caret : null}
            <span style={{ background: `${peer.user.color}33` }}>{value.slice(start, end)}</span>
            {head !== start ? caret : null}
            {value.slice(end)}
            {"\u200b"}
          </div>
        );
      })}
    </>
  );
}
