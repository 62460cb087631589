/** Field schemas shared by forms and the API. Messages are i18n keys (see fieldErrors). */
import { z } from "zod";
import { PROGRAM_ROLES, ORG_ROLES } from "../models/permissions";

export const EmailSchema = z
  .string({ error: "validation.required" })
  .trim()
  .min(1, "validation.required")
  .max(254, "validation.tooLong")
  .email("validation.email");

export const PasswordSchema = z
  .string({ error: "validation.required" })
  .min(8, "validation.passwordShort")
  .max(200, "validation.tooLong");

export const PersonNameSchema = z
  .string({ error: "validation.required" })
  .trim()
  .min(1, "validation.required")
  .max(100, "validation.tooLong");

export const TitleSchema = z
  .string({ error: "validation.required" })
  .trim()
  .min(1, "validation.required")
  .max(200, "validation.tooLong");

export const OptionalTitleSchema = z
  .string()
  .trim()
  .max(200, "validation.tooLong")
  .optional()
  .transform((v) => (v ? v : null));

export const DescriptionSchema = z.string().trim().max(5000, "validation.tooLong").default("");

export const ProgramRoleSchema = z.enum(PROGRAM_ROLES, { error: "validation.role" });
export const OrgRoleSchema = z.enum(ORG_ROLES, { error: "validation.role" });

export const IdSchema = z.string().min(1).max(100);
