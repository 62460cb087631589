/**
 * A small RFC 4180 CSV parser (pure, shared): quoted fields with embedded commas, quotes ("")
 * and line breaks; CRLF, LF or CR line ends; a UTF-8 byte-order mark is dropped. Input must be
 * UTF-8 — GBK/GB18030 exports (common from Chinese Excel) are out of scope: decodeUtf8 refuses
 * them so the user can re-save as "CSV UTF-8" instead of seeing mojibake.
 */

export class CsvError extends Error {
  constructor(
    readonly key: string,
    readonly vars: Record<string, unknown> = {},
  ) {
    super(key);
    this.name = "CsvError";
  }
}

/** Strict UTF-8 decoding (refuses invalid bytes) with the BOM removed. */
export function decodeUtf8(bytes: Uint8Array): string {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new CsvError("vision.errors.csvEncoding");
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Parses CSV text into rows of fields. Fully empty lines are skipped. */
export function parseCsv(input: string, opts: { delimiter?: string; maxRows?: number } = {}): string[][] {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const delimiter = opts.delimiter ?? ",";
  const maxRows = opts.maxRows ?? Number.POSITIVE_INFINITY;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  let fieldStarted = false;
  let line = 1;

  const endField = () => {
    row.push(field);
    field = "";
    fieldStarted = false;
  };
  const endRow = () => {
    endField();
    if (!(row.length === 1 && row[0] === "")) {
      rows.push(row);
      if (rows.length > maxRows) throw new CsvError("vision.errors.csvTooManyRows", { max: maxRows });
    }
    row = [];
  };

  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          quoted = false;
        }
      } else {
        if (ch === "\n") line++;
        field += ch;
      }
      continue;
    }
    if (ch === '"' && !fieldStarted) {
      // A quote opens a quoted field only at its start; elsewhere it is an ordinary character.
      quoted = true;
      field = "";
      fieldStarted = true;
    } else if (ch === delimiter) {
      endField();
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      endRow();
      line++;
    } else {
      field += ch;
      fieldStarted = true;
    }
  }
  if (quoted) throw new CsvError("vision.errors.csvUnclosedQuote", { line });
  if (field !== "" || row.length) endRow();
  return rows;
}
