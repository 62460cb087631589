/**
 * The live content of a journey doc as plain objects, re-read at most once per animation frame
 * after any change (local or remote). Null until the doc exists (SSR, first client render).
 */
import { useEffect, useState } from "react";
import type * as Y from "yjs";
import { journeySharedTypes, readJourneyContent, type JourneyContent } from "~/models/journey-doc";

export function useJourneyContent(doc: Y.Doc | null): JourneyContent | null {
  const [content, setContent] = useState<JourneyContent | null>(() => (doc ? readJourneyContent(doc) : null));
  useEffect(() => {
    if (!doc) {
      setContent(null);
      return;
    }
    setContent(readJourneyContent(doc));
    let frame = 0;
    const schedule = () => {
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        setContent(readJourneyContent(doc));
      });
    };
    const types = journeySharedTypes(doc);
    for (const t of types) t.observeDeep(schedule);
    return () => {
      for (const t of types) t.unobserveDeep(schedule);
      if (frame) cancelAnimationFrame(frame);
    };
  }, [doc]);
  return content;
}
