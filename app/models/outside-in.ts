/**
 * Outside-in analysis, the pure part: time buckets for trends, cross-channel hops and first-contact
 * resolution (FCR) over the contacts that carry a customer id.
 *
 * Definitions (shown in the UI as well):
 * - A customer's contacts are ordered by date; contacts on the same day keep the order given
 *   (the caller passes them in import order).
 * - Hop: two consecutive contacts of the same customer on DIFFERENT channels, the second at most
 *   N days after the first (from → to). Consecutive contacts on the same channel are a repeat,
 *   not a hop.
 * - FCR: the share of contacts (with a customer id) NOT followed by another contact of the same
 *   customer, on any channel, within N days. Per channel: by the channel of the contact judged.
 */

export interface Contact {
  id?: string;
  customerId: string;
  channel: string;
  /** YYYY-MM-DD */
  occurredOn: string;
}

export const DAY_MS = 86_400_000;

export function dayNumber(isoDate: string): number {
  return Math.floor(Date.UTC(Number(isoDate.slice(0, 4)), Number(isoDate.slice(5, 7)) - 1, Number(isoDate.slice(8, 10))) / DAY_MS);
}

export function dateOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export type TrendGrain = "day" | "week" | "month";

/** The bucket a date belongs to: the day itself, the Monday of its ISO week, or YYYY-MM. */
export function bucketOf(isoDate: string, grain: TrendGrain): string {
  if (grain === "day") return isoDate.slice(0, 10);
  if (grain === "month") return isoDate.slice(0, 7);
  const d = dayNumber(isoDate);
  // 1970-01-01 was a Thursday: (d + 3) % 7 is 0 on Mondays.
  return dateOfDay(d - ((((d + 3) % 7) + 7) % 7));
}

/** A grain that gives a readable number of points for the span: days up to ~2 months, weeks up to ~1 year, else months. */
export function grainFor(from: string, to: string): TrendGrain {
  const span = dayNumber(to) - dayNumber(from);
  if (span <= 62) return "day";
  if (span <= 370) return "week";
  return "month";
}

/** Sums per-day counts into buckets, filling empty buckets between the first and the last. */
export function trendBuckets(days: { day: string; count: number }[], grain: TrendGrain): { bucket: string; count: number }[] {
  if (!days.length) return [];
  const sums = new Map<string, number>();
  let first = days[0].day;
  let last = days[0].day;
  for (const d of days) {
    const b = bucketOf(d.day, grain);
    sums.set(b, (sums.get(b) ?? 0) + d.count);
    if (d.day < first) first = d.day;
    if (d.day > last) last = d.day;
  }
  const out: { bucket: string; count: number }[] = [];
  const end = bucketOf(last, grain);
  let cur = bucketOf(first, grain);
  for (let guard = 0; guard < 5000; guard++) {
    out.push({ bucket: cur, count: sums.get(cur) ?? 0 });
    if (cur >= end) break;
    if (grain === "month") {
      const y = Number(cur.slice(0, 4));
      const m = Number(cur.slice(5, 7));
      cur = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
    } else {
      cur = dateOfDay(dayNumber(cur) + (grain === "week" ? 7 : 1));
    }
  }
  return out;
}

interface Indexed {
  id?: string;
  channel: string;
  day: number;
  order: number;
}

/** Groups contacts by customer, each customer's contacts in date order (stable for the same day). */
function byCustomer(contacts: Iterable<Contact>): Indexed[][] {
  const groups = new Map<string, Indexed[]>();
  const days = new Map<string, number>();
  let order = 0;
  for (const c of contacts) {
    if (!c.customerId) continue;
    let day = days.get(c.occurredOn);
    if (day === undefined) days.set(c.occurredOn, (day = dayNumber(c.occurredOn)));
    const item: Indexed = { id: c.id, channel: c.channel, day, order: order++ };
    const list = groups.get(c.customerId);
    if (list) list.push(item);
    else groups.set(c.customerId, [item]);
  }
  const out: Indexed[][] = [];
  for (const list of groups.values()) {
    if (list.length > 1) list.sort((a, b) => a.day - b.day || a.order - b.order);
    out.push(list);
  }
  return out;
}

/** Contacts grouped once, for computing hops and FCR over the same data without grouping twice. */
export interface GroupedContacts {
  readonly groups: Indexed[][];
}

