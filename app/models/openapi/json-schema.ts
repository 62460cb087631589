/** The building blocks of the OpenAPI document: its types and small JSON Schema constructors. */
export type JsonSchema = Record<string, unknown>;
export type Method = "get" | "post" | "put" | "patch" | "delete";
/** public: no authentication; read: any signed-in caller or token; write: a token needs the write scope. */
export type Access = "public" | "read" | "write";

export interface QueryParam {
  name: string;
  description: string;
  schema: JsonSchema;
}

export interface Operation {
  summary: string;
  description?: string;
  tag: string;
  access: Access;
  query?: QueryParam[];
  /** A component schema name (JSON), or a multipart body. */
  body?: { schema: string; description?: string } | { multipart: JsonSchema; description?: string } | { oneOf: string[]; description?: string };
  /** The success answer. */
  ok: { status: number; description: string; schema?: JsonSchema; contentType?: string };
  /** Error statuses this operation may answer with (401 is added for every non-public one). */
  errors: number[];
}

export interface RouteDoc {
  path: string;
  operations: Partial<Record<Method, Operation>>;
}


export const str: JsonSchema = { type: "string" };
export const strOrNull: JsonSchema = { type: ["string", "null"] };
export const int: JsonSchema = { type: "integer" };
export const num: JsonSchema = { type: "number" };
export const numOrNull: JsonSchema = { type: ["number", "null"] };
export const bool: JsonSchema = { type: "boolean" };
export const anyObj: JsonSchema = { type: "object" };
export const ref = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` });
export const arr = (items: JsonSchema): JsonSchema => ({ type: "array", items });
export const obj = (properties: Record<string, JsonSchema>, required: string[] = Object.keys(properties)): JsonSchema => ({
  type: "object",
  properties,
  ...(required.length ? { required } : {}),
});
export const enumOf = (values: readonly string[]): JsonSchema => ({ type: "string", enum: [...values] });
export const day: JsonSchema = { type: "string", format: "date" };
export const time: JsonSchema = { type: "string", format: "date-time" };
export const person = obj({ id: str, name: str });

export const ok = (description: string, properties: Record<string, JsonSchema>, status = 200) => ({ status, description, schema: obj(properties) });

export const q = (name: string, description: string, schema: JsonSchema = str): QueryParam => ({ name, description, schema });
