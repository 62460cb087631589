import { useTranslation } from "~/i18n/react";
import { Avatar, Tooltip } from "~/components/ui";
import type { Peer, PresenceUser } from "~/collab/presence";

/** Who is here: one avatar per person (ringed in their colour), with the field they are in. */
export function PresenceAvatars({ me, peers, fieldLabel }: { me: PresenceUser; peers: Peer[]; fieldLabel: (field: string) => string }) {
  const { t } = useTranslation();
  const people = new Map<string, { user: PresenceUser; fields: string[] }>();
  for (const p of peers) {
    if (p.user.id === me.id) continue;
    const entry = people.get(p.user.id) ?? { user: p.user, fields: [] };
    if (p.field && !entry.fields.includes(p.field)) entry.fields.push(p.field);
    people.set(p.user.id, entry);
  }
  const list = [...people.values()];
  return (
    <div className="flex items-center gap-2" data-testid="presence">
      <span className="text-xs text-slate-500">{t("collab.presence.here", { count: list.length + 1 })}</span>
      <div className="flex -space-x-1.5">
        <Tooltip content={t("collab.presence.you")}>
          <span className="rounded-full ring-2 ring-offset-1" style={{ ["--tw-ring-color" as string]: me.color }}>
            <Avatar name={me.name} seed={me.id} size="sm" />
          </span>
        </Tooltip>
        {list.map(({ user, fields }) => (
          <Tooltip
            key={user.id}
            content={fields.length ? t("collab.presence.inField", { name: user.name, field: fields.map(fieldLabel).join(", ") }) : user.name}
          >
            <span
              className="rounded-full ring-2 ring-offset-1"
              style={{ ["--tw-ring-color" as string]: user.color }}
              data-testid="presence-peer"
              data-name={user.name}
            >
              <Avatar name={user.name} seed={user.id} size="sm" />
            </span>
          </Tooltip>
        ))}
      </div>
    </div>
  );
}
