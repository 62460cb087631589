/** How each sticky colour looks: the card, and the small swatch used in pickers. */
import type { NoteColour } from "~/models/vision-doc";

export const COLOUR_CLASSES: Record<NoteColour, string> = {
  yellow: "bg-amber-50 border-amber-200",
  pink: "bg-pink-50 border-pink-200",
  blue: "bg-sky-50 border-sky-200",
  green: "bg-emerald-50 border-emerald-200",
  orange: "bg-orange-50 border-orange-200",
  purple: "bg-violet-50 border-violet-200",
};

export const SWATCH_CLASSES: Record<NoteColour, string> = {
  yellow: "bg-amber-300",
  pink: "bg-pink-300",
  blue: "bg-sky-300",
  green: "bg-emerald-300",
  orange: "bg-orange-300",
  purple: "bg-violet-300",
};
