import { Writable } from "node:stream";
import type { EntryContext } from "@remix-run/node";
import { renderToPipeableStream } from "react-dom/server";
import { RemixServer } from "./utils/remix-server";

const ABORT_DELAY = 5_000;

/**
 * Every page is rendered whole before it is sent (onAllReady: no streamed Suspense boundaries
 * here), so the HTML is gathered into one buffer and sent as one body: one chunk through the
 * response instead of React's many small writes, each crossing a Node and a web stream.
 */
function collect(onDone: (html: Uint8Array<ArrayBuffer>) => void, onError: (error: Error) => void): Writable {
  const chunks: Buffer[] = [];
  return new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
      callback();
    },
    final(callback) {
      onDone(Buffer.concat(chunks));
      callback();
    },
    destroy(error, callback) {
      if (error) onError(error);
      callback(error);
    },
  });
}

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
) {
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const timer = setTimeout(() => abort(), ABORT_DELAY);
    const { pipe, abort } = renderToPipeableStream(<RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} />, {
      onAllReady() {
        shellRendered = true;
        responseHeaders.set("Content-Type", "text/html; charset=utf-8");
        const done = (html: Uint8Array<ArrayBuffer>) => {
          clearTimeout(timer);
          resolve(new Response(html, { headers: responseHeaders, status: responseStatusCode }));
        };
        pipe(collect(done, reject));
      },
      onShellError(error: unknown) {
        clearTimeout(timer);
        reject(error);
      },
      onError(error: unknown) {
        responseStatusCode = 500;
        if (shellRendered) console.error(error);
      },
    });
  });
}
