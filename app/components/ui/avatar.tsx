import { cn } from "./cn";

const PALETTE = [
  "bg-brand-100 text-brand-800",
  "bg-emerald-100 text-emerald-800",
  "bg-amber-100 text-amber-900",
  "bg-violet-100 text-violet-800",
  "bg-rose-100 text-rose-800",
  "bg-cyan-100 text-cyan-800",
  "bg-slate-200 text-slate-800",
];

/** Initials for a name: the last two characters of a Chinese name (陈明 → 陈明, 欧阳娜娜 → 娜娜), else initials. */
export function initials(name: string): string {
  const trimmed = name.trim();
  if (!trimmed) return "?";
  if (/[\u3400-\u9fff]/.test(trimmed)) return [...trimmed.replace(/\s+/g, "")].slice(-2).join("");
  const words = trimmed.split(/\s+/);
  const letters = words.length > 1 ? words[0][0] + words[words.length - 1][0] : trimmed.slice(0, 2);
  return letters.toUpperCase();
}

function hash(text: string): number {
  let h = 0;
  for (const ch of text) h = (h * 31 + ch.codePointAt(0)!) >>> 0;
  return h;
}

export function Avatar({ name, seed, size = "md", className }: { name: string; seed?: string; size?: "sm" | "md" | "lg"; className?: string }) {
  const sizes = { sm: "h-7 w-7 text-[11px]", md: "h-9 w-9 text-xs", lg: "h-11 w-11 text-sm" };
  return (
    <span
      aria-hidden
      className={cn(
        "inline-flex shrink-0 select-none items-center justify-center rounded-full font-semibold",
        sizes[size],
        PALETTE[hash(seed ?? name) % PALETTE.length],
        className,
      )}
    >
      {initials(name)}
    </span>
  );
}
