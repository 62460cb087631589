/** Request bodies of the OpenAPI document, generated from the zod schemas the routes parse with. */
import { z } from "zod";
import { BodySchema as CommitImportSchema } from "../../routes/api.v1.programs.$programId.feedback-imports.$importId.commit";
import { CreateVersionSchema } from "../../routes/api.v1.docs.$docName.versions";
import { SignInSchema } from "../../routes/api.v1.session";
import { MappingSchema } from "../feedback-import.server";
import { FeedbackInputSchema } from "../feedback-submit.server";
import { InitiativeInputSchema } from "../initiative";
import { IdeaInputSchema } from "../ideas";
import { LinkInputSchema, LinkSchema } from "../journey-evidence.server";
import { KPI_TEMPLATE_KEYS, KpiInputSchema, MEASUREMENT_BATCH_MAX, MeasurementBatchSchema, MeasurementInputSchema } from "../kpi";
import { MarginInputSchema, ReviewInputSchema } from "../pain-points.server";
import { MarkReadSchema } from "../../routes/api.v1.notifications.read";
import { AcknowledgeInputSchema } from "../kpi-alerts.server";
import { CreateCommentSchema, EditCommentSchema, ResolveThreadSchema } from "../comments";
import { NominationInputSchema, ReviewInputSchema as NominationReviewSchema, RewardInputSchema as NominationRewardSchema } from "../nominations";
import { InitiativeOfficeInputSchema } from "../portfolio";
import { ExportFileSchema } from "../program-export-format";
import { day, type JsonSchema } from "./json-schema";

// ---------------------------------------------------------------------------------------------
// Request schemas, from zod

export const REQUEST_SCHEMAS: Record<string, z.ZodType> = {
  SignIn: SignInSchema,
  CreateVersion: CreateVersionSchema,
  EvidenceLinkInput: LinkInputSchema,
  PainPointReviewInput: ReviewInputSchema,
  FeedbackImportMapping: MappingSchema,
  FeedbackImportCommit: CommitImportSchema,
  FeedbackInput: FeedbackInputSchema,
  IdeaInput: IdeaInputSchema,
  InitiativeInput: InitiativeInputSchema,
  JourneyEvidenceLinkInput: LinkSchema,
  TriangulationMarginInput: MarginInputSchema,
  KpiInput: KpiInputSchema,
  MeasurementInput: MeasurementInputSchema,
  MeasurementBatch: MeasurementBatchSchema,
  KpiAlertAcknowledgeInput: AcknowledgeInputSchema,
  NotificationsReadInput: MarkReadSchema,
  CommentInput: CreateCommentSchema,
  CommentEdit: EditCommentSchema,
  CommentResolve: ResolveThreadSchema,
  NominationInput: NominationInputSchema,
  NominationReviewInput: NominationReviewSchema,
  NominationRewardInput: NominationRewardSchema,
  InitiativeOfficeInput: InitiativeOfficeInputSchema,
  ProgramExport: ExportFileSchema,
};

/** zod object fields that accept `undefined` (defaults, optional, preprocessors) are not required on input. */
function fixRequired(ctx: { zodSchema: unknown; jsonSchema: JsonSchema }) {
  const def = (ctx.zodSchema as { _zod?: { def?: { type?: string; shape?: Record<string, z.ZodType> } } })._zod?.def;
  const required = ctx.jsonSchema.required;
  if (def?.type !== "object" || !def.shape || !Array.isArray(required)) return;
  const shape = def.shape;
  const acceptsUndefined = (key: string) => {
    try {
      return shape[key]?.safeParse(undefined).success ?? false;
    } catch {
      return false;
    }
  };
  const still = (required as string[]).filter((k) => !acceptsUndefined(k));
  if (still.length) ctx.jsonSchema.required = still;
  else delete ctx.jsonSchema.required;
}

export function requestSchemas(): Record<string, JsonSchema> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(REQUEST_SCHEMAS)) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, {
    io: "input",
    target: "draft-2020-12",
    unrepresentable: "any",
    uri: (id) => `#/components/schemas/${id}`,
    override: fixRequired,
  }) as { schemas: Record<string, JsonSchema> };
  const out: Record<string, JsonSchema> = {};
  for (const [id, s] of Object.entries(schemas)) {
    const { $schema: _s, $id: _i, ...rest } = s;
    out[id] = rest;
  }
  // A template fills kind, unit, direction, cadence and the name when they are left out.
  out.KpiInput = {
    ...out.KpiInput,
    required: [],
    description: `name, kind, unit and direction are required unless \`template\` (${KPI_TEMPLATE_KEYS.join(", ")}) is given, which fills what is left out (the name in the caller's language).`,
  };
  out.MeasurementInput = {
    ...out.MeasurementInput,
    description:
      "One dated value. `date` is a calendar day (YYYY-MM-DD) at most one day ahead of today (UTC); `value` a number (a numeric string is accepted). A day that already has a value is REPLACED by the later write.",
  };
  out.MeasurementBatch = {
    ...out.MeasurementBatch,
    description: `1…${MEASUREMENT_BATCH_MAX.toLocaleString("en")} measurements written in ONE transaction, or refused whole (422 naming the bad rows, e.g. \`measurements.12.value\`). Within a batch the later row of the same day wins.`,
  };
  return out;
}
