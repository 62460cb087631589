/** Native drag and drop of sticky notes: a drop target that highlights while a note hovers it. */
import { useState } from "react";
import { NOTE_DRAG_TYPE } from "./board-types";

export function useNoteDropZone(enabled: boolean, onDropNote: (noteId: string) => void, stop = false) {
  const [over, setOver] = useState(false);
  if (!enabled) return { over: false, handlers: {} };
  const accepts = (e: React.DragEvent) => e.dataTransfer.types.includes(NOTE_DRAG_TYPE);
  return {
    over,
    handlers: {
      onDragOver: (e: React.DragEvent) => {
        if (!accepts(e)) return;
        e.preventDefault();
        if (stop) e.stopPropagation();
        e.dataTransfer.dropEffect = "move";
        if (!over) setOver(true);
      },
      onDragLeave: (e: React.DragEvent) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setOver(false);
      },
      onDrop: (e: React.DragEvent) => {
        if (stop) e.stopPropagation();
        setOver(false);
        const id = e.dataTransfer.getData(NOTE_DRAG_TYPE);
        if (id) {
          e.preventDefault();
          onDropNote(id);
        }
      },
    },
  };
}
