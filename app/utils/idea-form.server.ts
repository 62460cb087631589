/**
 * Reads an idea sent as multipart/form-data (the idea box form, or the API with a photo): the text
 * fields, and the `photo` part kept up to one byte past the 5 MB limit (the rest is drained, so an
 * oversized photo is refused with a message beside the field instead of a broken connection, and
 * the rest of the form survives). Without a chosen file there is no photo.
 */
import { MaxPartSizeExceededError, unstable_composeUploadHandlers, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData, type UploadHandler } from "@remix-run/node";
import { DomainError } from "../models/domain.server";
import type { IdeaPhotoUpload } from "../models/ideas.server";
import { IDEA_PHOTO_MAX_BYTES } from "../models/ideas";

/** A photo part larger than this aborts the request (413) instead of being drained. */
const DRAIN_LIMIT_BYTES = 64 * 1024 * 1024;
/** Text fields are small (a 2,000-character idea is ~6 KB in UTF-8). */
const FIELD_MAX_BYTES = 64 * 1024;

function cappedPhotoHandler(keep: number): UploadHandler {
  return async ({ name, filename, contentType, data }) => {
    if (name !== "photo" || filename === undefined) return undefined;
    const chunks: Uint8Array[] = [];
    let size = 0;
    let kept = 0;
    for await (const chunk of data) {
      size += chunk.byteLength;
      if (size > DRAIN_LIMIT_BYTES) throw new DomainError(413, "errors.invalid_input", { photo: "ideas.errors.photoTooLarge" }, { mb: IDEA_PHOTO_MAX_BYTES / 1024 / 1024 });
      if (kept < keep) {
        const part = chunk.subarray(0, keep - kept);
        chunks.push(part);
        kept += part.byteLength;
      }
    }
    if (!filename && size === 0) return undefined;
    return new File([Buffer.concat(chunks)], filename || "photo", { type: contentType });
  };
}

export interface IdeaForm {
  fields: Record<string, string>;
  photo: IdeaPhotoUpload | null;
}

/** Parses a multipart idea; throws a DomainError (413) when a part is far too large. */
export async function readIdeaMultipart(request: Request): Promise<IdeaForm> {
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(
      request,
      unstable_composeUploadHandlers(cappedPhotoHandler(IDEA_PHOTO_MAX_BYTES + 1), unstable_createMemoryUploadHandler({ maxPartSize: FIELD_MAX_BYTES })),
    );
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) throw new DomainError(413, "errors.invalid_input", { _form: "ideas.errors.formTooLarge" });
    throw error;
  }
  const fields: Record<string, string> = {};
  for (const [k, v] of form.entries()) if (typeof v === "string" && !(k in fields)) fields[k] = v;
  const file = form.get("photo");
  const photo =
    file && typeof file !== "string" ? { bytes: new Uint8Array(await file.arrayBuffer()), filename: file.name, mime: file.type || undefined } : null;
  return { fields, photo };
}

/** True for a multipart/form-data request. */
export function isMultipart(request: Request): boolean {
  return (request.headers.get("content-type") ?? "").toLowerCase().startsWith("multipart/form-data");
}
