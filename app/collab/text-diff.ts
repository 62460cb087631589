/**
 * Minimal text edits for binding a plain text control to a Y.Text: the common prefix and suffix
 * are kept, only the middle is replaced; and caret positions are carried through remote deltas.
 */
import type * as Y from "yjs";

export interface TextEdit {
  index: number;
  remove: number;
  insert: string;
}

/** The smallest single splice turning `before` into `after` (common prefix and suffix kept). */
export function diffText(before: string, after: string): TextEdit | null {
  if (before === after) return null;
  const max = Math.min(before.length, after.length);
  let start = 0;
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  // Never split a surrogate pair.
  if (start > 0 && isHighSurrogate(before.charCodeAt(start - 1))) start--;
  let end = 0;
  while (
    end < max - start &&
    before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)
  )
    end++;
  if (end > 0 && isLowSurrogate(before.charCodeAt(before.length - end))) end--;
  return { index: start, remove: before.length - start - end, insert: after.slice(start, after.length - end) };
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** Applies the minimal splice to a Y.Text so it reads `next` (call inside a transaction to batch). */
export function replaceText(text: Y.Text, next: string): void {
  const edit = diffText(text.toString(), next);
  if (!edit) return;
  if (edit.remove > 0) text.delete(edit.index, edit.remove);
  if (edit.insert) text.insert(edit.index, edit.insert);
}

export type TextDelta = { retain?: number; insert?: string | object; delete?: number }[];

/**
 * Where a caret at `index` ends up after a remote change described by a Y.Text delta.
 * An insertion exactly at the caret pushes it right only when `stickRight` is set.
 */
export function transformIndex(index: number, delta: TextDelta, stickRight = false): number {
  let oldPos = 0; // position in the text before the change
  let shift = 0;
  for (const op of delta) {
    if (oldPos > index) break;
    if (op.retain !== undefined) {
      oldPos += op.retain;
    } else if (op.insert !== undefined) {
      const len = typeof op.insert === "string" ? op.insert.length : 1;
      if (oldPos < index || (oldPos === index && stickRight)) shift += len;
    } else if (op.delete !== undefined) {
      const end = oldPos + op.delete;
      if (end <= index) shift -= op.delete;
      else if (oldPos < index) shift -= index - oldPos;
      oldPos = end;
    }
  }
  return Math.max(0, index + shift);
}