export function groupContacts(contacts: Iterable<Contact>): GroupedContacts {
  return { groups: byCustomer(contacts) };
}

function groupsOf(input: Iterable<Contact> | GroupedContacts): Indexed[][] {
  return "groups" in input ? input.groups : byCustomer(input);
}

export interface HopPair {
  from: string;
  to: string;
  count: number;
}

export interface HopResult {
  pairs: HopPair[];
  totalHops: number;
  /** Customers with at least one hop. */
  customers: number;
  /** Contacts that carry a customer id (the base of the analysis). */
  contacts: number;
}

/** Cross-channel hops within `days` days (see the module comment), pairs sorted by count. */
export function crossChannelHops(contacts: Iterable<Contact> | GroupedContacts, days: number): HopResult {
  const counts = new Map<string, HopPair>();
  let totalHops = 0;
  let customers = 0;
  let n = 0;
  for (const list of groupsOf(contacts)) {
    n += list.length;
    let hopped = false;
    for (let i = 1; i < list.length; i++) {
      const a = list[i - 1];
      const b = list[i];
      if (a.channel === b.channel || b.day - a.day > days) continue;
      const key = `${a.channel}\u0000${b.channel}`;
      const pair = counts.get(key);
      if (pair) pair.count++;
      else counts.set(key, { from: a.channel, to: b.channel, count: 1 });
      totalHops++;
      hopped = true;
    }
    if (hopped) customers++;
  }
  const pairs = [...counts.values()].sort((x, y) => y.count - x.count || x.from.localeCompare(y.from) || x.to.localeCompare(y.to));
  return { pairs, totalHops, customers, contacts: n };
}

/** The ids of both contacts of every hop from → to (for the drill-down), in date order. */
export function hopContactIds(contacts: Iterable<Contact>, days: number, from: string, to: string): string[] {
  const ids: string[] = [];
  for (const list of byCustomer(contacts)) {
    for (let i = 1; i < list.length; i++) {
      const a = list[i - 1];
      const b = list[i];
      if (a.channel !== from || b.channel !== to || a.channel === b.channel || b.day - a.day > days) continue;
      if (a.id && ids[ids.length - 1] !== a.id) ids.push(a.id);
      if (b.id) ids.push(b.id);
    }
  }
  return ids;
}

export interface FcrCell {
  channel: string;
  contacts: number;
  resolved: number;
  /** resolved / contacts, 0…1 (null with no contacts). */
  rate: number | null;
}

export interface FcrResult {
  overall: FcrCell;
  byChannel: FcrCell[];
}

/** Is contact i of a customer's ordered list followed by another contact within `days`? */
function repeated(list: Indexed[], i: number, days: number): boolean {
  const next = list[i + 1];
  return next !== undefined && next.day - list[i].day <= days;
}

/** First-contact resolution within `days` days (see the module comment), overall and per channel. */
export function firstContactResolution(contacts: Iterable<Contact> | GroupedContacts, days: number): FcrResult {
  const per = new Map<string, FcrCell>();
  const overall: FcrCell = { channel: "*", contacts: 0, resolved: 0, rate: null };
  for (const list of groupsOf(contacts)) {
    for (let i = 0; i < list.length; i++) {
      const c = list[i];
      let cell = per.get(c.channel);
      if (!cell) per.set(c.channel, (cell = { channel: c.channel, contacts: 0, resolved: 0, rate: null }));
      cell.contacts++;
      overall.contacts++;
      if (!repeated(list, i, days)) {
        cell.resolved++;
        overall.resolved++;
      }
    }
  }
  const rate = (c: FcrCell) => ({ ...c, rate: c.contacts ? c.resolved / c.contacts : null });
  return { overall: rate(overall), byChannel: [...per.values()].map(rate).sort((a, b) => b.contacts - a.contacts || a.channel.localeCompare(b.channel)) };
}

/** The ids of contacts (optionally of one channel) followed by a repeat contact within `days` (FCR drill-down). */
export function repeatContactIds(contacts: Iterable<Contact>, days: number, channel?: string): string[] {
  const ids: string[] = [];
  for (const list of byCustomer(contacts)) {
    for (let i = 0; i < list.length; i++) {
      const c = list[i];
      if (channel && c.channel !== channel) continue;
      if (c.id && repeated(list, i, days)) ids.push(c.id);
    }
  }
  return ids;
}
