/** Joins class names, skipping falsy values. Variants below never set the same property twice. */
export function cn(...parts: Array<string | false | null | undefined>): string {
  return parts.filter(Boolean).join(" ");
}
